import {describe, expect, it} from 'vitest';
import {bucketOf, downsampleMinMax, lowerBound, NO_POINTS} from '../../src/ui/downsample.js';
import {bucketMsFor, CHART_WINDOWS_MS, stepChartWindow} from '../../src/ui/chart-window.js';

function flat(count: number, stepMs: number, value = 10): {t: number[]; v: number[]} {
	return {t: Array.from({length: count}, (_, index) => index * stepMs), v: Array.from({length: count}, () => value)};
}

describe('downsampleMinMax', () => {
	it("keeps each bucket's min and max", () => {
		const series = {t: [0, 10, 20, 30, 40, 50], v: [5, 1, 9, 2, 8, 3]};
		const buckets = downsampleMinMax(series, {endT: 59, bucketMs: 30, buckets: 2});
		expect([...buckets.min]).toEqual([1, 2]);
		expect([...buckets.max]).toEqual([9, 8]);
	});

	it('gives NaN to empty buckets and ignores non-finite values', () => {
		const series = {t: [0, 10, 100], v: [Number.NaN, 4, 7]};
		const buckets = downsampleMinMax(series, {endT: 119, bucketMs: 30, buckets: 4});
		expect([...buckets.max]).toEqual([4, Number.NaN, Number.NaN, 7]);
	});

	it('handles an empty series and zero buckets', () => {
		expect([...downsampleMinMax(NO_POINTS, {endT: 100, bucketMs: 10, buckets: 3}).max]).toEqual([Number.NaN, Number.NaN, Number.NaN]);
		expect(downsampleMinMax(flat(10, 10), {endT: 100, bucketMs: 10, buckets: 0}).max.length).toBe(0);
	});

	it('keeps a single-sample spike at every bucket size', () => {
		const series = flat(6000, 100);
		series.v[3217] = 95;
		for (const windowMs of [...CHART_WINDOWS_MS, 3_600_000]) {
			for (const columns of [1, 7, 20, 53, 113, 400]) {
				const grid = {endT: 599_900, bucketMs: bucketMsFor(windowMs, columns), buckets: columns};
				const buckets = downsampleMinMax(series, grid);
				const spikeBucket = bucketOf(buckets, 321_700);
				if (spikeBucket < 0) continue;
				expect(buckets.max[spikeBucket]).toBe(95);
				expect(Math.max(...[...buckets.max].filter(Number.isFinite))).toBe(95);
			}
		}
	});

	it('keeps a single-sample dip as the bucket minimum', () => {
		const series = flat(1000, 100, 60);
		series.v[500] = 2;
		const buckets = downsampleMinMax(series, {endT: 99_900, bucketMs: 5000, buckets: 20});
		expect(buckets.min[bucketOf(buckets, 50_000)]).toBe(2);
	});

	it('aligns buckets to absolute time, so old columns keep their content as time moves on', () => {
		const series = {t: Array.from({length: 300}, (_, index) => index * 100), v: Array.from({length: 300}, (_, index) => index % 17)};
		const before = downsampleMinMax(series, {endT: 20_000, bucketMs: 1000, buckets: 10});
		const after = downsampleMinMax(series, {endT: 22_000, bucketMs: 1000, buckets: 10});
		expect([...after.max.slice(0, 8)]).toEqual([...before.max.slice(2)]);
		expect(after.firstBucket - before.firstBucket).toBe(2);
	});

	it('finds the first sample at or after a time', () => {
		const series = {t: [0, 10, 10, 20], v: [1, 2, 3, 4]};
		expect(lowerBound(series, -5)).toBe(0);
		expect(lowerBound(series, 10)).toBe(1);
		expect(lowerBound(series, 11)).toBe(3);
		expect(lowerBound(series, 21)).toBe(4);
	});
});

describe('chart window', () => {
	it('steps through the listed windows and clamps at the ends', () => {
		expect(stepChartWindow(60_000, 1)).toBe(300_000);
		expect(stepChartWindow(60_000, -1)).toBe(30_000);
		expect(stepChartWindow(30_000, -1)).toBe(30_000);
		expect(stepChartWindow(600_000, 1)).toBe(600_000);
		expect(stepChartWindow(45_000, 1)).toBe(60_000);
		expect(stepChartWindow(45_000, -1)).toBe(30_000);
	});

	it('spreads the window over the columns', () => {
		expect(bucketMsFor(60_000, 60)).toBe(1000);
		expect(bucketMsFor(60_000, 0)).toBe(60_000);
	});
});
