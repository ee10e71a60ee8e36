import {describe, expect, it} from 'vitest';
import {CHART_GLYPHS, renderChart, type ChartInput} from '../../src/ui/chart.js';
import {CHART_SPECS} from '../../src/ui/chart-specs.js';
import {fillSpans, lineValues} from '../../src/ui/chart-span.js';
import {downsampleMinMax} from '../../src/ui/downsample.js';

/** Inter-token gaps of a prompt: first token at `firstT`, then `count` gaps of `gapMs` (the first token has no gap). */
function prompt(firstT: number, count: number, gapMs: number): {t: number[]; v: number[]} {
	return {t: Array.from({length: count}, (_, index) => firstT + (index + 1) * gapMs), v: Array.from({length: count}, () => gapMs)};
}

function join(...parts: {t: number[]; v: number[]}[]): {t: number[]; v: number[]} {
	return {t: parts.flatMap((part) => part.t), v: parts.flatMap((part) => part.v)};
}

const LABEL = 6;

/** Plot columns (after the axis) whose every row is blank. */
function blankColumns(lines: readonly string[]): number[] {
	const width = lines[0]?.length ?? 0;
	const blank: number[] = [];
	for (let column = LABEL + 1; column < width; column++) {
		if (lines.every((line) => line[column] === ' ')) blank.push(column - LABEL);
	}
	return blank;
}

function itlChart(primary: {t: number[]; v: number[]}, extra: Partial<ChartInput> = {}): ReturnType<typeof renderChart> {
	return renderChart({
		width: 66,
		height: 6,
		windowMs: 30_000,
		endT: 29_999,
		primary,
		formatLabel: CHART_SPECS.itl.axis,
		floor: 0,
		minSpan: 10,
		span: 'value',
		...extra,
	});
}

describe('fillSpans', () => {
	it('fills the empty buckets an inter-token gap spans with its value, and nothing before the first gap', () => {
		const series = {t: [1500, 4500], v: [50, 3000]};
		const buckets = downsampleMinMax(series, {endT: 4999, bucketMs: 1000, buckets: 5});
		fillSpans(buckets, series, 'value');
		expect([...buckets.max]).toEqual([Number.NaN, 50, 3000, 3000, 3000]);
	});

	it('a sampled series covers its interval: samples sparser than the buckets leave no hole', () => {
		const series = {t: [0, 500, 1000, 1500], v: [1, 2, 3, 4]};
		const buckets = downsampleMinMax(series, {endT: 1999, bucketMs: 200, buckets: 10});
		fillSpans(buckets, series, 750);
		expect([...buckets.max].slice(0, 8).some(Number.isNaN)).toBe(false);
		expect(Number.isNaN(buckets.max[8] as number)).toBe(true);
	});

	it('lineValues gives an empty column the next value, so a segment after a break starts level', () => {
		expect(lineValues(Float64Array.from([5, Number.NaN, Number.NaN, 9, Number.NaN]), 0, 100)).toEqual([5, 9, 9, 9, 9]);
		expect(lineValues(Float64Array.from([Number.NaN, 7]), 0, 5)).toEqual([5, 5]);
	});
});

describe('the ITL line', () => {
	it('is not broken inside a prompt whose gaps are wider than a column (a slow model, a stall)', () => {
		// 30 s over 60 columns: 500 ms a column; tokens every 800 ms, and one stall of 3 s.
		const slow = prompt(2000, 10, 800);
		const stall = {t: [slow.t.at(-1)! + 3000], v: [3000]};
		const after = prompt(stall.t[0]!, 5, 800);
		const chart = itlChart(join(slow, stall, after));
		const first = Math.floor(2800 / 500);
		const last = Math.floor(after.t.at(-1)! / 500);
		const holes = blankColumns(chart.lines).filter((column) => column > first && column < last);
		expect(holes).toEqual([]);
	});

	it('stops between prompts (no tokens, no ITL) and restarts without a connector from the old level', () => {
		// Prompt 1 decodes at 25 ms a token until 2 s, prompt 2 at 60 ms from 20 s: 500 ms a column.
		const chart = itlChart(join(prompt(1000, 40, 25), prompt(20_000, 100, 60)));
		const blank = blankColumns(chart.lines);
		expect(blank.length).toBeGreaterThan(20);
		const restart = Math.floor(20_060 / 500) + LABEL;
		const column = chart.lines.map((line) => line[restart]).join('');
		// The new segment's first column holds its own level only: no connector (╮╯╭╰│) from the old level into a blank column.
		expect(column.replace(/ /g, '')).toBe('─');
		expect(chart.lines.join('')).toContain(CHART_GLYPHS.axis);
	});
});
