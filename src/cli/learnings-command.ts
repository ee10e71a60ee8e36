import {UsageError} from './errors.js';
import type {Io} from './io.js';

/** `llmtop learnings` (not built yet). */
export async function learningsCommand(_argv: string[], _io: Io): Promise<number> {
	throw new UsageError("'learnings' is not available in this build yet");
}
