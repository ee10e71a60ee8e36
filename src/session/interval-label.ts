/**
 * The label (phase, prompt) of a sampling interval. A sample is taken at the
 * end of its interval; stamping it with the label of that instant would put
 * a prompt's last 90 ms into idle-after, or the first prefill burst into
 * idle-before. An interval that straddles a change gets the label that held
 * for most of it — unless one side is `preferred` (a busy phase, a running
 * prompt): then that one, so idle figures never carry the edge of a burst.
 */
export class IntervalLabel<T> {
	#current: T;
	#previous: T;
	#changedAt = Number.NEGATIVE_INFINITY;
	readonly #preferred: (value: T) => boolean;

	constructor(initial: T, preferred: (value: T) => boolean = () => false) {
		this.#current = initial;
		this.#previous = initial;
		this.#preferred = preferred;
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

	/** The label of the interval `(end - length, end]` (see the class). */
	of(end: number, length: number): T {
		const sinceChange = end - this.#changedAt;
		if (sinceChange >= length) return this.#current;
		const previous = this.#previous;
		const current = this.#current;
		if (this.#preferred(current) !== this.#preferred(previous)) return this.#preferred(current) ? current : previous;
		return sinceChange < length / 2 ? previous : current;
	}
}
