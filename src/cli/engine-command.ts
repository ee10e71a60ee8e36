import {UsageError} from './errors.js';
import type {Io} from './io.js';

/** `llmtop engine` (not built yet). */
export async function engineCommand(_argv: string[], _io: Io): Promise<number> {
	throw new UsageError("'engine' is not available in this build yet");
}
