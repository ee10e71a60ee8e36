/**
 * One chart of the dashboard from the store: the points in the window, the
 * run-long statistics, the limit line ({@link chartLimit}) and spike times.
 */
import type {ChartLimit} from '../run/chart-limit.js';
import type {ChartId} from '../run/charts.js';
import type {RunStore} from '../run/store.js';
import type {SpikeMetric} from '../run/types.js';
import type {Points} from './downsample.js';
import type {ChartStats, ChartView, ShownChartId} from './view.js';

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

/** One shown chart: its points (and a second series), statistics, limit line and spike times. */
export function selectChart(store: RunStore, id: ShownChartId, windowMs: number, limit: ChartLimit | null, secondary?: ChartId): ChartView {
	return {
		id,
		primary: selectPoints(store, id, windowMs),
		secondary: secondary ? selectPoints(store, secondary, windowMs) : undefined,
		stats: selectStats(store, id),
		threshold: limit?.threshold ?? null,
		thresholdOf: limit?.of ?? null,
		spikeTimes: selectSpikeTimes(store, id, windowMs),
	};
}
