import {describe, expect, it} from 'vitest';
import {max, mean, min, p99OverP50, percentile, quantile, quantileSorted, ratio, summarize} from '../../src/run/stats.js';

describe('quantile (linear between closest ranks, numpy "linear")', () => {
	it.each([
		{name: 'empty', values: [], q: 0.5, expected: null},
		{name: 'only NaN is empty', values: [Number.NaN, Number.NaN], q: 0.5, expected: null},
		{name: 'one sample, p0', values: [7], q: 0, expected: 7},
		{name: 'one sample, p50', values: [7], q: 0.5, expected: 7},
		{name: 'one sample, p99', values: [7], q: 0.99, expected: 7},
		{name: 'two samples, p50 halfway', values: [10, 20], q: 0.5, expected: 15},
		{name: 'two samples, p99', values: [10, 20], q: 0.99, expected: 19.9},
		{name: 'p0 is the minimum', values: [3, 1, 2], q: 0, expected: 1},
		{name: 'p100 is the maximum', values: [3, 1, 2], q: 1, expected: 3},
		{name: 'q above 1 clamps to max', values: [3, 1, 2], q: 1.5, expected: 3},
		{name: 'q below 0 clamps to min', values: [3, 1, 2], q: -1, expected: 1},
		{name: 'unsorted input', values: [5, 1, 4, 2, 3], q: 0.5, expected: 3},
		{name: 'exact rank, no interpolation', values: [1, 2, 3, 4, 5], q: 0.25, expected: 2},
		{name: 'between ranks', values: [1, 2, 3, 4], q: 0.5, expected: 2.5},
		{name: 'numpy: percentile([1..10], 95)', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], q: 0.95, expected: 9.55},
		{name: 'numpy: percentile([1..10], 99)', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], q: 0.99, expected: 9.91},
		{name: 'ties give the tied value', values: [4, 4, 4, 4], q: 0.37, expected: 4},
		{name: 'ties at the p99 edge', values: [1, 2, 9, 9], q: 0.99, expected: 9},
		{name: 'tie straddling the rank', values: [1, 5, 5, 10], q: 0.5, expected: 5},
		{name: 'NaN ignored', values: [Number.NaN, 1, 3, Number.NaN], q: 0.5, expected: 2},
		{name: 'Infinity ignored', values: [Number.POSITIVE_INFINITY, 1, 3], q: 1, expected: 3},
		{name: 'negative values', values: [-3, -1, -2], q: 0.5, expected: -2},
	])('$name', ({values, q, expected}) => {
		const result = quantile(values, q);
		if (expected === null) expect(result).toBeNull();
		else expect(result).toBeCloseTo(expected, 10);
	});

	it('percentile takes 0..100', () => {
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55, 10);
	});

	it('quantileSorted: NaN q gives null', () => {
		expect(quantileSorted([1, 2], Number.NaN)).toBeNull();
	});

	it('is monotonic in q', () => {
		const values = [0.3, 9, 1, 1, 1, 2, 50, 7, 7, 3];
		let previous = Number.NEGATIVE_INFINITY;
		for (let q = 0; q <= 1; q += 0.01) {
			const value = quantile(values, q) as number;
			expect(value).toBeGreaterThanOrEqual(previous);
			previous = value;
		}
	});

	it('does not sort the caller array', () => {
		const values = [3, 1, 2];
		quantile(values, 0.5);
		expect(values).toEqual([3, 1, 2]);
	});
});

describe('mean, min, max, ratio', () => {
	it.each([
		{name: 'empty', values: [], mean: null, min: null, max: null},
		{name: 'one', values: [5], mean: 5, min: 5, max: 5},
		{name: 'several', values: [1, 2, 6], mean: 3, min: 1, max: 6},
		{name: 'NaN ignored', values: [Number.NaN, 2, 4], mean: 3, min: 2, max: 4},
		{name: 'only NaN', values: [Number.NaN], mean: null, min: null, max: null},
	])('$name', (row) => {
		expect(mean(row.values)).toBe(row.mean);
		expect(min(row.values)).toBe(row.min);
		expect(max(row.values)).toBe(row.max);
	});

	it.each([
		{a: 4, b: 2, expected: 2},
		{a: 4, b: 0, expected: null},
		{a: 4, b: -1, expected: null},
		{a: null, b: 2, expected: null},
		{a: 4, b: null, expected: null},
		{a: Number.NaN, b: 2, expected: null},
	])('ratio($a, $b) = $expected', ({a, b, expected}) => {
		expect(ratio(a, b)).toBe(expected);
	});

	it('p99OverP50', () => {
		expect(p99OverP50([])).toBeNull();
		expect(p99OverP50([0, 0, 0])).toBeNull();
		expect(p99OverP50([2, 2, 2])).toBe(1);
		expect(p99OverP50([1, 2, 3])).toBeCloseTo(2.98 / 2, 10);
	});
});

describe('summarize', () => {
	it('empty', () => {
		expect(summarize([])).toEqual({count: 0, mean: null, min: null, max: null, p50: null, p95: null, p99: null});
	});
	it('orders p50 <= p95 <= p99 <= max', () => {
		const s = summarize([5, 1, 9, 3, 3, 8, 2, Number.NaN]);
		expect(s.count).toBe(7);
		expect(s.min).toBe(1);
		expect(s.max).toBe(9);
		expect(s.p50 as number).toBeLessThanOrEqual(s.p95 as number);
		expect(s.p95 as number).toBeLessThanOrEqual(s.p99 as number);
		expect(s.p99 as number).toBeLessThanOrEqual(s.max as number);
	});
});
