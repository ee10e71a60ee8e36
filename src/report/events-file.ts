import {closeSync, openSync} from 'node:fs';
import {describeErrno, FileError} from '../files/errors.js';
import {forEachLine, INPUT_LIMITS} from '../files/read-input.js';
import {writeAllSync} from '../files/write-all.js';
import {EVENTS_SCHEMA, type RunEvent} from '../run/events.js';
import {eventProblem} from './events-schema.js';
import {upgradeRunStartV1} from './upgrade-v1.js';

/** Options of {@link EventsRecorder}. */
export interface RecorderOptions {
	/**
	 * Longest time an event waits in memory before it is written.
	 * @default 200
	 */
	flushMs?: number;
	/**
	 * Called once when the file cannot be written (ENOSPC, `/dev/full`, EIO):
	 * the recorder stops writing and the run goes on. Without it the error is
	 * thrown by {@link EventsRecorder.close} (never from the timer).
	 */
	onError?(message: string): void;
	/**
	 * Open (create or truncate) the file only when {@link EventsRecorder.open}
	 * is called, holding events in memory until then, so an existing file is
	 * not wiped by a run that stops on bad input before it starts.
	 * @default false
	 */
	deferOpen?: boolean;
}

/**
 * Writes events to a JSONL file as they happen, in small batches: a killed
 * run loses at most the last batch. The file is created (or truncated) when
 * the recorder opens; one run per file. Every byte is written (short writes
 * are looped on); a failing file is reported once and then left alone.
 */
export class EventsRecorder {
	readonly path: string;
	private fd: number | undefined;
	private opened = false;
	private failed = false;
	private pending: string[] = [];
	private timer: NodeJS.Timeout | undefined;
	private readonly flushMs: number;
	private readonly onError: ((message: string) => void) | undefined;
	private unreported: FileError | undefined;

	constructor(path: string, options: RecorderOptions = {}) {
		this.path = path;
		this.flushMs = options.flushMs ?? 200;
		this.onError = options.onError;
		if (!options.deferOpen) this.open();
	}

	/** True once the file was opened (and not given up on). */
	get writing(): boolean {
		return this.fd !== undefined;
	}

	/** Creates (or truncates) the file and writes what was held. Idempotent. */
	open(): void {
		if (this.opened) return;
		this.opened = true;
		try {
			this.fd = openSync(this.path, 'w', 0o644);
		} catch (error) {
			this.fail(error);
			return;
		}
		if (this.pending.length > 0) this.timer ??= setTimeout(() => this.flush(), 0).unref();
	}

	/** Queues one event; it reaches the file within `flushMs` (once open). */
	record(event: RunEvent): void {
		if (this.failed || (this.opened && this.fd === undefined)) return;
		this.pending.push(JSON.stringify(event));
		if (this.fd !== undefined) this.timer ??= setTimeout(() => this.flush(), this.flushMs).unref();
	}

	/** Writes every queued event now (synchronously, so it is safe on exit paths). */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (this.fd === undefined || this.pending.length === 0) return;
		const chunk = this.pending.join('\n') + '\n';
		this.pending = [];
		try {
			writeAllSync(this.fd, chunk);
		} catch (error) {
			this.fail(error);
		}
	}

	/** Flushes and closes the file (opening it first unless `discard`). Further events are ignored. */
	close(options: {discard?: boolean} = {}): void {
		if (options.discard) {
			this.pending = [];
			this.opened = true;
		} else this.open();
		this.flush();
		if (this.fd !== undefined) closeSync(this.fd);
		this.fd = undefined;
		if (this.unreported) throw this.unreported;
	}

	private fail(error: unknown): void {
		if (this.fd !== undefined) closeSync(this.fd);
		this.fd = undefined;
		this.failed = true;
		this.pending = [];
		const message = `the events file ${this.path} cannot be written (${describeErrno(error)}); the run goes on without it`;
		if (this.onError) this.onError(message);
		else this.unreported = new FileError(this.path, `cannot be written: ${describeErrno(error)}`, (error as NodeJS.ErrnoException).code);
	}
}

/** What {@link readEventsFile} could not use. */
export interface DroppedLine {
	line: number;
	reason: string;
}

/** Events read back from a JSONL file. */
export interface EventsFileContents {
	events: RunEvent[];
	dropped: DroppedLine[];
	/** False when the file has no `run-end` (the writer was killed, or is still running): replay it as incomplete. */
	ended: boolean;
}

/** Thrown when an events file cannot be read at all or holds no run. */
export class EventsFileError extends Error {
	override name = 'EventsFileError';
	constructor(
		readonly path: string,
		readonly problem: string,
	) {
		super(`${path}: ${problem}`);
	}
}

/**
 * Reads an events file, streamed line by line (a soak's file is long; each
 * line is capped at {@link INPUT_LIMITS.eventsLine}). Lines that are not
 * whole, well-formed events (a run killed in the middle of a write leaves a
 * cut-off last line; a hand-edited line may have a wrong type) are dropped
 * and listed with the reason. A FIFO, a device or a directory is refused.
 */
export function readEventsFile(path: string): EventsFileContents {
	const collector = new EventsCollector(path);
	try {
		forEachLine(path, 'events file', INPUT_LIMITS.eventsLine, (line) => {
			if ('tooLong' in line) collector.drop(line.line, `longer than ${INPUT_LIMITS.eventsLine} bytes (${line.tooLong})`);
			else collector.add(line.line, line.text, line.unterminated === true);
		});
	} catch (error) {
		if (error instanceof FileError) throw new EventsFileError(path, error.problem);
		throw error;
	}
	return collector.finish();
}

/** Parses JSONL text into events; see {@link readEventsFile}. */
export function parseEvents(path: string, text: string): EventsFileContents {
	const collector = new EventsCollector(path);
	const lines = text.split('\n');
	lines.forEach((line, i) => collector.add(i + 1, line, i === lines.length - 1));
	return collector.finish();
}

/** Checks lines one by one into events and dropped lines; one run per file. */
class EventsCollector {
	readonly #events: RunEvent[] = [];
	readonly #dropped: DroppedLine[] = [];
	#secondRunAt: number | undefined;
	#ended = false;

	constructor(private readonly path: string) {}

	add(line: number, text: string, last: boolean): void {
		if (this.#secondRunAt !== undefined || text.trim() === '') return;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			this.drop(line, last ? 'cut off (incomplete last line)' : 'not valid JSON');
			return;
		}
		const type = (value as {type?: unknown} | null)?.type;
		if (type === 'run-start' && this.#events.length > 0) {
			this.#secondRunAt = line;
			return;
		}
		if (type === 'run-start' && this.#events.length === 0) {
			const upgraded = upgradeRunStart(this.path, value as Record<string, unknown>);
			const problem = eventProblem(upgraded);
			if (problem) throw new EventsFileError(this.path, `line ${line}: ${problem}`);
			this.#events.push(upgraded);
			return;
		}
		const problem = eventProblem(value);
		if (problem) {
			this.drop(line, problem);
			return;
		}
		if (this.#events.length === 0) throw new EventsFileError(this.path, 'does not start with a run-start event (not an llmtop events file?)');
		if (this.#ended) {
			this.drop(line, 'after the run-end event');
			return;
		}
		if (type === 'run-end') this.#ended = true;
		this.#events.push(value as RunEvent);
	}

	drop(line: number, reason: string): void {
		if (this.#dropped.length < 10_000) this.#dropped.push({line, reason});
	}

	finish(): EventsFileContents {
		if (this.#events.length === 0)
			throw new EventsFileError(
				this.path,
				this.#dropped.length ? `no readable events (line ${this.#dropped[0]?.line}: ${this.#dropped[0]?.reason})` : 'empty file',
			);
		if (this.#secondRunAt !== undefined)
			this.#dropped.push({line: this.#secondRunAt, reason: 'a second run starts here (one run per events file): it and the lines after it are left out'});
		return {events: this.#events, dropped: this.#dropped, ended: this.#ended};
	}
}

/**
 * The `run-start` event as this build reads it: `llmtop/events@2` as is,
 * `@1` upgraded ({@link upgradeRunStartV1}); any other schema is refused by name.
 */
function upgradeRunStart(path: string, event: Record<string, unknown>): RunEvent {
	const schema = event['schema'];
	if (schema === EVENTS_SCHEMA) return event as unknown as RunEvent;
	if (schema === 'llmtop/events@1') return upgradeRunStartV1(event) as unknown as RunEvent;
	const named = typeof schema === 'string' ? `is ${schema.slice(0, 60)}` : 'has no "schema" in its run-start event';
	throw new EventsFileError(path, `${named}; this llmtop reads ${EVENTS_SCHEMA} and llmtop/events@1`);
}
