/**
 * Per-chart presentation: titles, units, axis formats and y-range rules.
 */
import {formatBinaryBytesShort, formatMs, formatPct, formatRate} from '../run/format.js';
import type {ShownChartId} from './view.js';

/** How one chart is drawn and labelled. */
export interface ChartSpec {
	title: string;
	/** Formats stats in the title. */
	format: (value: number | null) => string;
	/** Formats a y-axis label (at most 6 columns). */
	axis: (value: number) => string;
	/** Bottom of the y range; `undefined` follows the data (RSS). */
	floor: number | undefined;
	minSpan: number;
	cap: number | undefined;
	/** Legend of extra glyphs. */
	legend: string;
}

const MIB = 1024 * 1024;

/** Specs of the four charts. */
export const CHART_SPECS: Readonly<Record<ShownChartId, ChartSpec>> = {
	cpu: {
		title: 'CPU',
		format: formatPct,
		axis: (value) => `${value.toFixed(0)}%`,
		floor: 0,
		minSpan: 10,
		cap: 100,
		legend: '·=system',
	},
	rss: {
		title: 'RSS',
		format: formatBinaryBytesShort,
		axis: (value) => formatBinaryBytesShort(value),
		floor: undefined,
		minSpan: 16 * MIB,
		cap: undefined,
		legend: '',
	},
	itl: {
		title: 'ITL',
		format: formatMs,
		axis: (value) => (value >= 1000 ? `${(value / 1000).toFixed(1)}s` : value.toFixed(0)),
		floor: 0,
		minSpan: 10,
		cap: undefined,
		legend: '',
	},
	tokensPerSec: {
		title: 'tok/s',
		format: formatRate,
		axis: (value) => value.toFixed(0),
		floor: 0,
		minSpan: 10,
		cap: undefined,
		legend: '',
	},
};
