import {describe, expect, it} from 'vitest';
import type {EventsLockState} from '../../src/report/events-lock.js';
import {watchFooterNote} from '../../src/watch/footer-note.js';
import {SILENT_WRITER_MS, writerState} from '../../src/watch/writer-state.js';

const lock = {pid: 42, host: 'box', startedAt: '2026-12-07T05:00:00.000Z'};

describe('writerState', () => {
	const cases: Array<[string, {ended: boolean; lock: EventsLockState; lastEventAgeMs: number}, string]> = [
		['run-end seen, whatever the lock says', {ended: true, lock: {state: 'stale', lock}, lastEventAgeMs: 60_000}, 'ended'],
		['live lock, fresh events', {ended: false, lock: {state: 'live', lock}, lastEventAgeMs: 100}, 'live'],
		['live lock, silent for long (a paused run): still live', {ended: false, lock: {state: 'live', lock}, lastEventAgeMs: 600_000}, 'live'],
		['stale lock (PID dead), no run-end', {ended: false, lock: {state: 'stale', lock}, lastEventAgeMs: 100}, 'writer gone'],
		['another host: cannot check, live', {ended: false, lock: {state: 'foreign', lock}, lastEventAgeMs: 600_000}, 'live'],
		['no lock, recent events', {ended: false, lock: {state: 'none'}, lastEventAgeMs: SILENT_WRITER_MS - 1}, 'live'],
		['no lock, silent past the limit', {ended: false, lock: {state: 'none'}, lastEventAgeMs: SILENT_WRITER_MS + 1}, 'writer gone'],
		['unreadable lock, silent past the limit', {ended: false, lock: {state: 'unreadable', reason: 'x'}, lastEventAgeMs: SILENT_WRITER_MS + 1}, 'writer gone'],
	];
	it.each(cases)('%s', (_name, input, state) => {
		expect(writerState(input).state).toBe(state);
	});

	it('names the dead PID', () => {
		expect(writerState({ended: false, lock: {state: 'stale', lock}, lastEventAgeMs: 0}).detail).toContain('PID 42');
	});
});

describe('watchFooterNote', () => {
	it('shows state, PID, age and the watcher CPU', () => {
		expect(watchFooterNote({status: {state: 'live', detail: 'PID 42'}, lastEventAgeMs: 1234, cpuPct: 1.25})).toBe(
			'watch · live (PID 42) · last event 1.2 s ago · watcher CPU 1.3%',
		);
	});
	it('drops the age once ended and names a reset file', () => {
		expect(watchFooterNote({status: {state: 'ended'}, lastEventAgeMs: 5000, cpuPct: 0})).toBe('watch · ended · watcher CPU 0.0%');
		expect(watchFooterNote({status: {state: 'live'}, lastEventAgeMs: 0, cpuPct: 0, reset: 'truncated'})).toContain('file truncated');
	});
});
