/**
 * Median of the last `window` values, updated one value at a time.
 * `push` costs O(window) (a binary search and one splice in a sorted copy),
 * which is O(1) for the small fixed windows used by spike detection.
 * Non-finite values are ignored.
 */
export class RollingMedian {
	readonly window: number;
	readonly #ring: number[];
	#next = 0;
	#size = 0;
	readonly #sorted: number[] = [];

	constructor(window: number) {
		if (!(window >= 1)) throw new RangeError(`window must be >= 1, got ${window}`);
		this.window = Math.floor(window);
		this.#ring = new Array<number>(this.window).fill(0);
	}

	/** Values currently in the window. */
	get size(): number {
		return this.#size;
	}

	/** Adds a value, dropping the oldest when the window is full. */
	push(value: number): void {
		if (!Number.isFinite(value)) return;
		if (this.#size === this.window) {
			const oldest = this.#ring[this.#next] as number;
			this.#sorted.splice(this.#lowerBound(oldest), 1);
		} else {
			this.#size++;
		}
		this.#ring[this.#next] = value;
		this.#next = (this.#next + 1) % this.window;
		this.#sorted.splice(this.#lowerBound(value), 0, value);
	}

	/** Median of the window (mean of the two middle values when even), or `null` when empty. */
	median(): number | null {
		const n = this.#sorted.length;
		if (n === 0) return null;
		const middle = n >> 1;
		const upper = this.#sorted[middle] as number;
		return n % 2 === 1 ? upper : ((this.#sorted[middle - 1] as number) + upper) / 2;
	}

	#lowerBound(value: number): number {
		let low = 0;
		let high = this.#sorted.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if ((this.#sorted[mid] as number) < value) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}
