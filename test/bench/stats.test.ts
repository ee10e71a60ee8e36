import {describe, expect, it} from 'vitest';
import {median, pairedRatios, present, roundOrder, slope, spread} from '../../bench/lib/stats.js';

describe('spread', () => {
	it.each([
		[[], {n: 0, min: null, median: null, max: null}],
		[[3], {n: 1, min: 3, median: 3, max: 3}],
		[[5, 1, 3], {n: 3, min: 1, median: 3, max: 5}],
		[[4, 1, 3, 2], {n: 4, min: 1, median: 2.5, max: 4}],
		[[2, 2, 2], {n: 3, min: 2, median: 2, max: 2}],
		[[1, null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 3], {n: 2, min: 1, median: 2, max: 3}],
	])('%j', (values, expected) => {
		expect(spread(values)).toEqual(expected);
	});

	it('median and present ignore missing values', () => {
		expect(present([1, null, Number.NaN, 2])).toEqual([1, 2]);
		expect(median([null, undefined])).toBeNull();
		expect(median([10, null, 30])).toBe(20);
	});
});

describe('pairedRatios', () => {
	it('divides round by round', () => {
		expect(pairedRatios([10, 20, 30], [5, 10, 60])).toEqual([2, 2, 0.5]);
	});

	it('drops a round when either side is missing, not a number, or the denominator is 0', () => {
		expect(pairedRatios([10, null, 30, 40, Number.NaN], [5, 10, undefined, 0, 1])).toEqual([2]);
	});

	it('never pairs across rounds when one side has more rounds', () => {
		expect(pairedRatios([1, 2, 3], [1])).toEqual([1]);
		expect(pairedRatios([], [1, 2])).toEqual([]);
	});

	it('the median of paired ratios is not the ratio of medians', () => {
		const a = [100, 50, 90];
		const b = [100, 50, 100];
		expect(median(pairedRatios(a, b))).toBe(1);
		expect(median(a)! / median(b)!).toBeCloseTo(0.9);
	});
});

describe('roundOrder', () => {
	it('alternates two configurations', () => {
		expect([0, 1, 2, 3].map((round) => roundOrder(['a', 'b'], round).join(''))).toEqual(['ab', 'ba', 'ab', 'ba']);
	});

	it('puts every configuration first once per cycle', () => {
		const firsts = [0, 1, 2].map((round) => roundOrder(['a', 'b', 'c'], round)[0]);
		expect(firsts).toEqual(['a', 'b', 'c']);
		expect(roundOrder(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
	});

	it('keeps every item and handles the empty list', () => {
		expect(roundOrder([], 3)).toEqual([]);
		expect([...roundOrder([1, 2, 3, 4], 7)].sort()).toEqual([1, 2, 3, 4]);
	});
});

describe('slope', () => {
	it.each([
		[[0, 1, 2], [1, 3, 5], 2],
		[[0, 10, 20], [7, 7, 7], 0],
		[[0, 1, 2, 3], [0, 1, 0, 1], 0.2],
	])('%j / %j', (xs, ys, expected) => {
		expect(slope(xs, ys)).toBeCloseTo(expected);
	});

	it('is null without two distinct xs', () => {
		expect(slope([], [])).toBeNull();
		expect(slope([1], [1])).toBeNull();
		expect(slope([2, 2], [1, 5])).toBeNull();
		expect(slope([1, Number.NaN], [1, 2])).toBeNull();
	});
});
