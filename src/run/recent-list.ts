/**
 * The last `capacity` items pushed, oldest first, plus how many were pushed
 * in all. `push` is O(1); memory is bounded by `capacity`.
 */
export class RecentList<T> {
	readonly capacity: number;
	readonly #items: T[] = [];
	#head = 0;
	#total = 0;

	constructor(capacity: number) {
		this.capacity = Math.max(1, Math.floor(capacity));
	}

	/** Items ever pushed (kept or not). */
	get total(): number {
		return this.#total;
	}

	/** Items pushed but no longer kept. */
	get dropped(): number {
		return this.#total - this.#items.length;
	}

	push(item: T): void {
		this.#total++;
		if (this.#items.length < this.capacity) {
			this.#items.push(item);
			return;
		}
		this.#items[this.#head] = item;
		this.#head = (this.#head + 1) % this.capacity;
	}

	/** Kept items, oldest first (a new array). */
	toArray(): T[] {
		return [...this.#items.slice(this.#head), ...this.#items.slice(0, this.#head)];
	}

	/** The newest `count` kept items, newest first. */
	latest(count: number): T[] {
		const all = this.toArray();
		return all.slice(Math.max(0, all.length - count)).reverse();
	}
}
