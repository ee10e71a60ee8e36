interface Segment {
	start: number;
	end: number;
	cpuMs: number;
	/** CPU recorded before this segment, since the log began. */
	before: number;
}

/**
 * CPU use recorded as consecutive stretches of wall time, each with the CPU
 * spent in it, spread evenly (a zero-length stretch is a point at its end).
 * Queries are cumulative sums, so a window's CPU costs a binary search.
 */
export class CpuLog {
	readonly #segments: Segment[] = [];
	#total = 0;

	/** Records `cpuMs` spent over `[start, end]` (stretches come in time order). */
	add(start: number, end: number, cpuMs: number): void {
		this.#segments.push({start, end, cpuMs, before: this.#total});
		this.#total += cpuMs;
	}

	/** The most recent stretch. */
	last(): {start: number; end: number; cpuMs: number} | undefined {
		return this.#segments.at(-1);
	}

	/** End of the most recent stretch, or `-Infinity`. */
	get lastEnd(): number {
		return this.#segments.at(-1)?.end ?? Number.NEGATIVE_INFINITY;
	}

	/** CPU recorded after time `x`, i.e. in `(x, now]`. */
	after(x: number): number {
		return this.#total - this.#cumulativeAt(x);
	}

	/** CPU recorded in `(from, to]`. */
	between(from: number, to: number): number {
		return Math.max(0, this.#cumulativeAt(to) - this.#cumulativeAt(from));
	}

	/** Starts and ends of stretches strictly inside `(from, to)`. */
	boundariesIn(from: number, to: number): number[] {
		const found: number[] = [];
		for (let i = this.#firstEndingAfter(from); i < this.#segments.length; i++) {
			const s = this.#segments[i]!;
			if (s.start >= to) break;
			if (s.start > from) found.push(s.start);
			if (s.end > from && s.end < to) found.push(s.end);
		}
		return found;
	}

	/** Forgets stretches that ended at or before `t`. */
	prune(t: number): void {
		const keep = this.#firstEndingAfter(t);
		if (keep > 0) this.#segments.splice(0, keep);
	}

	/** CPU recorded up to and including time `x`. */
	#cumulativeAt(x: number): number {
		const i = this.#firstEndingAfter(x);
		const s = this.#segments[i];
		if (s == null) return this.#total;
		if (x < s.start || s.end === s.start) return s.before;
		return s.before + (s.cpuMs * (x - s.start)) / (s.end - s.start);
	}

	/** Index of the first stretch whose end is after `x` (binary search). */
	#firstEndingAfter(x: number): number {
		let lo = 0;
		let hi = this.#segments.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.#segments[mid]!.end <= x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
