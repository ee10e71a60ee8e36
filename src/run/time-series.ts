/** Options of {@link TimeSeries}. */
export interface TimeSeriesOptions {
	/**
	 * Points older than the newest point's `t` minus this are dropped.
	 * @default 600_000 (10 minutes)
	 */
	retentionMs?: number;
	/**
	 * Hard cap on points kept (the oldest go first), whatever their age.
	 * @default 262_144
	 */
	maxPoints?: number;
}

/** A chart series as plain arrays: `t[i]` (ms since run start) and `v[i]`. */
export interface SeriesPoints {
	t: number[];
	v: number[];
}

/**
 * A time-stamped series in a growable ring buffer with a retention window:
 * `push` is O(1) amortised, memory is bounded by the window (and `maxPoints`).
 * Points are expected in non-decreasing `t` order.
 */
export class TimeSeries {
	readonly retentionMs: number;
	readonly maxPoints: number;
	#t: Float64Array;
	#v: Float64Array;
	#head = 0;
	#size = 0;

	constructor(options: TimeSeriesOptions = {}) {
		this.retentionMs = options.retentionMs ?? 600_000;
		this.maxPoints = Math.max(1, Math.floor(options.maxPoints ?? 262_144));
		const initial = Math.min(this.maxPoints, 256);
		this.#t = new Float64Array(initial);
		this.#v = new Float64Array(initial);
	}

	/** Points currently kept. */
	get length(): number {
		return this.#size;
	}

	/** Newest point, or `null` when empty. */
	get last(): {t: number; v: number} | null {
		if (this.#size === 0) return null;
		const index = (this.#head + this.#size - 1) % this.#t.length;
		return {t: this.#t[index] as number, v: this.#v[index] as number};
	}

	/** Appends a point; drops points that fell out of the window. Non-finite values are ignored. */
	push(t: number, v: number): void {
		if (!Number.isFinite(t) || !Number.isFinite(v)) return;
		const oldest = t - this.retentionMs;
		while (this.#size > 0 && (this.#t[this.#head] as number) < oldest) this.#dropOldest();
		if (this.#size === this.#t.length) {
			if (this.#t.length < this.maxPoints) this.#grow();
			else this.#dropOldest();
		}
		const index = (this.#head + this.#size) % this.#t.length;
		this.#t[index] = t;
		this.#v[index] = v;
		this.#size++;
	}

	/** Copies the points with `t >= sinceT` (all by default) into plain arrays. */
	points(sinceT = Number.NEGATIVE_INFINITY): SeriesPoints {
		const start = this.#firstIndexAtOrAfter(sinceT);
		const count = this.#size - start;
		const t = new Array<number>(count);
		const v = new Array<number>(count);
		const capacity = this.#t.length;
		for (let i = 0; i < count; i++) {
			const index = (this.#head + start + i) % capacity;
			t[i] = this.#t[index] as number;
			v[i] = this.#v[index] as number;
		}
		return {t, v};
	}

	#firstIndexAtOrAfter(sinceT: number): number {
		let low = 0;
		let high = this.#size;
		const capacity = this.#t.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if ((this.#t[(this.#head + mid) % capacity] as number) < sinceT) low = mid + 1;
			else high = mid;
		}
		return low;
	}

	#dropOldest(): void {
		this.#head = (this.#head + 1) % this.#t.length;
		this.#size--;
	}

	#grow(): void {
		const capacity = Math.min(this.maxPoints, this.#t.length * 2);
		const t = new Float64Array(capacity);
		const v = new Float64Array(capacity);
		for (let i = 0; i < this.#size; i++) {
			const index = (this.#head + i) % this.#t.length;
			t[i] = this.#t[index] as number;
			v[i] = this.#v[index] as number;
		}
		this.#t = t;
		this.#v = v;
		this.#head = 0;
	}
}
