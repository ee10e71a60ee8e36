import {appendLearnings} from '../report/learnings-file.js';
import {readReport} from '../report/read-report.js';
import {parseCommand} from './args.js';
import {LEARNINGS_FLAGS} from './commands.js';
import {EXIT, InputError, UsageError} from './errors.js';
import type {Io} from './io.js';

const USAGE = `usage: llmtop learnings REPORT.json FILE.md [--date YYYY-MM-DD]

Appends one experiment-log entry for the report to FILE.md (created with a
title if missing): date, model and quantization, configuration, results, each
criterion met or missed, and the findings the data supports.`;

/** `llmtop learnings REPORT.json FILE.md`. */
export async function learningsCommand(argv: string[], io: Io): Promise<number> {
	const parsed = parseCommand(argv, LEARNINGS_FLAGS, 2, USAGE, io.out);
	if (!parsed) return EXIT.pass;
	const {flags, positionals} = parsed;
	const [reportPath, logPath] = positionals;
	if (reportPath === undefined || logPath === undefined) throw new UsageError('learnings needs a report and a Markdown file: llmtop learnings REPORT.json FILE.md');
	const date = flags['date'] as string | undefined;
	if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be YYYY-MM-DD; got '${date}'`);
	const report = readReport(reportPath);
	try {
		appendLearnings(report, logPath, date === undefined ? {} : {date});
	} catch (error) {
		throw new InputError(`${logPath}: cannot append the entry (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}
	io.out(`appended the ${date ?? report.startedAt.slice(0, 10)} entry for ${report.model.name ?? report.model.ref} to ${logPath}`);
	return EXIT.pass;
}
