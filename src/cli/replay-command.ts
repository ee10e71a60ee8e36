import {UsageError} from './errors.js';
import type {Io} from './io.js';

/** `llmtop replay` (not built yet). */
export async function replayCommand(_argv: string[], _io: Io): Promise<number> {
	throw new UsageError("'replay' is not available in this build yet");
}
