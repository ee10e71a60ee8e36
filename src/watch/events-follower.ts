/**
 * Follows an events file another llmtop is writing: each {@link poll} reads
 * what was appended since the last one, returns the whole new lines as
 * events and keeps a cut-off last line until its end arrives. A file that
 * shrinks (truncated) or whose inode changes (replaced) is reported, not
 * read as if it went on.
 */
import {closeSync, fstatSync, openSync, readSync, statSync} from 'node:fs';
import {EventsFileError, parseEvents, type DroppedLine} from '../report/events-file.js';
import type {RunEvent} from '../run/events.js';

/** Longest line kept while waiting for its end (a writer never writes one this long). */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** What one {@link EventsFollower.poll} found. */
export interface FollowStep {
	events: RunEvent[];
	dropped: DroppedLine[];
	/** Set when the file is no longer the one being followed. */
	reset?: 'truncated' | 'replaced' | 'removed';
}

/** Reads an events file incrementally; see the module comment. */
export class EventsFollower {
	readonly path: string;
	#offset = 0;
	#partial = '';
	#line = 0;
	#ino: number | undefined;
	#started = false;

	constructor(path: string) {
		this.path = path;
	}

	/** Bytes read so far. */
	get offset(): number {
		return this.#offset;
	}

	/**
	 * Reads what was appended. Throws {@link EventsFileError} when the first
	 * line is not an llmtop `run-start` (not an events file).
	 */
	poll(): FollowStep {
		let fd: number;
		try {
			fd = openSync(this.path, 'r');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT' && this.#ino !== undefined) return {events: [], dropped: [], reset: 'removed'};
			throw new EventsFileError(this.path, `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
		}
		try {
			const stat = fstatSync(fd);
			if (!stat.isFile()) throw new EventsFileError(this.path, 'not a regular file');
			if (this.#ino !== undefined && stat.ino !== this.#ino) return {events: [], dropped: [], reset: 'replaced'};
			this.#ino = stat.ino;
			if (stat.size < this.#offset) return {events: [], dropped: [], reset: 'truncated'};
			const text = this.#readFrom(fd, stat.size);
			return this.#parse(text);
		} finally {
			closeSync(fd);
		}
	}

	/** Whether the path now names another file than the one followed (checked without reading). */
	replaced(): boolean {
		try {
			return this.#ino !== undefined && statSync(this.path).ino !== this.#ino;
		} catch {
			return this.#ino !== undefined;
		}
	}

	#readFrom(fd: number, size: number): string {
		const parts: Buffer[] = [];
		while (this.#offset < size) {
			const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, size - this.#offset));
			const n = readSync(fd, buffer, 0, buffer.length, this.#offset);
			if (n === 0) break;
			parts.push(buffer.subarray(0, n));
			this.#offset += n;
		}
		return Buffer.concat(parts).toString('utf8');
	}

	#parse(text: string): FollowStep {
		const all = this.#partial + text;
		const lines = all.split('\n');
		this.#partial = lines.pop() ?? '';
		if (this.#partial.length > MAX_LINE_BYTES)
			throw new EventsFileError(this.path, `line ${this.#line + 1} is longer than ${MAX_LINE_BYTES} bytes (not an llmtop events file?)`);
		const events: RunEvent[] = [];
		const dropped: DroppedLine[] = [];
		for (const line of lines) {
			this.#line++;
			if (line.trim() === '') continue;
			if (!this.#started) {
				// The first line decides whether this is an events file (and upgrades events@1).
				try {
					events.push(...parseEvents(this.path, line).events);
				} catch (error) {
					if (!(error instanceof EventsFileError)) throw error;
					throw new EventsFileError(
						this.path,
						`not an llmtop events file: its first line ${error.problem.includes('schema') || error.problem.startsWith('is ') ? error.problem : 'is not a run-start event'}`,
					);
				}
				this.#started = true;
				continue;
			}
			const event = parseEventLine(line);
			if (event) events.push(event);
			else dropped.push({line: this.#line, reason: 'not an llmtop event'});
		}
		return {events, dropped};
	}
}

function parseEventLine(line: string): RunEvent | undefined {
	try {
		const value: unknown = JSON.parse(line);
		if (typeof value === 'object' && value !== null && typeof (value as {type?: unknown}).type === 'string' && typeof (value as {t?: unknown}).t === 'number') {
			return value as RunEvent;
		}
	} catch {
		// dropped below
	}
	return undefined;
}
