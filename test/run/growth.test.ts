import {describe, expect, it} from 'vitest';
import {MAX_GROWTH_POINTS, MIN_GROWTH_SPAN_MS, mergeAdjacent, rssGrowth, theilSenSlope, type GrowthPoint} from '../../src/run/growth.js';

const HOUR = 3_600_000;
const MIB = 1024 ** 2;

/** Points every `stepMs` on the line value = base + slope * t. */
function line(count: number, stepMs: number, slopePerMs: number, base = 200 * MIB): GrowthPoint[] {
	return Array.from({length: count}, (_, i) => ({t: i * stepMs, value: base + slopePerMs * i * stepMs}));
}

describe('theilSenSlope', () => {
	it.each<[string, GrowthPoint[], number | null]>([
		['no points', [], null],
		['one point', [{t: 5, value: 1}], null],
		[
			'two points at the same time',
			[
				{t: 5, value: 1},
				{t: 5, value: 9},
			],
			null,
		],
		[
			'two points',
			[
				{t: 0, value: 0},
				{t: 10, value: 20},
			],
			2,
		],
		['a flat line', line(5, 1000, 0), 0],
		[
			'a falling line',
			[
				{t: 0, value: 10},
				{t: 1, value: 8},
				{t: 2, value: 6},
			],
			-2,
		],
		[
			'NaN and Infinity are ignored',
			[
				{t: 0, value: 0},
				{t: 1, value: Number.NaN},
				{t: Number.POSITIVE_INFINITY, value: 3},
				{t: 2, value: 4},
			],
			2,
		],
		// Pair slopes 1, 1, 1, 7/3, 3, 5: an even count, so the mean of the middle two, (1 + 7/3) / 2.
		[
			'an even number of slopes',
			[
				{t: 0, value: 0},
				{t: 1, value: 1},
				{t: 2, value: 2},
				{t: 3, value: 7},
			],
			5 / 3,
		],
	])('%s', (_name, points, expected) => {
		const slope = theilSenSlope(points);
		if (expected === null) expect(slope).toBeNull();
		else expect(slope).toBeCloseTo(expected, 12);
	});

	it('follows the line, not one outlying pass (least squares would move by ~40 %)', () => {
		const points = line(10, 60_000, MIB / HOUR);
		points[9] = {...points[9]!, value: points[9]!.value - 50 * MIB};
		expect(theilSenSlope(points)! * HOUR).toBeCloseTo(MIB, 0);
	});

	it('is order-independent', () => {
		const points = line(7, 30_000, 3);
		expect(theilSenSlope([...points].reverse())).toBeCloseTo(3, 12);
	});
});

describe('rssGrowth', () => {
	it('gives bytes per hour over enough passes and span', () => {
		const points = line(6, 60_000, (12 * MIB) / HOUR);
		const growth = rssGrowth(points, 6);
		expect(growth.bytesPerHour).toBeCloseTo(12 * MIB, 0);
		expect(growth).toMatchObject({passes: 6, spanMs: 300_000});
	});

	it.each([
		['no pass', [], 0, 0],
		['one pass', line(1, 1, 1), 1, 0],
		['two passes a few seconds apart', line(2, 2000, 1), 2, 2000],
		[
			'a span one ms short of the minimum',
			[
				{t: 0, value: 1},
				{t: MIN_GROWTH_SPAN_MS - 1, value: 2},
			],
			2,
			MIN_GROWTH_SPAN_MS - 1,
		],
	])('is null under the minimum: %s', (_name, points, passes, spanMs) => {
		expect(rssGrowth(points, passes)).toEqual({bytesPerHour: null, passes, spanMs});
	});

	it('takes its minimums as options', () => {
		expect(rssGrowth(line(2, 2000, 1), 2, {minSpanMs: 1000}).bytesPerHour).toBeCloseTo(HOUR, 6);
		expect(rssGrowth(line(3, 200_000, 1), 3, {minPasses: 4}).bytesPerHour).toBeNull();
	});
});

describe('mergeAdjacent', () => {
	it('merges neighbours by weight and keeps an odd last point', () => {
		const merged = mergeAdjacent([
			{t: 0, value: 10, weight: 1},
			{t: 10, value: 20, weight: 3},
			{t: 20, value: 30, weight: 1},
		]);
		expect(merged).toEqual([
			{t: 7.5, value: 17.5, weight: 4},
			{t: 20, value: 30, weight: 1},
		]);
	});

	it('keeps the slope of a line', () => {
		const points = line(MAX_GROWTH_POINTS + 1, 1000, 5).map((point) => ({...point, weight: 1}));
		expect(theilSenSlope(mergeAdjacent(points))).toBeCloseTo(5, 9);
	});

	it('gives nothing for nothing', () => {
		expect(mergeAdjacent([])).toEqual([]);
	});
});
