/**
 * One chart of the dashboard from the store: the points in the window, the
 * run-long statistics, the limit line ({@link chartLimit}) and spike times.
 */
import type {ChartLimit} from '../run/chart-limit.js';
import type {ChartId} from '../run/charts.js';
import type {RunStore} from '../run/store.js';
import type {SpikeMetric} from '../run/types.js';
import type {PointSpan} from './chart-span.js';
import type {Points} from './downsample.js';
import type {ChartStats, ChartView, ShownChartId} from './view.js';

/** Sample jitter tolerated when a sample's value is taken to hold for its interval. */
const SAMPLE_SPAN_SLACK = 1.5;

/** Which spikes are marked on a chart. */
const CHART_SPIKES: Readonly<Record<ChartId, SpikeMetric | null>> = {
	cpu: 'cpu',
	systemCpu: null,
	rss: null,
	itl: 'itl',
	tokensPerSec: null,
	canary: null,
};

/** Points of chart `id` newer than `store.now - windowMs` (all retained points with `Infinity`). */
export function selectPoints(store: RunStore, id: ChartId, windowMs: number): Points {
	const {t, v} = store.charts[id].series.points(store.now - windowMs);
	return {t, v};
}

/** Latest value and run-long p50 / p99 / max of chart `id`. */
export function selectStats(store: RunStore, id: ChartId): ChartStats {
	const stats = store.charts[id].stats;
	return {current: stats.last, p50: stats.quantile(0.5), p99: stats.quantile(0.99), max: stats.max};
}

/** Peak times (ms) of the spikes on chart `id`'s metric within the window. */
export function selectSpikeTimes(store: RunStore, id: ChartId, windowMs: number): number[] {
	const metric = CHART_SPIKES[id];
	if (!metric) return [];
	const sinceT = store.now - windowMs;
	return store.spikes
		.toArray()
		.filter((spike) => spike.metric === metric && spike.t >= sinceT)
		.map((spike) => spike.t);
}

/**
 * How long a point of chart `id` holds: a sampled series its sampling
 * interval (with slack for timer jitter), an inter-token gap itself; the
 * decode rate is a per-token series too, held over the gap that made it.
 */
export function chartSpan(store: RunStore, id: ChartId): PointSpan {
	switch (id) {
		case 'itl':
			return 'value';
		case 'tokensPerSec':
			return 0;
		case 'cpu':
		case 'systemCpu':
		case 'rss':
		case 'canary':
			return (store.runStart?.config.intervalMs ?? 100) * SAMPLE_SPAN_SLACK;
		default:
			return id satisfies never;
	}
}

/** Extras of {@link selectChart}. */
export interface SelectChartOptions {
	/** A second series drawn on the chart (system CPU on the CPU chart). */
	secondary?: ChartId | undefined;
	/** Title figures other than the chart's own run-long statistics (tok/s: the prompts table's rates). */
	stats?: ChartStats | undefined;
	/** Why the chart has no line yet. */
	note?: string | undefined;
}

/** One shown chart: its points (and a second series), statistics, limit line, spike times and span. */
export function selectChart(store: RunStore, id: ShownChartId, windowMs: number, limit: ChartLimit | null, options: SelectChartOptions = {}): ChartView {
	const {secondary, stats, note} = options;
	return {
		id,
		primary: selectPoints(store, id, windowMs),
		secondary: secondary ? selectPoints(store, secondary, windowMs) : undefined,
		stats: stats ?? selectStats(store, id),
		threshold: limit?.threshold ?? null,
		thresholdOf: limit?.of ?? null,
		spikeTimes: selectSpikeTimes(store, id, windowMs),
		span: chartSpan(store, id),
		...(note ? {note} : {}),
	};
}
