import {appendLearnings} from '../../report/learnings-file.js';
import {readReport} from '../../report/read-report.js';
import type {ParsedArgs} from '../args.js';
import {InputError, UsageError} from '../errors.js';
import {EXIT} from '../exit-codes.js';
import {describeErrno, FileError} from '../../files/errors.js';
import {findPathConflict} from '../../files/path-conflicts.js';
import type {Io} from '../io.js';

/** `llmtop learnings REPORT.json FILE.md`. */
export async function learningsCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	const {flags, positionals} = parsed;
	const [reportPath, logPath] = positionals;
	if (reportPath === undefined || logPath === undefined)
		throw new UsageError('learnings needs a report and a Markdown file: llmtop learnings REPORT.json FILE.md');
	const date = flags['date'] as string | undefined;
	if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be YYYY-MM-DD; got '${date}'`);
	const conflict = findPathConflict([
		{flag: 'REPORT', path: reportPath, role: 'input'},
		{flag: 'FILE.md', path: logPath, role: 'output'},
	]);
	if (conflict) throw new UsageError(conflict);
	const report = readReport(reportPath);
	try {
		appendLearnings(report, logPath, date === undefined ? {} : {date});
	} catch (error) {
		const reason = error instanceof FileError ? error.problem : describeErrno(error);
		throw new InputError(`${logPath}: cannot append the entry: ${reason}`);
	}
	io.out(`appended the ${date ?? report.startedAt.slice(0, 10)} entry for ${report.model.name ?? report.model.ref} to ${logPath}`);
	return EXIT.pass;
}
