/**
 * The comparison as display sections (tables and lines of cells with a
 * tone), shared by the plain-text printer and the Ink view. Every judgement
 * is carried by a symbol as well as by its tone, so it survives NO_COLOR and
 * pipes: `✗` worse (a regression), `✓` better. With two reports every table
 * fits 80 columns: tokens/s values carry their unit in the group heading,
 * and a report's description takes two lines.
 */
import {NO_DATA, formatCriterionValue} from '../run/format.js';
import type {CriterionStatus} from '../run/types.js';
import {formatDelta, formatPctChange, formatValue} from './compare-format.js';
import type {Change, CompareUnit} from './compare-metrics.js';
import type {Comparison, CriterionComparison, MetricComparison, PromptFigure} from './compare-types.js';

/** How a cell is emphasised: `bad` for regressions, `good` for improvements. */
export type Tone = 'good' | 'bad' | 'dim' | 'title';

/** One piece of text. */
export interface Cell {
	text: string;
	tone?: Tone;
	/** @default 'left' */
	align?: 'left' | 'right';
}

/** A table: a header and rows of cells (a row of one `title` cell is a group heading). */
export interface TableSection {
	kind: 'table';
	title: string;
	header: Cell[];
	rows: Cell[][];
}

/** Lines of text, each one cell. */
export interface LinesSection {
	kind: 'lines';
	title: string | null;
	lines: Cell[];
}

/** One block of the comparison's display. */
export type Section = TableSection | LinesSection;

/** Symbol of a worse (regression) change. */
export const WORSE_MARK = '✗';
/** Symbol of a better change. */
export const BETTER_MARK = '✓';

/** Report letters: A (the baseline), B, C, ... */
export function reportLetter(index: number): string {
	return index < 26 ? String.fromCharCode(65 + index) : `R${index + 1}`;
}

/** Every section of the comparison, top to bottom. */
export function comparisonSections(comparison: Comparison): Section[] {
	return [
		headlineSection(comparison),
		reportsSection(comparison),
		configSection(comparison),
		metricsSection(comparison),
		criteriaSection(comparison),
		verdictSection(comparison),
		promptsSection(comparison),
		promptSetsSection(comparison),
		notesSection(comparison),
		regressionsSection(comparison),
	].filter((section): section is Section => section !== null);
}

/** What to read first: per compared report, the criteria that flipped and the biggest moves. */
function headlineSection(comparison: Comparison): LinesSection {
	const lines: Cell[] = [];
	const many = comparison.headline.length > 1;
	for (const headline of comparison.headline) {
		const who = many ? `${reportLetter(headline.report)}: ` : '';
		const regressed = comparison.regressions.some((regression) => regression.report === headline.report);
		lines.push(
			headline.flipped.length === 0
				? {text: `${who}no criterion flipped`, tone: 'dim'}
				: {text: `${who}criteria flipped: ${headline.flipped.join(', ')}`, ...(regressed ? {tone: 'bad' as const} : {})},
		);
		if (headline.moves.length === 0) lines.push({text: `${who}no metric moved beyond the tolerance`, tone: 'dim'});
		else lines.push({text: `${who}biggest moves:`}, ...headline.moves.map((move) => ({text: `  - ${move}`})));
	}
	return {kind: 'lines', title: 'headline', lines};
}

function reportsSection(comparison: Comparison): LinesSection {
	return {
		kind: 'lines',
		title: 'reports',
		lines: comparison.reports.flatMap((report, i) => [
			{text: `${reportLetter(i)}${i === 0 ? ' (baseline)' : ''}  ${report.name} · ${report.startedAt}`},
			{
				text: `   ${report.model}${report.quantization ? ` ${report.quantization}` : ''} · suite ${report.suite} · verdict ${report.verdict.toUpperCase()}${report.complete ? '' : ' (incomplete run)'}`,
			},
		]),
	};
}

function configSection(comparison: Comparison): Section {
	const rows = comparison.config.filter((row) => row.differs);
	if (rows.length === 0) return {kind: 'lines', title: null, lines: [{text: 'configuration: identical (model, run settings, suite and engine)', tone: 'dim'}]};
	return {
		kind: 'table',
		title: 'configuration differences',
		header: [{text: 'setting'}, ...comparison.reports.map((_, i) => ({text: reportLetter(i)}))],
		rows: rows.map((row) => [{text: row.label}, ...row.values.map((value) => ({text: value ?? NO_DATA}))]),
	};
}

/** The judgement's symbol. */
function markOf(change: Change | null | undefined): Cell {
	const tone = toneOf(change);
	if (!tone) return {text: ''};
	return {text: tone === 'bad' ? WORSE_MARK : BETTER_MARK, tone};
}

function toneOf(change: Change | null | undefined): Tone | undefined {
	if (!change || change.judgement === 'same') return undefined;
	return change.judgement === 'worse' ? 'bad' : 'good';
}

function metricsSection(comparison: Comparison): TableSection {
	const two = comparison.reports.length === 2;
	const header: Cell[] = [{text: 'metric'}, {text: 'A', align: 'right'}];
	comparison.reports.slice(1).forEach((_, k) => {
		const letter = reportLetter(k + 1);
		header.push({text: letter, align: 'right'});
		if (two) header.push({text: 'Δ', align: 'right'});
		header.push({text: two ? '%' : `% ${letter}`, align: 'right'}, {text: ''});
	});
	const rows: Cell[][] = [];
	let group = '';
	for (const metric of comparison.metrics.filter((m) => m.values.some((value) => value !== null))) {
		if (metric.group !== group) {
			group = metric.group;
			rows.push([{text: group, tone: 'title'}]);
		}
		rows.push(metricRow(metric, two));
	}
	return {kind: 'table', title: `metrics (tolerance ${comparison.tolerancePct} %; ${WORSE_MARK} = regression, ${BETTER_MARK} = better)`, header, rows};
}

/** A context figure's row is dim and unmarked: its change shows, but it is not judged. */
function metricRow(metric: MetricComparison, two: boolean): Cell[] {
	const direction = metric.direction === 'lower' ? '↓' : '↑';
	const dim = metric.context ? ({tone: 'dim'} as const) : {};
	const row: Cell[] = [
		{text: `  ${metric.label} ${direction}`, ...dim},
		{text: tableValue(metric.values[0] ?? null, metric.unit), align: 'right', ...dim},
	];
	metric.values.slice(1).forEach((value, k) => {
		const change = metric.changes[k + 1];
		const tone = metric.context ? 'dim' : toneOf(change);
		row.push({text: tableValue(value, metric.unit), align: 'right', ...(tone ? {tone} : {})});
		if (two) row.push({text: change ? tableDelta(change.delta, metric.unit) : '', align: 'right', ...dim});
		row.push({text: change ? formatPctChange(change.pct) : '', align: 'right', ...dim}, metric.context ? {text: ''} : markOf(change));
	});
	return row;
}

/** A value in the metrics table: tokens/s without their unit (the group heading says it), to keep the table within 80 columns. */
function tableValue(value: number | null, unit: CompareUnit): string {
	return unit === 'tok/s' && value !== null && Number.isFinite(value) ? value.toFixed(1) : formatValue(value, unit);
}

function tableDelta(delta: number, unit: CompareUnit): string {
	const text = formatDelta(delta, unit);
	return unit === 'tok/s' ? text.replace(/ tok\/s$/, '') : text;
}

const STATUS_WORD: Readonly<Record<CriterionStatus, string>> = {pass: 'pass', fail: 'FAIL', pending: 'pending', skip: 'skip'};

function criteriaSection(comparison: Comparison): TableSection {
	return {
		kind: 'table',
		title: 'criteria',
		header: [{text: 'criterion'}, ...comparison.reports.map((_, i) => ({text: reportLetter(i)})), {text: ''}],
		rows: comparison.criteria.map((criterion) => criterionRow(criterion)),
	};
}

function criterionRow(criterion: CriterionComparison): Cell[] {
	const baseOp = criterion.ops[0] ?? criterion.ops.find((op) => op !== null) ?? '';
	const baseThreshold = criterion.thresholds[0] ?? criterion.thresholds.find((t) => t !== null) ?? null;
	const cells: Cell[] = [{text: `${criterion.id} ${baseOp} ${formatCriterionValue(baseThreshold, criterion.unit)}`}];
	criterion.statuses.forEach((status, i) => {
		if (status === null) {
			cells.push({text: NO_DATA, tone: 'dim'});
			return;
		}
		const threshold = criterion.thresholds[i] ?? null;
		const own =
			threshold !== baseThreshold || criterion.ops[i] !== baseOp ? ` (${criterion.ops[i] ?? ''} ${formatCriterionValue(threshold, criterion.unit)})` : '';
		const tone: Tone | undefined = status === 'fail' ? 'bad' : status === 'pass' ? 'good' : 'dim';
		cells.push({text: `${STATUS_WORD[status]} ${formatCriterionValue(criterion.values[i] ?? null, criterion.unit)}${own}`, tone});
	});
	const many = criterion.statuses.length > 2;
	const regressed = criterion.regressed
		.map((flag, i) => (flag ? `pass → ${criterion.statuses[i] ?? 'none'}${many ? ` (${reportLetter(i)})` : ''}` : null))
		.filter((text) => text !== null);
	cells.push(regressed.length > 0 ? {text: `${WORSE_MARK} ${regressed.join(', ')}`, tone: 'bad'} : {text: ''});
	return cells;
}

function verdictSection(comparison: Comparison): LinesSection {
	const parts = comparison.reports.map((report, i) => `${reportLetter(i)} ${report.verdict.toUpperCase()}`);
	return {kind: 'lines', title: null, lines: [{text: `verdict: ${parts.join(' · ')}`}]};
}

function promptsSection(comparison: Comparison): TableSection | null {
	if (comparison.prompts.length === 0) return null;
	const header: Cell[] = [{text: 'prompt'}];
	comparison.reports.slice(1).forEach((_, k) => {
		const pair = `A→${reportLetter(k + 1)}`;
		header.push({text: `score ${pair}`}, {text: `E2E ${pair}`}, {text: `TTFT ${pair}`});
	});
	const rows = comparison.prompts.map((prompt) => {
		const row: Cell[] = [{text: prompt.id}];
		comparison.reports.slice(1).forEach((_, k) => {
			const i = k + 1;
			if (prompt.statuses[i] === null) {
				row.push({text: 'not in this report', tone: 'dim'}, {text: ''}, {text: ''});
				return;
			}
			const statusNote = (index: number): string => (prompt.statuses[index] === 'ok' ? '' : ` (${prompt.statuses[index] ?? NO_DATA})`);
			row.push(figureCell(prompt.score, i, 'score'), figureCell(prompt.e2eMs, i, 'ms', statusNote(i)), figureCell(prompt.ttftMs, i, 'ms'));
		});
		return row;
	});
	return {kind: 'table', title: 'prompts (by id; timing marked, never counted as a regression)', header, rows};
}

function figureCell(figure: PromptFigure, i: number, unit: CompareUnit, suffix = ''): Cell {
	const change = figure.changes[i];
	const {text: mark, tone} = markOf(change);
	return {
		text: `${mark ? `${mark} ` : ''}${formatValue(figure.values[0] ?? null, unit)} → ${formatValue(figure.values[i] ?? null, unit)}${suffix}`,
		...(tone ? {tone} : {}),
	};
}

function promptSetsSection(comparison: Comparison): LinesSection | null {
	const lines: Cell[] = [];
	for (const set of comparison.promptSets) {
		const letter = reportLetter(set.report);
		if (set.onlyInBaseline.length > 0) lines.push({text: `only in A (not in ${letter}): ${set.onlyInBaseline.join(', ')}`});
		if (set.onlyInReport.length > 0) lines.push({text: `only in ${letter} (not in A): ${set.onlyInReport.join(', ')}`});
	}
	return lines.length === 0 ? null : {kind: 'lines', title: 'prompts in one report only (not compared)', lines};
}

function notesSection(comparison: Comparison): LinesSection | null {
	if (comparison.notes.length === 0) return null;
	return {kind: 'lines', title: 'notes', lines: comparison.notes.map((note) => ({text: `note: ${note}`}))};
}

function regressionsSection(comparison: Comparison): LinesSection {
	const count = comparison.regressions.length;
	if (count === 0) {
		return {kind: 'lines', title: null, lines: [{text: `no regression beyond the ${comparison.tolerancePct} % tolerance`, tone: 'good'}]};
	}
	return {
		kind: 'lines',
		title: `${count} regression${count === 1 ? '' : 's'} (tolerance ${comparison.tolerancePct} %)`,
		lines: comparison.regressions.map((regression) => ({text: `${WORSE_MARK} ${reportLetter(regression.report)}: ${regression.message}`, tone: 'bad'})),
	};
}
