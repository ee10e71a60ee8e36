import {describe, expect, it} from 'vitest';
import {MinMaxTimeline, downsampleMinMax} from '../../src/run/timeline.js';

/** Buckets every point at a fixed width in one pass, the obvious way: the reference the streaming merge must equal. */
function bucketAt(t: number[], v: number[], bucketMs: number): {t: number[]; min: number[]; max: number[]} {
	const byBucket = new Map<number, {min: number; max: number}>();
	t.forEach((time, i) => {
		const value = v[i] as number;
		if (!Number.isFinite(time) || !Number.isFinite(value) || time < 0) return;
		const key = Math.floor(time / bucketMs);
		const entry = byBucket.get(key);
		if (entry) {
			entry.min = Math.min(entry.min, value);
			entry.max = Math.max(entry.max, value);
		} else byBucket.set(key, {min: value, max: value});
	});
	const keys = [...byBucket.keys()].sort((a, b) => a - b);
	return {t: keys.map((key) => key * bucketMs), min: keys.map((key) => byBucket.get(key)!.min), max: keys.map((key) => byBucket.get(key)!.max)};
}

describe('downsampleMinMax', () => {
	it.each([
		{name: 'empty', t: [], v: [], options: {}, expected: {bucketMs: 10, t: [], min: [], max: []}},
		{name: 'one point', t: [5], v: [3], options: {}, expected: {bucketMs: 10, t: [0], min: [3], max: [3]}},
		{name: 'two points in one bucket', t: [1, 9], v: [4, 2], options: {}, expected: {bucketMs: 10, t: [0], min: [2], max: [4]}},
		{
			name: 'NaN and Infinity ignored',
			t: [1, 2, 3, Number.NaN],
			v: [Number.NaN, 7, Number.POSITIVE_INFINITY, 1],
			options: {},
			expected: {bucketMs: 10, t: [0], min: [7], max: [7]},
		},
		{name: 'negative time ignored', t: [-5, 15], v: [1, 2], options: {}, expected: {bucketMs: 10, t: [10], min: [2], max: [2]}},
		{name: 'empty buckets are left out', t: [0, 35], v: [1, 2], options: {}, expected: {bucketMs: 10, t: [0, 30], min: [1, 2], max: [1, 2]}},
		{
			name: 'span over the cap doubles the width',
			t: [0, 10, 20],
			v: [1, 5, 3],
			options: {maxBuckets: 2},
			expected: {bucketMs: 20, t: [0, 20], min: [1, 3], max: [5, 3]},
		},
		{
			name: 'a one-sample spike survives merging',
			t: [0, 10, 20, 30, 40, 50, 60, 70],
			v: [1, 1, 1, 99, 1, 1, 1, 1],
			options: {maxBuckets: 2},
			expected: {bucketMs: 40, t: [0, 40], min: [1, 1], max: [99, 1]},
		},
		{
			name: 'ties at a bucket edge go to the later bucket',
			t: [9.999, 10],
			v: [1, 2],
			options: {},
			expected: {bucketMs: 10, t: [0, 10], min: [1, 2], max: [1, 2]},
		},
		{name: 'an out-of-order point joins the last bucket', t: [50, 20], v: [1, 8], options: {}, expected: {bucketMs: 10, t: [50], min: [1], max: [8]}},
		{name: 'bad initial width falls back to 10 ms', t: [15], v: [1], options: {initialBucketMs: 0}, expected: {bucketMs: 10, t: [10], min: [1], max: [1]}},
	])('$name', ({t, v, options, expected}) => {
		expect(downsampleMinMax(t, v, options)).toEqual(expected);
	});

	it('a long run stays within maxBuckets and equals one-pass bucketing at the final width', () => {
		let seed = 7;
		const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const t: number[] = [];
		const v: number[] = [];
		let time = 0;
		for (let i = 0; i < 200_000; i++) {
			time += random() * 30;
			t.push(time);
			v.push(random() < 0.001 ? 500 : random() * 50);
		}
		const series = downsampleMinMax(t, v, {maxBuckets: 1000});
		expect(series.t.length).toBeLessThanOrEqual(1000);
		expect(series.t.length).toBeGreaterThan(400);
		expect(series).toEqual({bucketMs: series.bucketMs, ...bucketAt(t, v, series.bucketMs)});
		expect(Math.max(...series.max)).toBe(v.reduce((a, b) => Math.max(a, b)));
		expect(Math.min(...series.min)).toBe(v.reduce((a, b) => Math.min(a, b)));
	});

	it('the streaming timeline and the one-pass function agree, and toSeries is a copy', () => {
		const timeline = new MinMaxTimeline({maxBuckets: 3});
		const points = [
			[0, 1],
			[12, 4],
			[25, 2],
			[31, 9],
			[70, 0],
		] as const;
		for (const [time, value] of points) timeline.push(time, value);
		const series = timeline.toSeries();
		expect(series).toEqual(
			downsampleMinMax(
				points.map((p) => p[0]),
				points.map((p) => p[1]),
				{maxBuckets: 3},
			),
		);
		expect(timeline.length).toBe(series.t.length);
		series.max[0] = -1;
		expect(timeline.toSeries().max[0]).not.toBe(-1);
	});
});
