/** The watcher's footer text. Pure. */
import type {WriterStatus} from './writer-state.js';

/** `watch · live (PID 42) · last event 0.4 s ago · watcher CPU 1.2%`. */
export function watchFooterNote(input: {status: WriterStatus; lastEventAgeMs: number; cpuPct: number; reset?: string}): string {
	const state = input.reset ? `file ${input.reset}` : input.status.state;
	const pid = input.status.state === 'live' && input.status.detail ? ` (${input.status.detail})` : '';
	const age = input.status.state === 'ended' ? '' : ` · last event ${(Math.max(0, input.lastEventAgeMs) / 1000).toFixed(1)} s ago`;
	return `watch · ${state}${pid}${age} · watcher CPU ${input.cpuPct.toFixed(1)}%`;
}
