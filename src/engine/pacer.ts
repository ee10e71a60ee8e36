import {BadOptionError} from './errors.js';

/** Options of {@link CpuPacer}. */
export interface CpuPacerOptions {
	/** Cap as % of the whole machine (all logical cores = 100), in (0, 100]. */
	capPct: number;
	/** Logical cores of the machine. */
	cores: number;
	/** Length of the sliding window the cap holds over, ms. @default 1000 */
	windowMs?: number;
	/** How many recent steps the cost of the next one is predicted from (their maximum). @default 8 */
	predictFrom?: number;
}

interface Segment {
	start: number;
	end: number;
	cpuMs: number;
}

/**
 * The `--cpu-cap` rule: a sliding-window budget that keeps the process's CPU
 * within `capPct` of the machine over every window of `windowMs`.
 *
 * Pure and clock-driven: the caller reports each decode step (when it started,
 * when it ended, the CPU the process used meanwhile) and asks how long to
 * pause before the next step. CPU is taken as spread evenly over a step.
 *
 * The rule: the budget is `B = capPct/100 * cores * windowMs` CPU-ms. Before
 * a step predicted to cost `c` (the most any of the last `predictFrom` steps
 * cost), wait until the window of `windowMs` ending at the step's start holds
 * at most `B - c`. Every window that ends inside the coming step then holds at
 * most the CPU of the window ending at its start (windows only move forward,
 * losing old CPU) plus `c`, so none exceeds `B` unless a step costs more than
 * predicted, and then by at most the difference (the first decode step after a
 * prefill has no prediction). A step that costs more than `B` by itself cannot
 * be capped; the pacer then waits a whole window before it (`overBudget` is set).
 */
export class CpuPacer {
	readonly budgetMs: number;
	readonly windowMs: number;
	readonly #predictFrom: number;
	readonly #segments: Segment[] = [];
	readonly #recentCosts: number[] = [];
	#stepStart: number | undefined;
	/** True when the predicted step cost alone exceeds the budget. */
	overBudget = false;

	constructor(options: CpuPacerOptions) {
		const {capPct, cores} = options;
		if (typeof capPct !== 'number' || !(capPct > 0) || capPct > 100) {
			throw new BadOptionError('cpu-cap', capPct, 'a percentage above 0 and at most 100');
		}
		if (!Number.isInteger(cores) || cores < 1) throw new BadOptionError('cores', cores, 'a whole number >= 1');
		this.windowMs = options.windowMs ?? 1000;
		this.#predictFrom = Math.max(1, options.predictFrom ?? 8);
		this.budgetMs = (capPct / 100) * cores * this.windowMs;
	}

	/** A step starts at `t` (after any pause). */
	stepStarted(t: number): void {
		this.#stepStart = t;
	}

	/**
	 * The step that started at the last `stepStarted` (or the previous record)
	 * ended at `t`, using `cpuMs` of process CPU. Only `decode` steps predict
	 * the next one; a prefill or an idle stretch (`other`) only fills the window.
	 */
	record(t: number, cpuMs: number, kind: 'decode' | 'other' = 'decode'): void {
		const start = Math.min(this.#stepStart ?? t, t);
		const cost = Math.max(0, cpuMs);
		this.#segments.push({start, end: t, cpuMs: cost});
		if (kind === 'decode') {
			this.#recentCosts.push(cost);
			if (this.#recentCosts.length > this.#predictFrom) this.#recentCosts.shift();
		}
		this.#stepStart = t;
		this.#prune(t);
	}

	/** CPU-ms predicted for the next step: the most any recent decode step used (0 before the first). */
	predictedStepMs(): number {
		return Math.max(0, ...this.#recentCosts);
	}

	/** CPU-ms recorded in the window `(t - windowMs, t]`. */
	windowCpuMs(t: number): number {
		return this.#cpuBetween(t - this.windowMs, t);
	}

	/** How long to wait from `t` before the next step (0 when within budget), ms. */
	pauseMs(t: number, nextStepMs: number = this.predictedStepMs()): number {
		this.#prune(t);
		const windowStart = t - this.windowMs;
		const mustLeave = this.windowCpuMs(t) + nextStepMs - this.budgetMs;
		this.overBudget = nextStepMs > this.budgetMs;
		if (mustLeave <= 0) return 0;
		let left = 0;
		let lastEnd = windowStart;
		for (const s of this.#segments) {
			const from = Math.max(s.start, windowStart);
			const share = s.end > s.start ? (s.cpuMs * (s.end - from)) / (s.end - s.start) : s.cpuMs;
			if (share > 0 && left + share >= mustLeave) {
				const at = s.end > from ? from + ((mustLeave - left) / share) * (s.end - from) : s.end;
				return Math.max(0, at - windowStart);
			}
			left += share;
			lastEnd = Math.max(lastEnd, s.end);
		}
		return Math.max(0, lastEnd + this.windowMs - t);
	}

	#cpuBetween(from: number, to: number): number {
		let total = 0;
		for (const s of this.#segments) {
			if (s.end <= from || s.start > to) continue;
			if (s.end === s.start) {
				total += s.cpuMs;
				continue;
			}
			const overlap = Math.min(s.end, to) - Math.max(s.start, from);
			total += (s.cpuMs * Math.max(0, overlap)) / (s.end - s.start);
		}
		return total;
	}

	#prune(t: number): void {
		const horizon = t - this.windowMs;
		while (this.#segments.length > 0 && this.#segments[0]!.end <= horizon) this.#segments.shift();
	}
}
