/**
 * Memory growth of a soak (`run --repeat N`, `run --duration D`): how fast
 * the process's resident memory rises, in bytes per hour.
 *
 * The method: one point per complete pass of the suite — the median RSS of
 * the samples taken while that pass ran (phase `prompts`), at the middle of
 * the pass's samples — and the Theil-Sen slope through those points (the
 * median of the slopes between every pair of points). Every pass runs the
 * same prompts, so prompt-dependent memory (a long prompt's KV cache) is the
 * same in every point and cancels out; the median per pass ignores a
 * short-lived peak, and Theil-Sen ignores up to ~29 % of outlying passes
 * (a page-cache reclaim, a one-off allocation), where least squares would
 * follow them.
 *
 * The figure is `null` under {@link MIN_GROWTH_PASSES} complete passes or a
 * span (first to last point) under {@link MIN_GROWTH_SPAN_MS}: extrapolating
 * seconds to an hour multiplies allocator noise into a meaningless rate.
 */

/** One point: a time (ms since the run started) and a value. */
export interface GrowthPoint {
	t: number;
	value: number;
}

/** Fewest complete passes behind a growth figure. */
export const MIN_GROWTH_PASSES = 2;

/** Shortest span (first to last pass point) behind a growth figure, ms: 5 minutes. */
export const MIN_GROWTH_SPAN_MS = 5 * 60_000;

/** Most points {@link theilSenSlope} is given by the store: it is O(n² log n), so longer lists are thinned by {@link mergeAdjacent}. */
export const MAX_GROWTH_POINTS = 256;

const HOUR_MS = 3_600_000;

/**
 * The Theil-Sen slope (value per ms): the median of `(b.value - a.value) /
 * (b.t - a.t)` over every pair with distinct times. `null` with fewer than
 * two finite points at distinct times. Pairs at the same time are left out;
 * non-finite points are ignored.
 */
export function theilSenSlope(points: readonly GrowthPoint[]): number | null {
	const finite = points.filter((point) => Number.isFinite(point.t) && Number.isFinite(point.value));
	const slopes: number[] = [];
	for (let i = 0; i < finite.length; i++) {
		for (let j = i + 1; j < finite.length; j++) {
			const a = finite[i]!;
			const b = finite[j]!;
			if (a.t === b.t) continue;
			slopes.push((b.value - a.value) / (b.t - a.t));
		}
	}
	if (slopes.length === 0) return null;
	slopes.sort((x, y) => x - y);
	const middle = Math.floor(slopes.length / 2);
	return slopes.length % 2 === 1 ? slopes[middle]! : (slopes[middle - 1]! + slopes[middle]!) / 2;
}

/** RSS growth of a run, as the report gives it. */
export interface RssGrowth {
	/** Theil-Sen slope of the per-pass RSS medians, bytes per hour; `null` under the minimum passes or span. */
	bytesPerHour: number | null;
	/** Complete passes behind the figure. */
	passes: number;
	/** First to last pass point, ms (0 with fewer than two points). */
	spanMs: number;
}

/** Options of {@link rssGrowth}. */
export interface RssGrowthOptions {
	/** @default MIN_GROWTH_PASSES */
	minPasses?: number;
	/** @default MIN_GROWTH_SPAN_MS */
	minSpanMs?: number;
}

/**
 * The growth figure from per-pass points (see the module comment). `passes`
 * is how many complete passes the points stand for (more than the points
 * once they were thinned).
 */
export function rssGrowth(points: readonly GrowthPoint[], passes: number, options: RssGrowthOptions = {}): RssGrowth {
	const times = points.map((point) => point.t).filter(Number.isFinite);
	const spanMs = times.length >= 2 ? Math.max(...times) - Math.min(...times) : 0;
	const enough = passes >= (options.minPasses ?? MIN_GROWTH_PASSES) && spanMs >= (options.minSpanMs ?? MIN_GROWTH_SPAN_MS);
	const slope = enough ? theilSenSlope(points) : null;
	return {bytesPerHour: slope === null ? null : slope * HOUR_MS, passes, spanMs};
}

/** A point standing for `weight` passes (1 for a single pass). */
export interface WeightedPoint extends GrowthPoint {
	weight: number;
}

/**
 * Halves a list of points by merging neighbours pairwise (weighted means of
 * time and value; an odd last point is kept). Neighbouring passes ran the
 * same prompts, so a merged point is still a like-for-like level.
 */
export function mergeAdjacent(points: readonly WeightedPoint[]): WeightedPoint[] {
	const merged: WeightedPoint[] = [];
	for (let i = 0; i < points.length; i += 2) {
		const a = points[i]!;
		const b = points[i + 1];
		if (!b) {
			merged.push(a);
			continue;
		}
		const weight = a.weight + b.weight;
		merged.push({t: (a.t * a.weight + b.t * b.weight) / weight, value: (a.value * a.weight + b.value * b.weight) / weight, weight});
	}
	return merged;
}
