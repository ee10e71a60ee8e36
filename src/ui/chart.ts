/**
 * Draws one time-series chart as plain text lines with asciichart: the
 * bucket maxima as the line, each bucket's min..max range filled with `│`,
 * an optional second series as `·`, an optional threshold as `-`, a `*`
 * at each spike's peak, and a marker lane with `^` under the columns
 * that hold a spike. No colour codes: the caller colours whole lines, so
 * NO_COLOR output carries the same facts.
 */
import {plot} from 'asciichart';
import {bucketOf, downsampleMinMax, type MinMaxBuckets, type Points} from './downsample.js';
import {withoutNegativeZero, type AxisFormat} from './chart-axis.js';
import {fillSpans, lineValues, type PointSpan} from './chart-span.js';
import {bucketMsFor} from './chart-window.js';
import {padStart} from './text.js';

/** Glyphs the overlays use (the line itself uses asciichart's box drawing). */
export const CHART_GLYPHS = {range: '│', secondary: '·', threshold: '-', spike: '^', peak: '*', axis: '┤'} as const;

/** What to draw. */
export interface ChartInput {
	/** Total width in columns, y labels included. */
	width: number;
	/** Plot rows (the marker lane is extra). */
	height: number;
	/** Time span shown, ms. */
	windowMs: number;
	/** Latest time to show (ms since run start); the right edge. */
	endT: number;
	primary: Points;
	/** Drawn as dots where the primary line leaves room (e.g. system CPU). */
	secondary?: Points | undefined;
	/** Horizontal limit line (a criterion threshold), in the series' unit. */
	threshold?: number | null | undefined;
	/** Times (ms) of spikes to mark in the lane. */
	spikeTimes?: readonly number[] | undefined;
	/** Formats a y-axis label from the value and the axis range; the result (a `-0` made `0`) is cut or padded to `labelWidth`. */
	formatLabel: AxisFormat;
	/** How long before its time each point's value holds (see {@link PointSpan}); empty columns it covers are drawn. @default 0 */
	span?: PointSpan | undefined;
	/** Columns for the y labels. @default 6 */
	labelWidth?: number;
	/** Bottom of the y range; `undefined` set explicitly follows the data's minimum. @default 0 */
	floor?: number | undefined;
	/** Smallest span of the y range above `floor`, so flat data does not fill the chart. @default 1 */
	minSpan?: number;
	/** Top of the y range never exceeds this (e.g. 100 for % of machine). */
	cap?: number | undefined;
}

/** Drawn chart. */
export interface RenderedChart {
	/** `height` lines, each exactly `width` columns. */
	lines: string[];
	/** The marker lane, `width` columns: `^` under spike columns. */
	lane: string;
	/** Spikes that fell inside the window. */
	spikesInView: number;
	/** Whether the threshold is inside the y range (drawn). */
	thresholdShown: boolean;
}

const DEFAULT_LABEL_WIDTH = 6;

/** Draws `input`; see {@link ChartInput}. Pure: same input, same output. */
export function renderChart(input: ChartInput): RenderedChart {
	const labelWidth = input.labelWidth ?? DEFAULT_LABEL_WIDTH;
	const width = Math.max(0, Math.floor(input.width));
	const height = Math.max(1, Math.floor(input.height));
	const columns = width - labelWidth;
	if (columns < 2) {
		return {lines: Array.from({length: height}, () => ' '.repeat(width)), lane: ' '.repeat(width), spikesInView: 0, thresholdShown: false};
	}
	const grid = {endT: input.endT, bucketMs: bucketMsFor(input.windowMs, columns), buckets: columns};
	const primary = downsampleMinMax(input.primary, grid);
	const secondary = input.secondary ? downsampleMinMax(input.secondary, grid) : undefined;
	if (input.span !== undefined) {
		fillSpans(primary, input.primary, input.span);
		if (secondary && input.secondary) fillSpans(secondary, input.secondary, input.span);
	}
	const range = yRange(input, primary, secondary);
	const label = (value: number): string => padStart(withoutNegativeZero(input.formatLabel(value, range)), labelWidth);
	const lane = drawLane(input.spikeTimes ?? [], primary, labelWidth, width);
	const first = firstFilled(primary.max);
	if (first < 0) {
		const lines = emptyPlot(label, range, labelWidth, width, height);
		if (range.thresholdShown && input.threshold !== null && input.threshold !== undefined) {
			const cells = lines.map((line) => line.split(''));
			drawThreshold(cells, rowMapper(range.min, range.max, height - 1)(input.threshold), labelWidth);
			lines.splice(0, lines.length, ...cells.map((row) => row.join('')));
		}
		return {lines, lane: lane.text, spikesInView: lane.count, thresholdShown: range.thresholdShown};
	}
	const values = lineValues(primary.max, range.min, range.max);
	const text = plot(values, {
		height: height - 1,
		min: range.min,
		max: range.max,
		offset: 2,
		padding: ' '.repeat(labelWidth),
		format: label,
	});
	const cells = text.split('\n').map((line) => line.split(''));
	const rowOf = rowMapper(range.min, range.max, height - 1);
	redrawAxis(cells, labelWidth, rowOf(values[0] as number));
	blankEmptyColumns(cells, primary.max, labelWidth);
	fillRanges(cells, primary, labelWidth, rowOf);
	if (secondary) drawPoints(cells, secondary.max, labelWidth, rowOf, CHART_GLYPHS.secondary);
	if (range.thresholdShown && input.threshold !== null && input.threshold !== undefined) {
		drawThreshold(cells, rowOf(input.threshold), labelWidth);
	}
	drawPeaks(cells, input.spikeTimes ?? [], primary, labelWidth, rowOf);
	const lines = cells.slice(0, height).map((row) => fit(row.join(''), width));
	while (lines.length < height) lines.push(' '.repeat(width));
	return {lines, lane: lane.text, spikesInView: lane.count, thresholdShown: range.thresholdShown};
}

interface YRange {
	min: number;
	max: number;
	thresholdShown: boolean;
}

function yRange(input: ChartInput, primary: MinMaxBuckets, secondary: MinMaxBuckets | undefined): YRange {
	let dataLow = Number.POSITIVE_INFINITY;
	let dataHigh = Number.NEGATIVE_INFINITY;
	for (const buckets of secondary ? [primary, secondary] : [primary]) {
		for (let index = 0; index < buckets.max.length; index++) {
			const top = buckets.max[index] as number;
			const bottom = buckets.min[index] as number;
			if (top > dataHigh) dataHigh = top;
			if (bottom < dataLow) dataLow = bottom;
		}
	}
	const floor = 'floor' in input ? input.floor : 0;
	const hasData = Number.isFinite(dataLow);
	const low = floor === undefined ? (hasData ? dataLow : 0) : hasData ? Math.min(floor, dataLow) : floor;
	let high = Math.max(low + (input.minSpan ?? 1), hasData ? dataHigh : low);
	const threshold = input.threshold;
	let thresholdShown = false;
	if (threshold !== null && threshold !== undefined && Number.isFinite(threshold) && threshold >= low) {
		if (threshold <= high * 1.25) {
			thresholdShown = true;
			if (threshold * 1.05 > high) high = threshold * 1.05;
		}
	}
	if (input.cap !== undefined && high > input.cap) high = Math.max(input.cap, low + Number.EPSILON);
	if (thresholdShown && threshold !== null && threshold !== undefined && threshold > high) thresholdShown = false;
	return {min: low, max: high, thresholdShown};
}

function rowMapper(min: number, max: number, height: number): (value: number) => number {
	const ratio = height / (max - min);
	const min2 = Math.round(min * ratio);
	const rows = Math.round(max * ratio) - min2;
	return (value) => rows - (Math.round(Math.min(max, Math.max(min, value)) * ratio) - min2);
}

function firstFilled(values: Float64Array): number {
	for (let index = 0; index < values.length; index++) {
		if (!Number.isNaN(values[index] as number)) return index;
	}
	return -1;
}

function redrawAxis(cells: string[][], labelWidth: number, firstRow: number): void {
	for (const [index, row] of cells.entries()) {
		if (labelWidth < row.length) row[labelWidth] = index === firstRow ? '┼' : CHART_GLYPHS.axis;
	}
}

function blankEmptyColumns(cells: string[][], max: Float64Array, labelWidth: number): void {
	for (let bucket = 0; bucket < max.length; bucket++) {
		if (!Number.isNaN(max[bucket] as number)) continue;
		const column = labelWidth + bucket;
		const glyph = bucket === 0 ? CHART_GLYPHS.axis : ' ';
		for (const row of cells) {
			if (column < row.length) row[column] = glyph;
		}
	}
}

function fillRanges(cells: string[][], buckets: MinMaxBuckets, labelWidth: number, rowOf: (value: number) => number): void {
	for (let bucket = 1; bucket < buckets.max.length; bucket++) {
		const top = buckets.max[bucket] as number;
		const bottom = buckets.min[bucket] as number;
		if (!(bottom < top)) continue;
		const column = labelWidth + bucket;
		for (let row = rowOf(top) + 1; row <= rowOf(bottom); row++) {
			const line = cells[row];
			if (line && line[column] === ' ') line[column] = CHART_GLYPHS.range;
		}
	}
}

function drawPoints(cells: string[][], values: Float64Array, labelWidth: number, rowOf: (value: number) => number, glyph: string): void {
	for (let bucket = 1; bucket < values.length; bucket++) {
		const value = values[bucket] as number;
		if (Number.isNaN(value)) continue;
		const line = cells[rowOf(value)];
		const column = labelWidth + bucket;
		if (line && line[column] === ' ') line[column] = glyph;
	}
}

function drawThreshold(cells: string[][], row: number, labelWidth: number): void {
	const line = cells[row];
	if (!line) return;
	for (let column = labelWidth + 1; column < line.length; column++) {
		if (line[column] === ' ') line[column] = CHART_GLYPHS.threshold;
	}
}

/** A `*` on the line at the top of each spike's column (the peak), so a spike shows on the plot, not only in the lane. */
function drawPeaks(cells: string[][], spikeTimes: readonly number[], buckets: MinMaxBuckets, labelWidth: number, rowOf: (value: number) => number): void {
	for (const t of spikeTimes) {
		const bucket = bucketOf(buckets, t);
		const top = bucket < 0 ? Number.NaN : (buckets.max[bucket] as number);
		if (Number.isNaN(top)) continue;
		const line = cells[rowOf(top)];
		if (line) line[labelWidth + bucket] = CHART_GLYPHS.peak;
	}
}

function drawLane(spikeTimes: readonly number[], buckets: MinMaxBuckets, labelWidth: number, width: number): {text: string; count: number} {
	const lane = new Array<string>(width).fill(' ');
	let count = 0;
	for (const t of spikeTimes) {
		const bucket = bucketOf(buckets, t);
		if (bucket < 0) continue;
		count++;
		lane[labelWidth + bucket] = CHART_GLYPHS.spike;
	}
	if (count > 0) {
		const label = padStart(`${count} ${CHART_GLYPHS.spike}`, labelWidth - 1);
		for (let index = 0; index < label.length; index++) lane[index] = label[index] as string;
	}
	return {text: lane.join(''), count};
}

function emptyPlot(label: (value: number) => string, range: YRange, labelWidth: number, width: number, height: number): string[] {
	const lines: string[] = [];
	for (let row = 0; row < height; row++) {
		const value = height === 1 ? range.max : range.max - (row * (range.max - range.min)) / (height - 1);
		const text = row === 0 || row === height - 1 ? label(value) : ' '.repeat(labelWidth);
		lines.push(fit(text + CHART_GLYPHS.axis, width));
	}
	return lines;
}

function fit(line: string, width: number): string {
	if (line.length === width) return line;
	return line.length > width ? line.slice(0, width) : line + ' '.repeat(width - line.length);
}
