import {QuantileAccumulator} from './quantiles.js';
import {MinMaxTimeline} from './timeline.js';
import {TimeSeries, type TimeSeriesOptions} from './time-series.js';

/**
 * The live charts: process CPU, system CPU (% of machine), RSS (bytes), ITL (ms), canary lateness (ms), and
 * decode tokens/s: at each token, the running prompt's decode rate so far ((tokens - 1) / (last - first token)),
 * so a prompt's line ends at its tok/s in the prompts table.
 */
export type ChartId = 'cpu' | 'systemCpu' | 'rss' | 'itl' | 'tokensPerSec' | 'canary';

/** All chart ids, in display order. */
export const CHART_IDS: readonly ChartId[] = ['cpu', 'systemCpu', 'rss', 'itl', 'tokensPerSec', 'canary'];

/**
 * One chart: the recent points (retention window) and run-long statistics
 * over every point ever pushed (bounded: exact, then a 1 % sketch).
 */
export class Chart {
	readonly series: TimeSeries;
	readonly stats = new QuantileAccumulator();
	/** The whole run, min and max per bucket (bounded), for the report's charts. */
	readonly overview = new MinMaxTimeline();

	constructor(options: TimeSeriesOptions) {
		this.series = new TimeSeries(options);
	}

	push(t: number, value: number): void {
		this.series.push(t, value);
		this.stats.add(value);
		this.overview.push(t, value);
	}
}

/** A fresh set of charts. */
export function createCharts(options: TimeSeriesOptions): Record<ChartId, Chart> {
	return Object.fromEntries(CHART_IDS.map((id) => [id, new Chart(options)])) as Record<ChartId, Chart>;
}
