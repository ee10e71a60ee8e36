/**
 * Per-chart presentation: titles, units, axis formats and y-range rules.
 */
import {formatBinaryBytesShort, formatMs, formatPct, formatRate} from '../run/format.js';
import {bytesAxis, durationAxis, numberAxis, type AxisFormat} from './chart-axis.js';
import type {ShownChartId} from './view.js';

/** How one chart is drawn and labelled. */
export interface ChartSpec {
	title: string;
	/** Formats stats in the title. */
	format: (value: number | null) => string;
	/** Formats a y-axis label (at most 6 columns), one unit for the whole axis. */
	axis: AxisFormat;
	/** Bottom of the y range; `undefined` follows the data (RSS). */
	floor: number | undefined;
	minSpan: number;
	cap: number | undefined;
	/** Legend of extra glyphs. */
	legend: string;
}

const MIB = 1024 * 1024;

/** Specs of the shown charts. */
export const CHART_SPECS: Readonly<Record<ShownChartId, ChartSpec>> = {
	cpu: {
		title: 'CPU',
		format: formatPct,
		axis: numberAxis(0, '%'),
		floor: 0,
		minSpan: 10,
		cap: 100,
		legend: '·=system',
	},
	rss: {
		title: 'RSS',
		format: formatBinaryBytesShort,
		axis: bytesAxis,
		floor: undefined,
		minSpan: 16 * MIB,
		cap: undefined,
		legend: '',
	},
	itl: {
		title: 'ITL',
		format: formatMs,
		axis: durationAxis,
		floor: 0,
		minSpan: 10,
		cap: undefined,
		legend: '',
	},
	tokensPerSec: {
		title: 'tok/s',
		format: formatRate,
		axis: numberAxis(0),
		floor: 0,
		minSpan: 10,
		cap: undefined,
		legend: '',
	},
	canary: {
		title: 'delay',
		format: formatMs,
		axis: durationAxis,
		floor: 0,
		minSpan: 10,
		cap: undefined,
		legend: 'canary lateness',
	},
};
