/**
 * Statistics of benchmark repetitions: the spread of a figure over rounds,
 * ratios of paired runs (the two sides of a pair ran in the same round, one
 * after the other, so slow drifts of a shared machine cancel), the order of
 * configurations in each round, and a least-squares slope. Non-finite and
 * missing values are left out; empty input gives `null`s.
 */
import {max, min, percentile} from '../../src/run/stats.js';

/** Min, median and max of a figure over repetitions. */
export interface Spread {
	n: number;
	min: number | null;
	median: number | null;
	max: number | null;
}

/** A value that may be missing (a run that failed, a figure a run did not have). */
export type Maybe = number | null | undefined;

/** The finite values of `values`. */
export function present(values: Iterable<Maybe>): number[] {
	const out: number[] = [];
	for (const value of values) if (typeof value === 'number' && Number.isFinite(value)) out.push(value);
	return out;
}

/** Median of the finite values (linear interpolation between closest ranks), `null` when none. */
export function median(values: Iterable<Maybe>): number | null {
	return percentile(present(values), 50);
}

/** Min, median and max over the finite values. */
export function spread(values: Iterable<Maybe>): Spread {
	const finite = present(values);
	return {n: finite.length, min: min(finite), median: percentile(finite, 50), max: max(finite)};
}

/**
 * Ratios of paired runs: `numerators[i] / denominators[i]` for every round
 * `i` where both sides have a finite value and the denominator is not 0.
 */
export function pairedRatios(numerators: readonly Maybe[], denominators: readonly Maybe[]): number[] {
	const out: number[] = [];
	const rounds = Math.min(numerators.length, denominators.length);
	for (let i = 0; i < rounds; i++) {
		const a = numerators[i];
		const b = denominators[i];
		if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) continue;
		out.push(a / b);
	}
	return out;
}

/**
 * The order of `items` in round `round`: rotated by the round number, so
 * each configuration takes every position in turn (two items alternate
 * AB, BA, AB, ...) and none always runs first on a cold or warm machine.
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
	if (items.length === 0) return [];
	const shift = ((round % items.length) + items.length) % items.length;
	return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Least-squares slope of `ys` over `xs` (pairs with a non-finite side are left out); `null` with fewer than two distinct xs. */
export function slope(xs: readonly number[], ys: readonly number[]): number | null {
	const points: [number, number][] = [];
	for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
		const x = xs[i]!;
		const y = ys[i]!;
		if (Number.isFinite(x) && Number.isFinite(y)) points.push([x, y]);
	}
	if (points.length < 2) return null;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
	let sxy = 0;
	let sxx = 0;
	for (const [x, y] of points) {
		sxy += (x - meanX) * (y - meanY);
		sxx += (x - meanX) ** 2;
	}
	return sxx === 0 ? null : sxy / sxx;
}
