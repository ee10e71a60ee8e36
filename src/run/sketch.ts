/**
 * A log-bucketed quantile sketch in the manner of DDSketch (Masson, Rim & Lee,
 * VLDB 2019): bounded memory, mergeable, with a relative error guarantee.
 */

/** Options of {@link LogSketch}. */
export interface LogSketchOptions {
	/**
	 * Relative accuracy alpha: every quantile estimate x' of a true value x
	 * satisfies |x' - x| <= alpha * |x| (see {@link LogSketch}).
	 * @default 0.01
	 */
	relativeAccuracy?: number;
	/**
	 * Most buckets kept per sign. Beyond it the lowest-magnitude buckets are
	 * merged (accuracy is then lost only for those smallest magnitudes). With
	 * alpha = 1 % the default spans magnitudes over a ratio of ~1e17.
	 * @default 2048
	 */
	maxBuckets?: number;
}

/** Magnitudes below this count as zero (absolute error < 1e-9). */
export const SKETCH_MIN_MAGNITUDE = 1e-9;

/**
 * Quantile sketch with a stated error bound.
 *
 * Each value x > 0 goes to bucket `i = ceil(log_gamma(x))`, gamma =
 * (1 + alpha) / (1 - alpha); the bucket is represented by
 * `2 gamma^i / (gamma + 1)`, which is within a relative error alpha of every
 * value in the bucket. Negative values use a mirrored set of buckets;
 * magnitudes below {@link SKETCH_MIN_MAGNITUDE} are counted as exact zeros.
 *
 * **Bound**: `quantile(q)` uses the same linear interpolation between closest
 * ranks as `stats.ts`; each of the two rank values is within alpha
 * (relative) of the exact one, so for data of one sign (CPU %, latencies)
 * the result is within alpha relative of the exact percentile, and
 * `quantile(0)` / `quantile(1)` are the exact min / max. Memory is O(buckets),
 * at most `2 * maxBuckets + 1` counters, whatever the number of values.
 */
export class LogSketch {
	/** The relative accuracy alpha this sketch guarantees. */
	readonly relativeAccuracy: number;
	readonly #gamma: number;
	readonly #logGamma: number;
	readonly #maxBuckets: number;
	readonly #positive = new Map<number, number>();
	readonly #negative = new Map<number, number>();
	#positiveKeys: number[] | null = [];
	#negativeKeys: number[] | null = [];
	#zeroCount = 0;
	#count = 0;
	#min = Infinity;
	#max = -Infinity;

	constructor(options: LogSketchOptions = {}) {
		const alpha = options.relativeAccuracy ?? 0.01;
		if (!(alpha > 0 && alpha < 1)) throw new RangeError(`relativeAccuracy must be in (0, 1), got ${alpha}`);
		this.relativeAccuracy = alpha;
		this.#gamma = (1 + alpha) / (1 - alpha);
		this.#logGamma = Math.log(this.#gamma);
		this.#maxBuckets = Math.max(1, Math.floor(options.maxBuckets ?? 2048));
	}

	/** Number of values added. */
	get count(): number {
		return this.#count;
	}

	/** Adds one value; non-finite values are ignored. O(1) amortised. */
	add(value: number, times = 1): void {
		if (!Number.isFinite(value) || times <= 0) return;
		this.#count += times;
		if (value < this.#min) this.#min = value;
		if (value > this.#max) this.#max = value;
		const magnitude = Math.abs(value);
		if (magnitude < SKETCH_MIN_MAGNITUDE) {
			this.#zeroCount += times;
			return;
		}
		const index = Math.ceil(Math.log(magnitude) / this.#logGamma);
		if (value > 0) this.#addToStore(this.#positive, index, times, true);
		else this.#addToStore(this.#negative, index, times, false);
	}

	/** Adds every value of another sketch with the same accuracy. */
	merge(other: LogSketch): void {
		if (other.relativeAccuracy !== this.relativeAccuracy) {
			throw new RangeError('cannot merge sketches of different accuracy');
		}
		if (other.#count === 0) return;
		for (const [index, times] of other.#positive) this.#addToStore(this.#positive, index, times, true);
		for (const [index, times] of other.#negative) this.#addToStore(this.#negative, index, times, false);
		this.#zeroCount += other.#zeroCount;
		this.#count += other.#count;
		this.#min = Math.min(this.#min, other.#min);
		this.#max = Math.max(this.#max, other.#max);
	}

	/** Quantile q in [0, 1] (linear between closest ranks), or `null` when empty. */
	quantile(q: number): number | null {
		if (this.#count === 0 || Number.isNaN(q)) return null;
		const h = (this.#count - 1) * Math.min(1, Math.max(0, q));
		const lowRank = Math.floor(h);
		const low = this.#valueAtRank(lowRank);
		const fraction = h - lowRank;
		if (fraction === 0) return low;
		const high = this.#valueAtRank(lowRank + 1);
		return low + fraction * (high - low);
	}

	#valueAtRank(rank: number): number {
		if (rank <= 0) return this.#min;
		if (rank >= this.#count - 1) return this.#max;
		let seen = 0;
		const negativeKeys = this.#sortedKeys(false);
		for (let i = negativeKeys.length - 1; i >= 0; i--) {
			const key = negativeKeys[i] as number;
			seen += this.#negative.get(key) ?? 0;
			if (seen > rank) return this.#clamp(-this.#bucketValue(key));
		}
		seen += this.#zeroCount;
		if (seen > rank) return this.#clamp(0);
		for (const key of this.#sortedKeys(true)) {
			seen += this.#positive.get(key) ?? 0;
			if (seen > rank) return this.#clamp(this.#bucketValue(key));
		}
		return this.#max;
	}

	#bucketValue(index: number): number {
		return (2 * Math.pow(this.#gamma, index)) / (this.#gamma + 1);
	}

	#clamp(value: number): number {
		return Math.min(this.#max, Math.max(this.#min, value));
	}

	#sortedKeys(positive: boolean): number[] {
		const cached = positive ? this.#positiveKeys : this.#negativeKeys;
		if (cached) return cached;
		const keys = [...(positive ? this.#positive : this.#negative).keys()].sort((a, b) => a - b);
		if (positive) this.#positiveKeys = keys;
		else this.#negativeKeys = keys;
		return keys;
	}

	#addToStore(store: Map<number, number>, index: number, times: number, positive: boolean): void {
		const previous = store.get(index);
		store.set(index, (previous ?? 0) + times);
		if (previous !== undefined) return;
		if (positive) this.#positiveKeys = null;
		else this.#negativeKeys = null;
		if (store.size > this.#maxBuckets) this.#collapseLowest(store, positive);
	}

	#collapseLowest(store: Map<number, number>, positive: boolean): void {
		const keys = this.#sortedKeys(positive);
		const excess = store.size - this.#maxBuckets;
		const target = keys[excess] as number;
		let moved = 0;
		for (let i = 0; i < excess; i++) {
			const key = keys[i] as number;
			moved += store.get(key) ?? 0;
			store.delete(key);
		}
		store.set(target, (store.get(target) ?? 0) + moved);
		if (positive) this.#positiveKeys = null;
		else this.#negativeKeys = null;
	}
}
