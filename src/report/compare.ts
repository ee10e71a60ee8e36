/**
 * `llmtop compare`: lines up two or more reports against the first (the
 * baseline). Pure: takes parsed reports, returns plain data.
 *
 * What counts as a regression (each makes the exit code 1):
 * - a run-level metric that changed in its worse direction beyond the
 *   tolerance and its unit's absolute floor (`compare-metrics.ts`) — but
 *   not a context figure (llmtop's own CPU, the whole machine's), or a
 *   figure a criterion is judged on that had a value and has none;
 * - a criterion that passed in the baseline and does not pass in the report
 *   (`fail`, `skip` — even disabled: turning a criterion off is not a fix —
 *   or `pending`);
 * - a verdict that was `pass` and is anything else;
 * - a prompt that ended `ok` and now ended `error`, `aborted` or was
 *   `not-run` (a `skipped` prompt was skipped by the user);
 * - a prompt's score that dropped beyond the tolerance and the score floor.
 *
 * The comparison opens with a headline per compared report
 * (`compare-headline.ts`): the criteria that flipped and the biggest moves.
 * Per-prompt E2E and TTFT changes are judged and marked the same way but are
 * not counted: one prompt's timing is a single noisy sample, and the
 * run-level latency figures (mean, p50, p95, p99) already gate on speed.
 *
 * Reports of different suites: run-level figures are still compared (with a
 * note that they cover different prompts); prompts are matched by id, and
 * those in only one report are listed.
 */
import {formatCriterionValue} from '../run/format.js';
import {compareConfig} from './compare-config.js';
import {describeChange, formatValue} from './compare-format.js';
import {headlineOf} from './compare-headline.js';
import {COMPARED_METRICS, DEFAULT_TOLERANCE_PCT, judgeChange, type CompareUnit, type Direction} from './compare-metrics.js';
import {
	COMPARISON_SCHEMA,
	type ComparedReport,
	type Comparison,
	type CriterionComparison,
	type MetricComparison,
	type PromptComparison,
	type PromptFigure,
	type PromptSetDifference,
	type Regression,
} from './compare-types.js';
import type {PromptReport, Report} from './types.js';

/** A report and the name it is shown under (its file path). */
export interface NamedReport {
	name: string;
	report: Report;
}

/** Options of {@link compareReports}. */
export interface CompareOptions {
	/**
	 * Changes up to this % of the baseline value are not regressions.
	 * @default 5
	 */
	tolerancePct?: number;
}

/** Compares every report with the first. Throws a `RangeError` with fewer than two. */
export function compareReports(inputs: readonly NamedReport[], options: CompareOptions = {}): Comparison {
	if (inputs.length < 2) throw new RangeError('compare needs at least two reports');
	const tolerancePct = options.tolerancePct ?? DEFAULT_TOLERANCE_PCT;
	const reports = inputs.map((input) => input.report);
	const metrics = COMPARED_METRICS.map(({read, ...metric}): MetricComparison => ({
		...metric,
		...figure(
			reports.map((report) => read(report)),
			metric.direction,
			metric.unit,
			tolerancePct,
		),
	}));
	const criteria = compareCriteria(reports);
	const {prompts, promptSets} = comparePrompts(reports, tolerancePct);
	const suiteNames = reports.map((report) => report.suite.name);
	const suites = {same: suiteNames.every((name) => name === suiteNames[0]) && promptSets.every(isEmptyDifference), names: suiteNames};
	const names = inputs.map((input) => input.name);
	const regressions = [
		...metricRegressions(metrics),
		...criterionRegressions(criteria),
		...promptStatusRegressions(prompts),
		...promptRegressions(prompts),
		...verdictRegressions(reports),
	];
	return {
		schema: COMPARISON_SCHEMA,
		tolerancePct,
		reports: inputs.map(comparedReport),
		config: compareConfig(reports),
		metrics,
		criteria,
		prompts,
		promptSets,
		suites,
		notes: notesOf(reports, names, promptSets, prompts),
		regressions,
		headline: reports.slice(1).map((_, k) => headlineOf(k + 1, criteria, metrics)),
	};
}

function comparedReport({name, report}: NamedReport): ComparedReport {
	return {
		name,
		model: report.model.name ?? report.model.ref,
		quantization: report.model.quantization,
		suite: report.suite.name,
		startedAt: report.startedAt,
		complete: report.complete,
		verdict: report.verdict,
	};
}

function compareCriteria(reports: readonly Report[]): CriterionComparison[] {
	const ids = unique(reports.flatMap((report) => report.criteria.map((criterion) => criterion.id)));
	return ids.map((id) => {
		const found = reports.map((report) => report.criteria.find((criterion) => criterion.id === id) ?? null);
		const first = found.find((criterion) => criterion !== null);
		const baseStatus = found[0]?.status ?? null;
		return {
			id,
			label: first?.label ?? id,
			unit: first?.unit ?? 'ratio',
			ops: found.map((criterion) => criterion?.op ?? null),
			thresholds: found.map((criterion) => criterion?.threshold ?? null),
			values: found.map((criterion) => criterion?.value ?? null),
			statuses: found.map((criterion) => criterion?.status ?? null),
			regressed: found.map((criterion, i) => i > 0 && baseStatus === 'pass' && criterion !== null && criterion.status !== 'pass'),
		};
	});
}

function comparePrompts(reports: readonly Report[], tolerancePct: number): {prompts: PromptComparison[]; promptSets: PromptSetDifference[]} {
	const maps = reports.map((report) => new Map(report.prompts.map((prompt) => [prompt.id, prompt])));
	const ids = unique(reports.flatMap((report) => report.prompts.map((prompt) => prompt.id)));
	const base = maps[0] ?? new Map<string, PromptReport>();
	const promptSets = maps.slice(1).map((map, i) => ({
		report: i + 1,
		onlyInBaseline: [...base.keys()].filter((id) => !map.has(id)),
		onlyInReport: [...map.keys()].filter((id) => !base.has(id)),
	}));
	const prompts = ids
		.filter((id) => base.has(id) && maps.slice(1).some((map) => map.has(id)))
		.map((id): PromptComparison => {
			const found = maps.map((map) => map.get(id) ?? null);
			const ok = (prompt: PromptReport | null): boolean => prompt?.status === 'ok';
			return {
				id,
				statuses: found.map((prompt) => prompt?.status ?? null),
				score: figure(
					found.map((prompt) => prompt?.score ?? null),
					'higher',
					'score',
					tolerancePct,
				),
				e2eMs: figure(
					found.map((prompt) => (ok(prompt) ? (prompt?.e2eMs ?? null) : null)),
					'lower',
					'ms',
					tolerancePct,
				),
				ttftMs: figure(
					found.map((prompt) => (ok(prompt) ? (prompt?.ttftMs ?? null) : null)),
					'lower',
					'ms',
					tolerancePct,
				),
			};
		});
	return {prompts, promptSets};
}

function figure(values: (number | null)[], direction: Direction, unit: CompareUnit, tolerancePct: number): PromptFigure {
	return {values, changes: values.map((value, i) => (i === 0 ? null : judgeChange(values[0] ?? null, value, direction, unit, tolerancePct)))};
}

/** The distinct items, in order of first appearance. */
function unique<T>(items: readonly T[]): T[] {
	return [...new Set(items)];
}

function isEmptyDifference(difference: PromptSetDifference): boolean {
	return difference.onlyInBaseline.length === 0 && difference.onlyInReport.length === 0;
}

function metricRegressions(metrics: readonly MetricComparison[]): Regression[] {
	return metrics
		.filter((metric) => !metric.context)
		.flatMap((metric) =>
			metric.changes.flatMap((change, i): Regression[] => {
				const base = metric.values[0] ?? null;
				const value = metric.values[i] ?? null;
				if (i > 0 && metric.criterion !== null && base !== null && value === null) {
					return [
						{
							kind: 'metric',
							id: metric.id,
							report: i,
							message: `${metric.label} went from ${formatValue(base, metric.unit)} to none (criterion ${metric.criterion} has nothing to judge)`,
						},
					];
				}
				return change?.judgement === 'worse'
					? [{kind: 'metric', id: metric.id, report: i, message: `${metric.label} ${describeChange(base, value, change, metric.unit)}`}]
					: [];
			}),
		);
}

function criterionRegressions(criteria: readonly CriterionComparison[]): Regression[] {
	return criteria.flatMap((criterion) =>
		criterion.regressed.flatMap((regressed, i): Regression[] =>
			regressed
				? [
						{
							kind: 'criterion',
							id: criterion.id,
							report: i,
							message: `criterion ${criterion.id} pass → ${criterion.statuses[i] ?? 'none'} (${criterionDetail(criterion, i)})`,
						},
					]
				: [],
		),
	);
}

function verdictRegressions(reports: readonly Report[]): Regression[] {
	const base = reports[0]?.verdict;
	if (base !== 'pass') return [];
	return reports.flatMap((report, i): Regression[] =>
		i > 0 && report.verdict !== 'pass' ? [{kind: 'verdict', id: 'verdict', report: i, message: `verdict went PASS → ${report.verdict.toUpperCase()}`}] : [],
	);
}

/** Statuses a prompt that ended `ok` must not go to: the model's or the run's failure, not the user's skip. */
const LOST: ReadonlySet<string> = new Set(['error', 'aborted', 'not-run']);

function promptStatusRegressions(prompts: readonly PromptComparison[]): Regression[] {
	return prompts.flatMap((prompt) =>
		prompt.statuses.flatMap((status, i): Regression[] =>
			i > 0 && prompt.statuses[0] === 'ok' && status !== null && LOST.has(status)
				? [{kind: 'prompt-status', id: prompt.id, report: i, message: `prompt ${prompt.id} went ok → ${status}`}]
				: [],
		),
	);
}

function criterionDetail(criterion: CriterionComparison, i: number): string {
	const value = (index: number) => formatCriterionValue(criterion.values[index] ?? null, criterion.unit);
	return `${value(0)} → ${value(i)}, limit ${criterion.ops[i] ?? ''} ${formatCriterionValue(criterion.thresholds[i] ?? null, criterion.unit)}`;
}

function promptRegressions(prompts: readonly PromptComparison[]): Regression[] {
	return prompts.flatMap((prompt) =>
		prompt.score.changes.flatMap((change, i): Regression[] =>
			change?.judgement === 'worse'
				? [
						{
							kind: 'prompt-score',
							id: prompt.id,
							report: i,
							message: `prompt ${prompt.id} score ${describeChange(prompt.score.values[0] ?? null, prompt.score.values[i] ?? null, change, 'score')}`,
						},
					]
				: [],
		),
	);
}

function notesOf(
	reports: readonly Report[],
	names: readonly string[],
	promptSets: readonly PromptSetDifference[],
	prompts: readonly PromptComparison[],
): string[] {
	const notes: string[] = busyNotes(reports, names);
	const base = reports[0];
	const baseName = names[0] ?? 'the baseline';
	reports.forEach((report, i) => {
		if (i === 0 || !base) return;
		const name = names[i] ?? `report ${i + 1}`;
		const set = promptSets[i - 1];
		if (report.suite.name !== base.suite.name) {
			const common = prompts.filter((prompt) => prompt.statuses[0] !== null && prompt.statuses[i] !== null).length;
			notes.push(
				`${name} ran suite "${report.suite.name}", ${baseName} ran "${base.suite.name}": run-level latency, throughput and correctness cover different prompts; ${common} prompt(s) are in both`,
			);
		} else if (set && !isEmptyDifference(set)) {
			notes.push(`${name} and ${baseName} ran different prompts of suite "${base.suite.name}": run-level figures cover different prompts`);
		}
		if (report.model.synthetic !== base.model.synthetic)
			notes.push(`only one of ${baseName} and ${name} is a synthetic model: correctness is skipped for synthetic models`);
		if (report.host.logicalCores !== base.host.logicalCores || report.host.cpuModel !== base.host.cpuModel) {
			notes.push(
				`${name} ran on a different machine (${report.host.cpuModel}, ${report.host.logicalCores} cores) than ${baseName} (${base.host.cpuModel}, ${base.host.logicalCores} cores)`,
			);
		}
	});
	reports.forEach((report, i) => {
		if (!report.complete)
			notes.push(`${names[i] ?? `report ${i + 1}`} is from a run that did not complete (${report.endReason ?? 'no run-end'}): its figures are partial`);
	});
	return notes;
}

/** A note per report whose prompts phase was busy: its cost and timing figures do not compare. */
function busyNotes(reports: readonly Report[], names: readonly string[]): string[] {
	return reports.flatMap((report, i) =>
		report.busyMachine?.busy
			? [
					`${names[i] ?? `report ${i + 1}`} ran on a busy machine (${report.busyMachine.evidence}): the comparison of CPU, latency and interactive-delay figures is unreliable`,
				]
			: [],
	);
}
