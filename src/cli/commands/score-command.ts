import {existsSync} from 'node:fs';
import {reportJson, writeReportFile} from '../../report/report-file.js';
import {readReport} from '../../report/read-report.js';
import {rescoreReport, type RescoredReport} from '../../report/rescore-report.js';
import type {Report} from '../../report/types.js';
import {builtinSuitePath, loadSuite, type Suite} from '../../suite/index.js';
import type {ParsedArgs} from '../args.js';
import {InputError, UsageError} from '../errors.js';
import {combineExitCodes, EXIT, verdictExitCode} from '../exit-codes.js';
import {FileError} from '../../files/errors.js';
import {resolveOutputTarget} from '../../files/output-target.js';
import {findPathConflict} from '../../files/path-conflicts.js';
import type {Io} from '../io.js';

/** `llmtop score REPORT.json`: exit code from the new verdict. */
export async function scoreCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	const {flags, positionals} = parsed;
	const path = positionals[0];
	if (path === undefined) throw new UsageError('score needs a report: llmtop score REPORT.json [--suite FILE]');
	const flagOut = flags['out'] as string | undefined;
	const out = flagOut === '-' ? undefined : flagOut;
	if (out !== undefined) checkOut(out, path, flags['suite'] as string | undefined);
	const report = readReport(path);
	const suite = suiteFor(report, flags['suite'] as string | undefined, io);
	const rescored = rescoreReport(report, suite);
	const note = (line: string): void => (out === undefined ? io.err(line) : io.out(line));
	if (out === undefined) (io.outRaw ?? io.out)(reportJson(rescored).trimEnd());
	const code = verdictExitCode(rescored.verdict);
	let writeError: string | undefined;
	if (out !== undefined) {
		try {
			writeReportFile(out, rescored);
		} catch (error) {
			if (!(error instanceof FileError)) throw error;
			writeError = `the re-scored report was not written: ${error.message}`;
		}
	}
	for (const line of summary(report, rescored)) note(line);
	if (writeError === undefined) return code;
	io.err(`llmtop: ${writeError}`);
	return combineExitCodes(code, EXIT.usage);
}

/** `--out` must be writable and must not be the report read or the suite. */
function checkOut(out: string, reportPath: string, suitePath: string | undefined): void {
	const conflict = findPathConflict([
		{flag: 'REPORT', path: reportPath, role: 'input'},
		...(suitePath === undefined ? [] : [{flag: '--suite', path: suitePath, role: 'input' as const}]),
		{flag: '--out', path: out, role: 'output'},
	]);
	if (conflict) throw new UsageError(conflict);
	resolveOutputTarget(out);
}

function suiteFor(report: Report, flag: string | undefined, io: Io): Suite {
	if (flag !== undefined) return loadSuite(builtinSuitePath(flag) ?? flag);
	const recorded = report.suite.path;
	if (report.mode === 'try' || recorded === 'try') throw new InputError('the report is of tryouts (no suite to score against): give --suite FILE');
	if (existsSync(recorded)) return loadSuite(recorded);
	const shipped = builtinSuitePath(report.suite.name);
	if (shipped === undefined)
		throw new InputError(`the report's suite file ${recorded} is gone and no shipped suite is named "${report.suite.name}": give --suite FILE`);
	io.err(`llmtop: the report's suite file ${recorded} is gone; scoring against the shipped suite "${report.suite.name}" (${shipped})`);
	return loadSuite(shipped);
}

function summary(before: Report, after: RescoredReport): string[] {
	const mean = (value: number | null): string => (value === null ? '—' : value.toFixed(2));
	const scored = after.prompts.filter((prompt) => prompt.score !== null).length;
	const lines = [
		`re-scored ${scored} of ${after.prompts.length} prompts against suite "${after.rescored.suite.name}" (${after.rescored.suite.path}): ` +
			`correctness mean ${mean(after.metrics.correctness.mean)} (was ${mean(before.metrics.correctness.mean)}), ` +
			`verdict ${after.verdict.toUpperCase()} (was ${before.verdict.toUpperCase()})`,
	];
	if (after.rescored.notInSuite.length > 0) lines.push(`not in the suite (left unscored): ${after.rescored.notInSuite.join(', ')}`);
	if (after.rescored.syntheticModel)
		lines.push('synthetic model: the responses were scored as asked, but the correctness criterion stays skip (random weights)');
	return lines;
}
