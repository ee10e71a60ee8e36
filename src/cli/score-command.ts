import {UsageError} from './errors.js';
import type {Io} from './io.js';

/** `llmtop score` (not built yet). */
export async function scoreCommand(_argv: string[], _io: Io): Promise<number> {
	throw new UsageError("'score' is not available in this build yet");
}
