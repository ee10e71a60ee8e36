import {closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs';
import type {Stats} from 'node:fs';
import {describeErrno, FileError} from './errors.js';

/** Size limits of the text inputs, bytes (far above any real file; a device or a bomb stops here). */
export const INPUT_LIMITS = {
	/** A suite or criteria file. */
	config: 8 * 1024 * 1024,
	/** A report (`compare`, `score`, `learnings`, `--baseline`). */
	report: 256 * 1024 * 1024,
	/** One line of an events file (a soak's file is long, but its lines are short). */
	eventsLine: 16 * 1024 * 1024,
	/** An existing Markdown experiment log that `learnings` appends to. */
	markdown: 64 * 1024 * 1024,
} as const;

/** `an events file`, `a report`. */
function withArticle(what: string): string {
	return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}

/** What a non-regular file is, by name (`a FIFO (named pipe)`), for refusing it. */
export function describeFileKind(stats: Stats): string {
	if (stats.isDirectory()) return 'a directory';
	if (stats.isFIFO()) return 'a FIFO (named pipe) or a pipe';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSocket()) return 'a socket';
	return 'not a regular file';
}

/**
 * Opens `path` for reading after checking, by name and again on the open
 * descriptor, that it is a regular file (a FIFO, `/dev/stdin`, `/dev/zero` or
 * a directory is refused without blocking) no larger than `maxBytes`.
 * Returns the descriptor and the size.
 */
export function openRegularFile(path: string, what: string, maxBytes: number): {fd: number; size: number} {
	let stats: Stats;
	try {
		stats = statSync(path);
	} catch (error) {
		throw new FileError(
			path,
			(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read the ${what}: ${describeErrno(error)}`,
			(error as NodeJS.ErrnoException).code,
		);
	}
	if (!stats.isFile()) throw new FileError(path, `is ${describeFileKind(stats)}, not ${withArticle(what)}`);
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		throw new FileError(path, `cannot read the ${what}: ${describeErrno(error)}`, (error as NodeJS.ErrnoException).code);
	}
	const opened = fstatSync(fd);
	if (!opened.isFile()) {
		closeSync(fd);
		throw new FileError(path, `is ${describeFileKind(opened)}, not ${withArticle(what)}`);
	}
	if (opened.size > maxBytes) {
		closeSync(fd);
		throw new FileError(path, `is ${formatMiB(opened.size)}, larger than the ${formatMiB(maxBytes)} a ${what} may be`);
	}
	return {fd, size: opened.size};
}

/** Reads a regular text file of at most `maxBytes` (see {@link openRegularFile}); a file that grows past the cap while read is refused too. */
export function readTextInput(path: string, what: string, maxBytes: number): string {
	const {fd, size} = openRegularFile(path, what, maxBytes);
	try {
		const buffer = Buffer.alloc(Math.min(maxBytes, size) + 1);
		let length = 0;
		for (;;) {
			if (length === buffer.length) throw new FileError(path, `grew past the ${formatMiB(maxBytes)} a ${what} may be while it was read`);
			const read = readSync(fd, buffer, length, buffer.length - length, null);
			if (read === 0) break;
			length += read;
		}
		return buffer.subarray(0, length).toString('utf8');
	} catch (error) {
		if (error instanceof FileError) throw error;
		throw new FileError(path, `cannot read the ${what}: ${describeErrno(error)}`, (error as NodeJS.ErrnoException).code);
	} finally {
		closeSync(fd);
	}
}

/** One line of a file read by {@link forEachLine}: its text, or why it was skipped. */
export type LineRead = {line: number; text: string; unterminated?: true} | {line: number; tooLong: number};

/**
 * Streams a regular file line by line (no size cap on the file; each line is
 * capped at `maxLineBytes`: a longer one is skipped and reported with its
 * length). The last line is passed even without a final newline.
 */
export function forEachLine(path: string, what: string, maxLineBytes: number, onLine: (line: LineRead) => void): void {
	const {fd} = openRegularFile(path, what, Number.MAX_SAFE_INTEGER);
	const chunk = Buffer.alloc(1024 * 1024);
	let parts: Buffer[] = [];
	let partBytes = 0;
	let skipping = 0;
	let line = 0;
	const endLine = (tail: Buffer, unterminated = false): void => {
		line += 1;
		if (skipping > 0 || partBytes + tail.length > maxLineBytes) onLine({line, tooLong: skipping + partBytes + tail.length});
		else onLine({line, text: Buffer.concat([...parts, tail]).toString('utf8'), ...(unterminated ? {unterminated: true as const} : {})});
		parts = [];
		partBytes = 0;
		skipping = 0;
	};
	try {
		for (;;) {
			const read = readSync(fd, chunk, 0, chunk.length, null);
			if (read === 0) break;
			let start = 0;
			for (let newline = chunk.indexOf(10, start); newline >= 0 && newline < read; newline = chunk.indexOf(10, start)) {
				endLine(Buffer.from(chunk.subarray(start, newline)));
				start = newline + 1;
			}
			const rest = chunk.subarray(start, read);
			if (skipping > 0 || partBytes + rest.length > maxLineBytes) {
				skipping += partBytes + rest.length;
				parts = [];
				partBytes = 0;
			} else if (rest.length > 0) {
				parts.push(Buffer.from(rest));
				partBytes += rest.length;
			}
		}
		if (partBytes > 0 || skipping > 0) endLine(Buffer.alloc(0), true);
	} catch (error) {
		if (!isSystemError(error)) throw error;
		throw new FileError(path, `cannot read the ${what}: ${describeErrno(error)}`, error.code);
	} finally {
		closeSync(fd);
	}
}

/** An error from the operating system (it has a syscall), as opposed to one a caller's callback threw. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
	return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function formatMiB(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
}
