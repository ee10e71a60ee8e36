import {closeSync, readSync} from 'node:fs';
import {wantsShareFiles, writeRunShareFiles} from '../../export/share-files.js';
import {readEventsFile} from '../../report/events-file.js';
import {readReport} from '../../report/read-report.js';
import {FileError} from '../../files/errors.js';
import {openRegularFile} from '../../files/read-input.js';
import {buildReport} from '../../report/report.js';
import type {Report} from '../../report/types.js';
import {RunStore} from '../../run/store.js';
import type {ParsedArgs} from '../args.js';
import {InputError, UsageError} from '../errors.js';
import {EXIT} from '../exit-codes.js';
import type {Io} from '../io.js';
import {checkShareConflicts, reportShareFailures, shareFilesOf} from '../share-flags.js';

/** `llmtop report EVENTS.jsonl|REPORT.json --html FILE`. */
export async function reportCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	const {flags, positionals} = parsed;
	const path = positionals[0];
	if (path === undefined) throw new UsageError('report needs an events or report file: llmtop report EVENTS.jsonl|REPORT.json --html FILE');
	const files = shareFilesOf(flags, io);
	if (!wantsShareFiles(files)) throw new UsageError('report needs an output: --html FILE, --junit FILE or --summary-md FILE');
	checkShareConflicts(files, [{flag: 'INPUT', path, role: 'input'}]);
	const report = readRun(path, io);
	return reportShareFailures(writeRunShareFiles([{name: path, report}], files), io) ?? EXIT.pass;
}

/** A report file, or the report rebuilt from an events file (told apart by the first line: an events file starts with `run-start`). */
function readRun(path: string, io: Io): Report {
	if (!isEventsText(firstLine(path))) return readReport(path);
	const {events, dropped} = readEventsFile(path);
	if (dropped.length > 0)
		io.err(`llmtop: ${path}: ${dropped.length} line${dropped.length === 1 ? '' : 's'} dropped (first: line ${dropped[0]?.line}: ${dropped[0]?.reason})`);
	const store = new RunStore();
	store.applyAll(events);
	return buildReport(store);
}

/** The first line of a regular file (a FIFO or a device is refused by name, without blocking), at most 64 KiB of it. */
function firstLine(path: string): string {
	let opened: {fd: number};
	try {
		opened = openRegularFile(path, 'run file (events or report)', Number.MAX_SAFE_INTEGER);
	} catch (error) {
		if (error instanceof FileError) throw new InputError(error.message);
		throw error;
	}
	try {
		const buffer = Buffer.alloc(64 * 1024);
		const length = readSync(opened.fd, buffer, 0, buffer.length, 0);
		return buffer.subarray(0, length).toString('utf8').trimStart().split('\n', 1)[0] ?? '';
	} finally {
		closeSync(opened.fd);
	}
}

function isEventsText(first: string): boolean {
	try {
		const value = JSON.parse(first) as {type?: unknown};
		return typeof value === 'object' && value !== null && value.type === 'run-start';
	} catch {
		return false;
	}
}
