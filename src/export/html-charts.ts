/**
 * What the HTML report's charts draw, as plain data: pure functions of
 * reports (their `timeline`, `phases`, `criteria` and spikes). Time is in
 * seconds since the run started; RSS in MiB.
 */
import type {ChartId, Report} from '../report/types.js';
import type {CriterionId} from '../run/types.js';

/** One line (or the upper edge of a band) of a chart; `null` where it has no point. */
export interface ChartLine {
	label: string;
	color: string;
	values: (number | null)[];
	/** Index of the line this one's band closes down to (its min), if any. */
	bandTo?: number;
	/** Drawn without a stroke (the lower edge of a band). */
	hidden?: boolean;
}

/** One chart as drawn. */
export interface ChartData {
	id: ChartId;
	title: string;
	unit: string;
	x: number[];
	lines: ChartLine[];
	/** Horizontal limit lines, from enabled criteria. */
	limits: {label: string; value: number}[];
	spikes: {x: number; y: number}[];
	phases: {name: string; start: number; end: number}[];
	/** The time axis, seconds: the whole run (the longest run when overlaid), so every chart lines up. */
	xRange: [number, number];
}

const MIB = 1024 * 1024;

/** The charts of the HTML report, in order, with how their values scale from the report's units. */
export const HTML_CHARTS: readonly {id: ChartId; title: string; unit: string; scale: number; limits: readonly CriterionId[]; spikes?: 'cpu' | 'itl'}[] = [
	{id: 'cpu', title: 'Process CPU', unit: '% of machine', scale: 1, limits: ['idle-cpu', 'active-cpu-mean', 'active-cpu-p99'], spikes: 'cpu'},
	{id: 'rss', title: 'Resident memory (RSS)', unit: 'MiB', scale: 1 / MIB, limits: ['rss-peak']},
	{id: 'itl', title: 'Inter-token latency (ITL)', unit: 'ms', scale: 1, limits: [], spikes: 'itl'},
	{id: 'tokensPerSec', title: 'Decode rate', unit: 'tokens/s', scale: 1, limits: []},
	{id: 'canary', title: 'Interactive delay (10 ms canary lateness)', unit: 'ms', scale: 1, limits: ['interactive-delay-p99']},
];

/** Colours of overlaid runs, baseline first. */
export const RUN_COLORS: readonly string[] = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

/** The charts of one report; a chart whose series has no point is left out. */
export function reportCharts(report: Report): ChartData[] {
	const timeline = report.timeline;
	if (!timeline) return [];
	const charts: ChartData[] = [];
	for (const spec of HTML_CHARTS) {
		const series = timeline[spec.id];
		if (!series || series.t.length === 0) continue;
		const scale = (value: number): number => value * spec.scale;
		const lines: ChartLine[] = [
			{label: 'max', color: RUN_COLORS[0] as string, values: series.max.map(scale), bandTo: 2},
			{label: 'min', color: RUN_COLORS[0] as string, values: series.min.map(scale), hidden: true},
		];
		const x = series.t.map(seconds);
		if (spec.id === 'cpu' && timeline.systemCpu && timeline.systemCpu.t.length > 0) {
			const system = new Map(timeline.systemCpu.t.map((t, i) => [t, timeline.systemCpu.max[i] as number]));
			lines.push({label: 'system max', color: '#999999', values: series.t.map((t) => system.get(t) ?? null)});
		}
		charts.push({
			id: spec.id,
			title: spec.title,
			unit: spec.unit,
			x,
			lines,
			limits: limitsOf(report, spec.limits, spec.scale),
			spikes: spec.spikes
				? report.metrics.spikes.items.filter((spike) => spike.metric === spec.spikes).map((spike) => ({x: seconds(spike.t), y: scale(spike.value)}))
				: [],
			phases: phasesOf(report),
			xRange: [0, seconds(report.durationMs)],
		});
	}
	return charts;
}

/** The charts of several reports overlaid (max per bucket of each, one colour per report); `names` label the lines. */
export function overlayCharts(reports: readonly Report[], names: readonly string[]): ChartData[] {
	const charts: ChartData[] = [];
	for (const spec of HTML_CHARTS) {
		const runs = reports.map((report) => report.timeline?.[spec.id]);
		if (runs.every((series) => !series || series.t.length === 0)) continue;
		const times = [...new Set(runs.flatMap((series) => series?.t ?? []))].sort((a, b) => a - b);
		const lines = runs.map((series, index): ChartLine => {
			const byT = new Map((series?.t ?? []).map((t, i) => [t, (series?.max[i] as number) * spec.scale]));
			return {label: names[index] ?? `#${index + 1}`, color: RUN_COLORS[index % RUN_COLORS.length] as string, values: times.map((t) => byT.get(t) ?? null)};
		});
		const baseline = reports[0];
		charts.push({
			id: spec.id,
			title: spec.title,
			unit: spec.unit,
			x: times.map(seconds),
			lines,
			limits: baseline ? limitsOf(baseline, spec.limits, spec.scale) : [],
			spikes: [],
			phases: baseline ? phasesOf(baseline) : [],
			xRange: [0, seconds(Math.max(0, ...reports.map((report) => report.durationMs)))],
		});
	}
	return charts;
}

function limitsOf(report: Report, ids: readonly CriterionId[], scale: number): ChartData['limits'] {
	return report.criteria
		.filter((criterion) => ids.includes(criterion.id) && criterion.enabled)
		.map((criterion) => ({label: `${criterion.id} ${criterion.op} ${round(criterion.threshold * scale)}`, value: criterion.threshold * scale}));
}

function phasesOf(report: Report): ChartData['phases'] {
	return Object.entries(report.phases).flatMap(([name, span]) =>
		span ? [{name, start: seconds(span.startMs), end: seconds(span.endMs ?? span.startMs + span.durationMs)}] : [],
	);
}

function seconds(ms: number): number {
	return ms / 1000;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
