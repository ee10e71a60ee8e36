/**
 * A run-long overview of a chart: min and max per time bucket, bounded in
 * memory however long the run. Buckets are aligned on multiples of the
 * bucket width (`floor(t / bucketMs)`), so when the span outgrows
 * `maxBuckets` the width doubles and neighbouring pairs merge exactly: the
 * result equals bucketing every point at the final width in one pass. A
 * one-sample spike is never averaged away (max keeps it).
 */

/** Options of {@link MinMaxTimeline}. */
export interface MinMaxTimelineOptions {
	/**
	 * Most buckets the span from the first to the last point may cover.
	 * @default 1500
	 */
	maxBuckets?: number;
	/**
	 * Width of a bucket before any merge, ms (a positive power-of-two multiple of it is used later).
	 * @default 10
	 */
	initialBucketMs?: number;
}

/** The overview as plain arrays: bucket `i` starts at `t[i]` (ms since run start) and holds values in `[min[i], max[i]]`. Buckets without points are absent. */
export interface MinMaxSeries {
	bucketMs: number;
	t: number[];
	min: number[];
	max: number[];
}

/** Streaming min/max bucketing with a doubling width (see the module comment). `push` is O(1) amortised. */
export class MinMaxTimeline {
	readonly maxBuckets: number;
	#bucketMs: number;
	#index: number[] = [];
	#min: number[] = [];
	#max: number[] = [];

	constructor(options: MinMaxTimelineOptions = {}) {
		this.maxBuckets = Math.max(1, Math.floor(options.maxBuckets ?? 1500));
		const initial = options.initialBucketMs ?? 10;
		this.#bucketMs = Number.isFinite(initial) && initial > 0 ? initial : 10;
	}

	/** Buckets currently kept. */
	get length(): number {
		return this.#index.length;
	}

	/** Adds a point; non-finite `t` or `v` and negative `t` are ignored. Points are expected in non-decreasing `t` order (an older point joins the last bucket). */
	push(t: number, v: number): void {
		if (!Number.isFinite(t) || !Number.isFinite(v) || t < 0) return;
		let bucket = Math.floor(t / this.#bucketMs);
		const first = this.#index[0];
		while (first !== undefined && bucket - (this.#index[0] as number) + 1 > this.maxBuckets) {
			this.#merge();
			bucket = Math.floor(t / this.#bucketMs);
		}
		const last = this.#index.length - 1;
		if (last >= 0 && bucket <= (this.#index[last] as number)) {
			if (v < (this.#min[last] as number)) this.#min[last] = v;
			if (v > (this.#max[last] as number)) this.#max[last] = v;
			return;
		}
		this.#index.push(bucket);
		this.#min.push(v);
		this.#max.push(v);
	}

	/** A copy of the buckets. */
	toSeries(): MinMaxSeries {
		const bucketMs = this.#bucketMs;
		return {bucketMs, t: this.#index.map((index) => index * bucketMs), min: [...this.#min], max: [...this.#max]};
	}

	#merge(): void {
		this.#bucketMs *= 2;
		const index: number[] = [];
		const min: number[] = [];
		const max: number[] = [];
		for (let i = 0; i < this.#index.length; i++) {
			const merged = Math.floor((this.#index[i] as number) / 2);
			const low = this.#min[i] as number;
			const high = this.#max[i] as number;
			const last = index.length - 1;
			if (last >= 0 && index[last] === merged) {
				if (low < (min[last] as number)) min[last] = low;
				if (high > (max[last] as number)) max[last] = high;
			} else {
				index.push(merged);
				min.push(low);
				max.push(high);
			}
		}
		this.#index = index;
		this.#min = min;
		this.#max = max;
	}
}

/** Min/max overview of a whole series in one pass (pure; the same result as pushing every point into a {@link MinMaxTimeline}). */
export function downsampleMinMax(t: ArrayLike<number>, v: ArrayLike<number>, options?: MinMaxTimelineOptions): MinMaxSeries {
	const timeline = new MinMaxTimeline(options);
	const count = Math.min(t.length, v.length);
	for (let i = 0; i < count; i++) timeline.push(t[i] as number, v[i] as number);
	return timeline.toSeries();
}
