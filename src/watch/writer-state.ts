/**
 * Whether the llmtop writing an events file is still at it. Pure: the
 * caller passes what it read (the lock's state, whether `run-end` came, how
 * long ago the last event arrived).
 */
import type {EventsLockState} from '../report/events-lock.js';

/** The writer as a watcher shows it. */
export type WriterState = 'live' | 'ended' | 'writer gone';

/** With no lock to ask, a writer silent this long is taken as gone (a live run samples every second or faster). */
export const SILENT_WRITER_MS = 10_000;

/** What {@link writerState} decides, with the reason shown beside it. */
export interface WriterStatus {
	state: WriterState;
	detail?: string;
}

/** The writer's state from the lock, the events and the age of the last one. */
export function writerState(input: {ended: boolean; lock: EventsLockState; lastEventAgeMs: number; silentMs?: number}): WriterStatus {
	if (input.ended) return {state: 'ended'};
	const {lock} = input;
	switch (lock.state) {
		case 'stale':
			return {state: 'writer gone', detail: `PID ${lock.lock.pid} is no longer running and wrote no run-end`};
		case 'live':
			return {state: 'live', detail: `PID ${lock.lock.pid}`};
		case 'foreign':
			return {state: 'live', detail: `PID ${lock.lock.pid} on ${lock.lock.host}`};
		case 'none':
		case 'unreadable':
			if (input.lastEventAgeMs > (input.silentMs ?? SILENT_WRITER_MS)) {
				return {state: 'writer gone', detail: `no lock and no event for ${Math.round(input.lastEventAgeMs / 1000)} s, without run-end`};
			}
			return {state: 'live'};
		default:
			return lock satisfies never;
	}
}
