/**
 * The canary's wake-up rule, as a pure function of time (the C and Node
 * canaries implement the same rule): wake at absolute deadlines on a fixed
 * grid `start + k * period`; lateness is how long after its deadline a
 * wake-up happened; after a wake-up later than a whole period, the missed
 * grid points are skipped (a dropped frame, not a burst of catch-up frames),
 * so there is one lateness value per actual wake-up.
 */
export class WakeSchedule {
	private current: number;

	/** The first deadline is `start + periodMs`. */
	constructor(
		start: number,
		readonly periodMs: number,
	) {
		if (!(periodMs > 0)) throw new RangeError(`period must be > 0, got ${periodMs}`);
		this.current = start + periodMs;
	}

	/** When the next wake-up is due. */
	get deadline(): number {
		return this.current;
	}

	/** Records a wake-up at `now`: returns its lateness (>= 0) and moves to the next grid point after `now`. */
	wake(now: number): number {
		const late = Math.max(0, now - this.current);
		this.current += this.periodMs * (Math.floor(late / this.periodMs) + 1);
		return late;
	}
}

/** Summary of lateness values, ms. */
export interface LatenessSummary {
	count: number;
	mean: number;
	p50: number;
	p99: number;
	max: number;
}

/**
 * Count, mean, nearest-rank p50/p99 and max of lateness values (NaN fields
 * when empty). For quick looks (benchmarks, logs); the run store computes the
 * per-phase figures of the report with its own percentile rule.
 */
export function summarizeLateness(values: readonly number[]): LatenessSummary {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	const n = sorted.length;
	if (n === 0) return {count: 0, mean: Number.NaN, p50: Number.NaN, p99: Number.NaN, max: Number.NaN};
	const rank = (q: number): number => sorted[Math.max(0, Math.ceil(q * n) - 1)]!;
	return {count: n, mean: sorted.reduce((a, b) => a + b, 0) / n, p50: rank(0.5), p99: rank(0.99), max: sorted[n - 1]!};
}
