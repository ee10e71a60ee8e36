import {UsageError} from './errors.js';
import type {Io} from './io.js';

/** compare, replay, score, learnings and engine: dispatched here as they land. */
export async function otherCommand(command: string, _argv: string[], _io: Io): Promise<number> {
	throw new UsageError(`'${command}' is not available in this build yet`);
}
