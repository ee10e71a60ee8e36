import {LogSketch} from './sketch.js';
import {ascending, quantileSorted, type Summary} from './stats.js';

/** Options of {@link QuantileAccumulator}. */
export interface QuantileAccumulatorOptions {
	/**
	 * Values kept exactly; past this count the values move into a
	 * {@link LogSketch} and memory stops growing.
	 * @default 4096
	 */
	exactLimit?: number;
	/**
	 * Relative accuracy of the sketch used past `exactLimit`.
	 * @default 0.01
	 */
	relativeAccuracy?: number;
}

/** Default number of values a {@link QuantileAccumulator} keeps exactly. */
export const DEFAULT_EXACT_LIMIT = 4096;

/**
 * Streaming count / sum / mean / min / max and percentiles in bounded memory.
 *
 * Exact while it holds at most `exactLimit` values (percentiles then match
 * `stats.ts` to the last bit: linear interpolation between closest ranks);
 * beyond that, percentiles come from a {@link LogSketch} and are within the
 * sketch's relative accuracy (default 1 %) of the exact figure for
 * non-negative data. Count, mean, min and max stay exact throughout.
 * Non-finite values are ignored. `add` is O(1) amortised; a percentile query
 * sorts the exact values at most once per batch of adds.
 */
export class QuantileAccumulator {
	readonly #exactLimit: number;
	readonly #relativeAccuracy: number;
	#values: number[] | null = [];
	#sorted = true;
	#sketch: LogSketch | null = null;
	#count = 0;
	#sum = 0;
	#weightedSum = 0;
	#weight = 0;
	#min = Infinity;
	#max = -Infinity;
	#last: number | null = null;

	constructor(options: QuantileAccumulatorOptions = {}) {
		this.#exactLimit = Math.max(0, Math.floor(options.exactLimit ?? DEFAULT_EXACT_LIMIT));
		this.#relativeAccuracy = options.relativeAccuracy ?? 0.01;
	}

	/** Number of finite values added. */
	get count(): number {
		return this.#count;
	}

	/** Sum of the values (0 when empty). */
	get sum(): number {
		return this.#sum;
	}

	/**
	 * Mean weighted by each value's weight (1 unless `add` was given one, e.g.
	 * a sample's interval, which makes it a time-weighted mean); the plain mean
	 * when every weight was 0; `null` when empty.
	 */
	get mean(): number | null {
		if (this.#count === 0) return null;
		return this.#weight > 0 ? this.#weightedSum / this.#weight : this.#sum / this.#count;
	}

	/** Smallest value, or `null` when empty. */
	get min(): number | null {
		return this.#count === 0 ? null : this.#min;
	}

	/** Largest value, or `null` when empty. */
	get max(): number | null {
		return this.#count === 0 ? null : this.#max;
	}

	/** Most recently added value, or `null` when empty. */
	get last(): number | null {
		return this.#last;
	}

	/** True while percentiles are exact (no sketch yet). */
	get exact(): boolean {
		return this.#sketch === null;
	}

	/**
	 * Adds one value; non-finite values are ignored. `weight` counts in the
	 * mean only (percentiles are over values); a weight that is not a finite
	 * number >= 0 counts as 1.
	 */
	add(value: number, weight = 1): void {
		if (!Number.isFinite(value)) return;
		const w = Number.isFinite(weight) && weight >= 0 ? weight : 1;
		this.#count++;
		this.#sum += value;
		this.#weightedSum += value * w;
		this.#weight += w;
		this.#last = value;
		if (value < this.#min) this.#min = value;
		if (value > this.#max) this.#max = value;
		if (this.#sketch) {
			this.#sketch.add(value);
			return;
		}
		const values = this.#values as number[];
		if (this.#sorted && values.length > 0 && value < (values[values.length - 1] as number)) this.#sorted = false;
		values.push(value);
		if (values.length > this.#exactLimit) this.#toSketch();
	}

	/** Adds every value of another accumulator (its exact values, or its sketch). */
	merge(other: QuantileAccumulator): void {
		if (other.#count === 0) return;
		if (other.#values) {
			const {weightedSum, weight} = {weightedSum: this.#weightedSum + other.#weightedSum, weight: this.#weight + other.#weight};
			for (const value of other.#values) this.add(value);
			this.#weightedSum = weightedSum;
			this.#weight = weight;
			this.#last = other.#last;
			return;
		}
		if (!this.#sketch) this.#toSketch();
		(this.#sketch as LogSketch).merge(other.#sketch as LogSketch);
		this.#count += other.#count;
		this.#sum += other.#sum;
		this.#weightedSum += other.#weightedSum;
		this.#weight += other.#weight;
		this.#min = Math.min(this.#min, other.#min);
		this.#max = Math.max(this.#max, other.#max);
		this.#last = other.#last;
	}

	/** Quantile q in [0, 1] (linear between closest ranks), or `null` when empty. */
	quantile(q: number): number | null {
		if (this.#count === 0) return null;
		if (this.#sketch) return this.#sketch.quantile(q);
		const values = this.#values as number[];
		if (!this.#sorted) {
			values.sort(ascending);
			this.#sorted = true;
		}
		return quantileSorted(values, q);
	}

	/** Count, mean, min, max, p50, p95 and p99. */
	summary(): Summary {
		return {
			count: this.#count,
			mean: this.mean,
			min: this.min,
			max: this.max,
			p50: this.quantile(0.5),
			p95: this.quantile(0.95),
			p99: this.quantile(0.99),
		};
	}

	#toSketch(): void {
		const sketch = new LogSketch({relativeAccuracy: this.#relativeAccuracy});
		for (const value of this.#values ?? []) sketch.add(value);
		this.#sketch = sketch;
		this.#values = null;
	}
}
