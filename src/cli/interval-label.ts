/**
 * The label (phase, prompt) of a sampling interval: the one that held for
 * most of it. A sample is taken at the end of its interval; stamping it with
 * the label of that instant would put a prompt's last 90 ms into idle-after,
 * or the first prefill burst into idle-before.
 */
export class IntervalLabel<T> {
	#current: T;
	#previous: T;
	#changedAt = Number.NEGATIVE_INFINITY;

	constructor(initial: T) {
		this.#current = initial;
		this.#previous = initial;
	}

	get current(): T {
		return this.#current;
	}

	/** The label is `value` from time `t` on. A label that held for under 1 ms is forgotten. */
	set(value: T, t: number): void {
		if (value === this.#current) return;
		if (t - this.#changedAt >= 1) this.#previous = this.#current;
		this.#current = value;
		this.#changedAt = t;
	}

	/** The label that held for most of the interval `(end - length, end]`. */
	of(end: number, length: number): T {
		return end - this.#changedAt < length / 2 ? this.#previous : this.#current;
	}
}
