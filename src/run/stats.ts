/**
 * Descriptive statistics over plain arrays of numbers.
 *
 * Conventions shared by every function here:
 * - Non-finite values (`NaN`, `±Infinity`) are ignored: a sampler glitch is
 *   not a measurement. An input with no finite value is "empty".
 * - Empty input gives `null`, never `NaN` or `0`.
 * - Percentiles use ONE interpolation everywhere in llmtop: linear
 *   interpolation between the closest ranks (Hyndman & Fan type 7, numpy's
 *   default `"linear"`, Excel's `PERCENTILE.INC`). For sorted values
 *   `x[0..n-1]` and a quantile `q` in [0, 1], with `h = (n - 1) * q`:
 *   `x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])`.
 *   So q = 0 is the minimum, q = 1 the maximum, one sample is every
 *   percentile, and ties give the tied value.
 */

/** Summary of a set of values; every field is `null` when there were none. */
export interface Summary {
	count: number;
	mean: number | null;
	min: number | null;
	max: number | null;
	p50: number | null;
	p95: number | null;
	p99: number | null;
}

/** The finite values of `values`, in their original order. */
export function finiteValues(values: Iterable<number>): number[] {
	const out: number[] = [];
	for (const value of values) {
		if (Number.isFinite(value)) out.push(value);
	}
	return out;
}

/** Arithmetic mean of the finite values, or `null` when there are none. */
export function mean(values: Iterable<number>): number | null {
	let sum = 0;
	let count = 0;
	for (const value of values) {
		if (!Number.isFinite(value)) continue;
		sum += value;
		count++;
	}
	return count === 0 ? null : sum / count;
}

/** Largest finite value, or `null` when there is none. */
export function max(values: Iterable<number>): number | null {
	let best: number | null = null;
	for (const value of values) {
		if (Number.isFinite(value) && (best === null || value > best)) best = value;
	}
	return best;
}

/** Smallest finite value, or `null` when there is none. */
export function min(values: Iterable<number>): number | null {
	let best: number | null = null;
	for (const value of values) {
		if (Number.isFinite(value) && (best === null || value < best)) best = value;
	}
	return best;
}

/**
 * Quantile `q` (0..1, clamped) of values already sorted ascending and finite,
 * by linear interpolation between closest ranks. `null` when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
	const n = sorted.length;
	if (n === 0 || Number.isNaN(q)) return null;
	const h = (n - 1) * Math.min(1, Math.max(0, q));
	const lowIndex = Math.floor(h);
	const low = sorted[lowIndex] as number;
	const high = sorted[Math.min(n - 1, lowIndex + 1)] as number;
	const fraction = h - lowIndex;
	return fraction === 0 || low === high ? low : low + fraction * (high - low);
}

/** Quantile `q` (0..1) of the finite values, linear between closest ranks; `null` when empty. */
export function quantile(values: Iterable<number>, q: number): number | null {
	return quantileSorted(sortedFinite(values), q);
}

/** Percentile `p` (0..100) of the finite values: `quantile(values, p / 100)`. */
export function percentile(values: Iterable<number>, p: number): number | null {
	return quantile(values, p / 100);
}

/**
 * `numerator / denominator`, or `null` when either is missing or the
 * denominator is not positive (a p99/p50 with p50 = 0 says nothing).
 */
export function ratio(numerator: number | null, denominator: number | null): number | null {
	if (numerator === null || denominator === null) return null;
	if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
	return numerator / denominator;
}

/** p99 / p50 of the finite values (`null` when empty or p50 <= 0). */
export function p99OverP50(values: Iterable<number>): number | null {
	const sorted = sortedFinite(values);
	return ratio(quantileSorted(sorted, 0.99), quantileSorted(sorted, 0.5));
}

/** Count, mean, min, max, p50, p95 and p99 of the finite values in one pass over a sorted copy. */
export function summarize(values: Iterable<number>): Summary {
	const sorted = sortedFinite(values);
	const count = sorted.length;
	let sum = 0;
	for (const value of sorted) sum += value;
	return {
		count,
		mean: count === 0 ? null : sum / count,
		min: count === 0 ? null : (sorted[0] as number),
		max: count === 0 ? null : (sorted[count - 1] as number),
		p50: quantileSorted(sorted, 0.5),
		p95: quantileSorted(sorted, 0.95),
		p99: quantileSorted(sorted, 0.99),
	};
}

/** A new ascending array of the finite values. */
export function sortedFinite(values: Iterable<number>): number[] {
	return finiteValues(values).sort(ascending);
}

/** Comparator for ascending numeric sort. */
export function ascending(a: number, b: number): number {
	return a - b;
}
