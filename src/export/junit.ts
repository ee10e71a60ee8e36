/**
 * `--junit FILE`: JUnit XML for CI. A run is a test suite with one test case
 * per criterion and one for the verdict. A `fail` and a skip for lack of data
 * (or a criterion still pending) are failures carrying value, limit and
 * margin; a skip by design is skipped; the verdict case fails unless the
 * verdict is `pass` (so `inconclusive` shows as a failure). A comparison is
 * one suite with a case per criterion and per compared metric, failing on a
 * regression.
 */
import type {Comparison} from '../report/compare-types.js';
import type {Report} from '../report/types.js';
import {criterionRows, sharedVerdict, type CriterionRow} from './criteria-rows.js';
import {escapeXml} from './escape.js';
import {redactReport, redactRef} from './redact.js';

/** A named report (a run of a sweep, or the only run). */
export interface NamedRun {
	name: string;
	report: Report;
}

/** Options of the JUnit and Markdown renderers. */
export interface ShareOptions {
	/**
	 * Leave out answers, prompts, paths and host names.
	 * @default false
	 */
	redact?: boolean;
}

interface TestCase {
	name: string;
	classname: string;
	failure?: {message: string; type: string; body: string};
	skipped?: string;
}

/** JUnit XML for one or more runs (one `<testsuite>` each). */
export function renderJunit(runs: readonly NamedRun[], options: ShareOptions = {}): string {
	const suites = runs.map(({name, report}) => {
		const shared = options.redact ? redactReport(report) : report;
		return suiteXml(options.redact ? redactRef(name) : name, runCases(shared), shared.startedAt, runProperties(shared));
	});
	return document(suites);
}

/** JUnit XML for a comparison (one `<testsuite>`): a case per criterion and per metric, failing where a report regressed against the baseline. */
export function renderCompareJunit(comparison: Comparison, options: ShareOptions = {}): string {
	const name = (index: number): string => {
		const report = comparison.reports[index];
		return report ? (options.redact ? redactRef(report.name) : report.name) : `#${index}`;
	};
	const failing = (kind: string, id: string): TestCase['failure'] => {
		const found = comparison.regressions.filter((regression) => regression.kind === kind && regression.id === id);
		if (found.length === 0) return undefined;
		const body = found.map((regression) => `${name(regression.report)}: ${regression.message}`).join('\n');
		return {message: found[0]?.message ?? '', type: 'regression', body};
	};
	const cases: TestCase[] = [
		...comparison.criteria.map((criterion) =>
			withFailure({name: `criterion ${criterion.id}`, classname: 'llmtop.compare.criteria'}, failing('criterion', criterion.id)),
		),
		...comparison.metrics.map((metric) => withFailure({name: `metric ${metric.id}`, classname: 'llmtop.compare.metrics'}, failing('metric', metric.id))),
		...(['prompt-score', 'prompt-status'] as const).flatMap((kind) =>
			[...new Set(comparison.regressions.filter((regression) => regression.kind === kind).map((regression) => regression.id))].map((id) =>
				withFailure({name: `${kind} ${options.redact ? 'prompt' : id}`, classname: 'llmtop.compare.prompts'}, failing(kind, id)),
			),
		),
		withFailure({name: 'verdict', classname: 'llmtop.compare.verdict'}, failing('verdict', 'verdict')),
	];
	const baseline = comparison.reports[0]?.startedAt ?? new Date(0).toISOString();
	return document([suiteXml(`llmtop compare (baseline ${name(0)})`, cases, baseline, [['tolerancePct', String(comparison.tolerancePct)]])]);
}

function withFailure(testCase: TestCase, failure: TestCase['failure']): TestCase {
	return failure ? {...testCase, failure} : testCase;
}

function runCases(report: Report): TestCase[] {
	const cases = criterionRows(report).map(criterionCase);
	const verdict = sharedVerdict(report.verdict);
	const verdictCase: TestCase = {name: 'verdict', classname: 'llmtop.verdict'};
	if (verdict !== 'pass') {
		const blocking = criterionRows(report)
			.filter((row) => row.judged !== 'pass' && row.judged !== 'skip-design')
			.map((row) => `${row.id}: ${row.judged}`);
		verdictCase.failure = {message: `verdict ${verdict}`, type: verdict, body: blocking.join('\n')};
	}
	return [...cases, verdictCase];
}

function criterionCase(row: CriterionRow): TestCase {
	const testCase: TestCase = {name: `${row.id}: ${row.label}`, classname: 'llmtop.criteria'};
	const figures = `value ${row.valueText}, limit ${row.limitText}, margin ${row.marginText}`;
	switch (row.judged) {
		case 'pass':
			return testCase;
		case 'skip-design':
			return {...testCase, skipped: row.reason ?? 'skipped by design'};
		case 'fail':
			return {...testCase, failure: {message: `${row.id} failed: ${figures}`, type: 'fail', body: row.reason ?? figures}};
		case 'skip-data':
		case 'pending':
			return {...testCase, failure: {message: `${row.id} lacked data: ${figures}`, type: 'no-data', body: row.reason ?? figures}};
		default:
			return row.judged satisfies never;
	}
}

function runProperties(report: Report): [string, string][] {
	return [
		['model', report.model.name ?? report.model.ref],
		['quantization', report.model.quantization ?? 'unknown'],
		['threads', String(report.config.threads)],
		['verdict', sharedVerdict(report.verdict)],
		['complete', String(report.complete)],
	];
}

function suiteXml(name: string, cases: readonly TestCase[], timestamp: string, properties: readonly [string, string][]): string {
	const failures = cases.filter((testCase) => testCase.failure).length;
	const skipped = cases.filter((testCase) => testCase.skipped !== undefined).length;
	const props = properties.map(([key, value]) => `      <property name="${escapeXml(key)}" value="${escapeXml(value)}"/>`).join('\n');
	const body = cases.map(caseXml).join('\n');
	return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${escapeXml(timestamp)}">\n    <properties>\n${props}\n    </properties>\n${body}\n  </testsuite>`;
}

function caseXml(testCase: TestCase): string {
	const open = `    <testcase name="${escapeXml(testCase.name)}" classname="${escapeXml(testCase.classname)}" time="0"`;
	if (testCase.failure) {
		const {message, type, body} = testCase.failure;
		return `${open}>\n      <failure message="${escapeXml(message)}" type="${escapeXml(type)}">${escapeXml(body)}</failure>\n    </testcase>`;
	}
	if (testCase.skipped !== undefined) return `${open}>\n      <skipped message="${escapeXml(testCase.skipped)}"/>\n    </testcase>`;
	return `${open}/>`;
}

function document(suites: readonly string[]): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="llmtop">\n${suites.join('\n')}\n</testsuites>\n`;
}
