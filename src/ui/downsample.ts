/**
 * Min/max downsampling of a time series onto a fixed grid of time buckets,
 * one per chart column, so that a one-sample spike is never averaged away.
 */

/**
 * A time-ordered series as parallel arrays (the shape of the run store's
 * `SeriesPoints`): `t` ascending, ms since run start; `v` the values.
 */
export interface Points {
	readonly t: ArrayLike<number>;
	readonly v: ArrayLike<number>;
}

/** Per-bucket extremes; `NaN` where a bucket holds no finite sample. */
export interface MinMaxBuckets {
	min: Float64Array;
	max: Float64Array;
	/** Absolute index of the first bucket (`floor(t / bucketMs)` of its start). */
	firstBucket: number;
	bucketMs: number;
}

/** Where the buckets lie in time. */
export interface BucketGrid {
	/** Time (ms) the last bucket must contain, usually the latest sample. */
	endT: number;
	/** Bucket width (ms): the window divided by the number of columns. */
	bucketMs: number;
	/** Number of buckets (chart columns). */
	buckets: number;
}

/** The empty series. */
export const NO_POINTS: Points = {t: [], v: []};

/**
 * Index of the first sample with `t[i] >= t` (binary search), or
 * the series' length when there is none.
 */
export function lowerBound(series: Points, t: number): number {
	let low = 0;
	let high = Math.min(series.t.length, series.v.length);
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((series.t[middle] as number) < t) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Buckets the samples of `series` that fall in the grid and keeps each
 * bucket's smallest and largest value. The grid is aligned to absolute time
 * (bucket `k` covers `[k * bucketMs, (k + 1) * bucketMs)`), so as time moves
 * on, old buckets keep their content and only shift left: the chart scrolls
 * instead of shimmering. Non-finite values are ignored.
 */
export function downsampleMinMax(series: Points, grid: BucketGrid): MinMaxBuckets {
	const buckets = Math.max(0, Math.floor(grid.buckets));
	const bucketMs = grid.bucketMs > 0 ? grid.bucketMs : 1;
	const lastBucket = Math.floor(grid.endT / bucketMs);
	const firstBucket = lastBucket - buckets + 1;
	const min = new Float64Array(buckets).fill(Number.NaN);
	const max = new Float64Array(buckets).fill(Number.NaN);
	const result = {min, max, firstBucket, bucketMs};
	const length = Math.min(series.t.length, series.v.length);
	if (buckets === 0 || length === 0) return result;
	for (let index = lowerBound(series, firstBucket * bucketMs); index < length; index++) {
		const bucket = Math.floor((series.t[index] as number) / bucketMs) - firstBucket;
		if (bucket >= buckets) break;
		if (bucket < 0) continue;
		const value = series.v[index] as number;
		if (!Number.isFinite(value)) continue;
		const low = min[bucket] as number;
		if (!(value >= low)) min[bucket] = value;
		const high = max[bucket] as number;
		if (!(value <= high)) max[bucket] = value;
	}
	return result;
}

/**
 * Column (0-based bucket index) of time `t` in `buckets`, or -1 when `t`
 * falls outside them.
 */
export function bucketOf(buckets: MinMaxBuckets, t: number): number {
	const bucket = Math.floor(t / buckets.bucketMs) - buckets.firstBucket;
	return bucket >= 0 && bucket < buckets.min.length ? bucket : -1;
}
