import {closeSync, openSync, readFileSync, writeSync} from 'node:fs';
import {EVENTS_SCHEMA, type RunEvent} from '../run/events.js';
import {upgradeRunStartV1} from './upgrade-v1.js';

/** Options of {@link EventsRecorder}. */
export interface RecorderOptions {
	/**
	 * Longest time an event waits in memory before it is written.
	 * @default 200
	 */
	flushMs?: number;
}

/**
 * Writes events to a JSONL file as they happen, in small batches: a killed
 * run loses at most the last batch. The file is created (or truncated) when
 * the recorder opens; one run per file.
 */
export class EventsRecorder {
	readonly path: string;
	private fd: number | undefined;
	private pending: string[] = [];
	private timer: NodeJS.Timeout | undefined;
	private readonly flushMs: number;

	constructor(path: string, options: RecorderOptions = {}) {
		this.path = path;
		this.flushMs = options.flushMs ?? 200;
		this.fd = openSync(path, 'w', 0o644);
	}

	/** Queues one event; it reaches the file within `flushMs`. */
	record(event: RunEvent): void {
		if (this.fd === undefined) return;
		this.pending.push(JSON.stringify(event));
		this.timer ??= setTimeout(() => this.flush(), this.flushMs).unref();
	}

	/** Writes every queued event now (synchronously, so it is safe on exit paths). */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (this.fd === undefined || this.pending.length === 0) return;
		const chunk = this.pending.join('\n') + '\n';
		this.pending = [];
		writeSync(this.fd, chunk);
	}

	/** Flushes and closes the file. Further events are ignored. */
	close(): void {
		this.flush();
		if (this.fd !== undefined) closeSync(this.fd);
		this.fd = undefined;
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
}

/** Thrown when an events file cannot be read at all or holds no run. */
export class EventsFileError extends Error {
	override name = 'EventsFileError';
	constructor(readonly path: string, readonly problem: string) {
		super(`${path}: ${problem}`);
	}
}

/**
 * Reads an events file. Lines that are not whole JSON events (a run killed in
 * the middle of a write leaves a cut-off last line) are dropped and listed.
 */
export function readEventsFile(path: string): EventsFileContents {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new EventsFileError(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? String(error)})`);
	}
	return parseEvents(path, text);
}

/** Parses JSONL text into events; see {@link readEventsFile}. */
export function parseEvents(path: string, text: string): EventsFileContents {
	const events: RunEvent[] = [];
	const dropped: DroppedLine[] = [];
	const lines = text.split('\n');
	lines.forEach((line, i) => {
		if (line.trim() === '') return;
		try {
			const value: unknown = JSON.parse(line);
			if (isEvent(value)) events.push(value);
			else dropped.push({line: i + 1, reason: 'not an llmtop event'});
		} catch {
			dropped.push({line: i + 1, reason: i === lines.length - 1 ? 'cut off (incomplete last line)' : 'not valid JSON'});
		}
	});
	if (events.length === 0) throw new EventsFileError(path, dropped.length ? 'no readable events' : 'empty file');
	const first = events[0];
	if (first?.type !== 'run-start') throw new EventsFileError(path, 'does not start with a run-start event (not an llmtop events file?)');
	events[0] = upgradeRunStart(path, first as unknown as Record<string, unknown>);
	return {events, dropped};
}

/**
 * The `run-start` event as this build reads it: `llmtop/events@2` as is,
 * `@1` upgraded ({@link upgradeRunStartV1}); any other schema is refused by name.
 */
function upgradeRunStart(path: string, event: Record<string, unknown>): RunEvent {
	const schema = event['schema'];
	if (schema === EVENTS_SCHEMA) return event as unknown as RunEvent;
	if (schema === 'llmtop/events@1') return upgradeRunStartV1(event) as unknown as RunEvent;
	const named = typeof schema === 'string' ? `is ${schema}` : 'has no "schema" in its run-start event';
	throw new EventsFileError(path, `${named}; this llmtop reads ${EVENTS_SCHEMA} and llmtop/events@1`);
}

function isEvent(value: unknown): value is RunEvent {
	return typeof value === 'object' && value !== null
		&& typeof (value as {type?: unknown}).type === 'string'
		&& typeof (value as {t?: unknown}).t === 'number';
}
