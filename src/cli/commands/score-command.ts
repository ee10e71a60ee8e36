import {existsSync} from 'node:fs';
import {reportJson, writeReportFile} from '../../report/report-file.js';
import {readReport} from '../../report/read-report.js';
import {rescoreReport, type RescoredReport} from '../../report/rescore-report.js';
import type {Report} from '../../report/types.js';
import {builtinSuitePath, loadSuite, type Suite} from '../../suite/index.js';
import type {ParsedArgs} from '../args.js';
import {InputError, UsageError} from '../errors.js';
import {verdictExitCode} from '../exit-codes.js';
import type {Io} from '../io.js';

/** `llmtop score REPORT.json`: exit code from the new verdict. */
export async function scoreCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	const {flags, positionals} = parsed;
	const path = positionals[0];
	if (path === undefined) throw new UsageError('score needs a report: llmtop score REPORT.json [--suite FILE]');
	const report = readReport(path);
	const suite = suiteFor(report, flags['suite'] as string | undefined, io);
	const rescored = rescoreReport(report, suite);
	const out = flags['out'] as string | undefined;
	const note = (line: string): void => (out === undefined ? io.err(line) : io.out(line));
	if (out === undefined) io.out(reportJson(rescored).trimEnd());
	else writeReportFile(out, rescored);
	for (const line of summary(report, rescored)) note(line);
	return verdictExitCode(rescored.verdict);
}

function suiteFor(report: Report, flag: string | undefined, io: Io): Suite {
	if (flag !== undefined) return loadSuite(builtinSuitePath(flag) ?? flag);
	const recorded = report.suite.path;
	if (report.mode === 'try' || recorded === 'try') throw new InputError('the report is of tryouts (no suite to score against): give --suite FILE');
	if (existsSync(recorded)) return loadSuite(recorded);
	const shipped = builtinSuitePath(report.suite.name);
	if (shipped === undefined) throw new InputError(`the report's suite file ${recorded} is gone and no shipped suite is named "${report.suite.name}": give --suite FILE`);
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
	if (after.rescored.syntheticModel) lines.push('synthetic model: the responses were scored as asked, but the correctness criterion stays skip (random weights)');
	return lines;
}
