/**
 * The lock beside an events file (`EVENTS.jsonl.lock`): one writer per
 * events file. It holds the writer's PID, host and start time as JSON and is
 * removed when the run ends. A second `run --events` on the same file is
 * refused; a lock left by a dead process on this host (SIGKILL, a crash) is
 * taken over with a warning. `llmtop watch` reads it with {@link readEventsLock}
 * to tell a live writer from a dead one.
 */
import {closeSync, openSync, readFileSync, unlinkSync} from 'node:fs';
import {hostname} from 'node:os';
import {processIsAlive} from '../files/process-alive.js';
import {writeAllSync} from '../files/write-all.js';

/** What an events lock file holds. */
export interface EventsLock {
	pid: number;
	host: string;
	/** ISO 8601. */
	startedAt: string;
}

/** The state of an events file's writer, as {@link readEventsLock} sees it. */
export type EventsLockState =
	| {state: 'none'}
	| {state: 'live'; lock: EventsLock}
	/** The PID is gone on this host: the writer died without removing its lock. */
	| {state: 'stale'; lock: EventsLock}
	/** Another host's writer (a shared disk): cannot be checked from here. */
	| {state: 'foreign'; lock: EventsLock}
	| {state: 'unreadable'; reason: string};

/** Another writer holds the events file; exit 2. */
export class EventsLockedError extends Error {
	override name = 'EventsLockedError';
}

/** The lock file's path for an events file. */
export function eventsLockPath(eventsPath: string): string {
	return `${eventsPath}.lock`;
}

/** Reads the lock beside `eventsPath` and says whether its writer is alive. */
export function readEventsLock(eventsPath: string): EventsLockState {
	let text: string;
	try {
		text = readFileSync(eventsLockPath(eventsPath), 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {state: 'none'};
		return {state: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? String(error)};
	}
	const lock = parseLock(text);
	if (!lock) return {state: 'unreadable', reason: 'not an llmtop events lock'};
	if (lock.host !== hostname()) return {state: 'foreign', lock};
	return processIsAlive(lock.pid) ? {state: 'live', lock} : {state: 'stale', lock};
}

/** A held lock; {@link release} removes the file (safe to call twice, and on exit paths). */
export interface HeldEventsLock {
	readonly path: string;
	release(): void;
}

/**
 * Takes the lock of `eventsPath` for this process. Throws
 * {@link EventsLockedError} when a live writer (or another host's, or an
 * unreadable lock) holds it; a stale lock is replaced and `onWarning` told.
 */
export function acquireEventsLock(eventsPath: string, onWarning: (message: string) => void = () => {}): HeldEventsLock {
	const path = eventsLockPath(eventsPath);
	const lock: EventsLock = {pid: process.pid, host: hostname(), startedAt: new Date().toISOString()};
	for (let attempt = 0; attempt < 3; attempt++) {
		let fd: number;
		try {
			fd = openSync(path, 'wx', 0o644);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
				throw new EventsLockedError(`--events ${eventsPath}: cannot create the lock ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
			const held = readEventsLock(eventsPath);
			if (held.state === 'stale') {
				onWarning(`took over the lock ${path} of PID ${held.lock.pid} (started ${held.lock.startedAt}), which is no longer running`);
				unlinkSync(path);
				continue;
			}
			if (held.state === 'none') continue;
			throw new EventsLockedError(lockedMessage(eventsPath, path, held));
		}
		try {
			writeAllSync(fd, `${JSON.stringify(lock)}\n`);
		} finally {
			closeSync(fd);
		}
		let released = false;
		return {
			path,
			release: () => {
				if (released) return;
				released = true;
				try {
					const current = parseLock(readFileSync(path, 'utf8'));
					if (current?.pid === process.pid) unlinkSync(path);
				} catch {
					// already gone
				}
			},
		};
	}
	throw new EventsLockedError(`--events ${eventsPath}: the lock ${path} keeps changing; is another run starting?`);
}

function lockedMessage(eventsPath: string, path: string, held: EventsLockState): string {
	const base = `--events ${eventsPath} is being written by another run`;
	switch (held.state) {
		case 'live':
			return `${base} (PID ${held.lock.pid} since ${held.lock.startedAt}; lock ${path}); give another --events path`;
		case 'foreign':
			return `${base} on host ${held.lock.host} (PID ${held.lock.pid} since ${held.lock.startedAt}; lock ${path}); remove the lock if that run is gone`;
		case 'unreadable':
			return `--events ${eventsPath}: its lock ${path} is unreadable (${held.reason}); remove it if no run writes this file`;
		case 'none':
		case 'stale':
			return base;
		default:
			return held satisfies never;
	}
}

function parseLock(text: string): EventsLock | undefined {
	try {
		const value = JSON.parse(text) as Partial<EventsLock> | null;
		if (value && Number.isSafeInteger(value.pid) && (value.pid ?? 0) > 0 && typeof value.host === 'string' && typeof value.startedAt === 'string') {
			return {pid: value.pid as number, host: value.host, startedAt: value.startedAt};
		}
	} catch {
		// not JSON
	}
	return undefined;
}
