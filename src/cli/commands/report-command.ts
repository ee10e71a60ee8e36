import {readFileSync} from 'node:fs';
import {wantsShareFiles, writeRunShareFiles} from '../../export/share-files.js';
import {readEventsFile} from '../../report/events-file.js';
import {parseReport} from '../../report/read-report.js';
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
	const files = shareFilesOf(flags);
	if (!wantsShareFiles(files)) throw new UsageError('report needs an output: --html FILE, --junit FILE or --summary-md FILE');
	checkShareConflicts(files, [{flag: 'INPUT', path, role: 'input'}]);
	const report = readRun(path, io);
	return reportShareFailures(writeRunShareFiles([{name: path, report}], files), io) ?? EXIT.pass;
}

/** A report file, or the report rebuilt from an events file (told apart by the first line: an events file starts with `run-start`). */
function readRun(path: string, io: Io): Report {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(
			`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? (error as Error).message})`}`,
		);
	}
	if (!isEventsText(text)) return parseReport(path, text);
	const {events, dropped} = readEventsFile(path);
	if (dropped.length > 0)
		io.err(`llmtop: ${path}: ${dropped.length} line${dropped.length === 1 ? '' : 's'} dropped (first: line ${dropped[0]?.line}: ${dropped[0]?.reason})`);
	const store = new RunStore();
	store.applyAll(events);
	return buildReport(store);
}

function isEventsText(text: string): boolean {
	const first = text.trimStart().split('\n', 1)[0] ?? '';
	try {
		const value = JSON.parse(first) as {type?: unknown};
		return typeof value === 'object' && value !== null && value.type === 'run-start';
	} catch {
		return false;
	}
}
