import {UsageError} from './errors.js';
import type {Io} from './io.js';

/** `llmtop compare` (not built yet). */
export async function compareCommand(_argv: string[], _io: Io): Promise<number> {
	throw new UsageError("'compare' is not available in this build yet");
}
