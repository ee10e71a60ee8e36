import {CpuLog} from './cpu-log.js';
import {BadOptionError} from './errors.js';

/** Options of {@link CpuPacer}. */
export interface CpuPacerOptions {
	/** Cap as % of the whole machine (all logical cores = 100), in (0, 100]. */
	capPct: number;
	/** The machine's CPUs (may be fractional under a cgroup quota). */
	cores: number;
	/** Length of the sliding window the cap holds over, ms. @default 1000 */
	windowMs?: number;
	/** How many recent decode steps predict the next one. @default 8 */
	predictFrom?: number;
	/**
	 * Also pace every step to the cap's rate (see the class). Without it the
	 * window is spent in bursts: a decode thread runs at full speed until the
	 * window is full, then waits.
	 * @default true
	 */
	smooth?: boolean;
}

/** A step's cost: CPU-ms used over a wall-clock duration. */
export interface StepCost {
	cpuMs: number;
	durationMs: number;
}

/**
 * The `--cpu-cap` rule: keeps the process's CPU within `capPct` of the machine
 * over every window of `windowMs`, spread evenly over the decode steps.
 *
 * Pure and clock-driven: the caller reports each step (when it started, when
 * it ended, the CPU the process used meanwhile) and asks how long to pause
 * before the next step. CPU is taken as spread evenly over a step. The pause
 * is the larger of two rules; `r = capPct/100 * cores` is the cap as CPU-ms per ms.
 *
 * Smoothing (`smooth`): a step that cost `c` is not followed by the next
 * before `c / r` after it started. Each step and its pause then average the
 * cap, so short samples (a 100 ms sampler tick, a frame) see the cap too, and
 * the pauses are even, which keeps inter-token latency predictable.
 *
 * The window (the guarantee): the budget is `B = r * windowMs` CPU-ms. The
 * next step is predicted to cost `c` over `d` ms (the most CPU and the
 * shortest time of the last `predictFrom` decode steps: the steepest). It
 * starts at the earliest time `s` such that every window ending while it runs
 * (at `s`, at `s + d`, and where a recorded step's edge leaves the window —
 * the windowed sum is piecewise linear, so these are where its maximum can
 * be) holds at most `B`. That sum only falls as `s` moves later, so `s` is
 * found by bisection. Every window then holds at most `B`, unless a step costs
 * more (or runs faster) than predicted, and then by at most the difference —
 * the first decode step after a prefill has no prediction. A step that alone
 * costs more than `B` cannot be capped: the pacer waits until the window is
 * empty and sets `overBudget`.
 */
export class CpuPacer {
	readonly budgetMs: number;
	readonly windowMs: number;
	/** CPU-ms per ms the cap allows. */
	readonly rate: number;
	readonly #predictFrom: number;
	readonly #smooth: boolean;
	readonly #log = new CpuLog();
	readonly #recent: StepCost[] = [];
	#stepStart: number | undefined;
	/** True when the predicted step alone exceeds the budget. */
	overBudget = false;

	constructor(options: CpuPacerOptions) {
		const {capPct, cores} = options;
		if (typeof capPct !== 'number' || !(capPct > 0) || capPct > 100) {
			throw new BadOptionError('cpu-cap', capPct, 'a percentage above 0 and at most 100');
		}
		if (typeof cores !== 'number' || !Number.isFinite(cores) || !(cores > 0)) throw new BadOptionError('cores', cores, 'a number of CPUs above 0');
		this.windowMs = options.windowMs ?? 1000;
		this.#predictFrom = Math.max(1, options.predictFrom ?? 8);
		this.#smooth = options.smooth ?? true;
		this.rate = (capPct / 100) * cores;
		this.budgetMs = this.rate * this.windowMs;
	}

	/** A step starts at `t` (after any pause). */
	stepStarted(t: number): void {
		this.#stepStart = t;
	}

	/** When the step in progress started, if one was announced. */
	lastStepStart(): number | undefined {
		return this.#stepStart;
	}

	/**
	 * The step that started at the last `stepStarted` (or the previous record)
	 * ended at `t`, using `cpuMs` of process CPU. Only `decode` steps predict
	 * the next one; a prefill or an idle stretch (`other`) only fills the window.
	 */
	record(t: number, cpuMs: number, kind: 'decode' | 'other' = 'decode'): void {
		const start = Math.min(this.#stepStart ?? t, t);
		const cost = Math.max(0, cpuMs);
		this.#log.add(start, t, cost);
		if (kind === 'decode') {
			this.#recent.push({cpuMs: cost, durationMs: t - start});
			if (this.#recent.length > this.#predictFrom) this.#recent.shift();
		}
		this.#stepStart = t;
		this.#log.prune(t - this.windowMs);
	}

	/** The next step as predicted: the most CPU and the shortest duration of recent decode steps. */
	predictedStep(): StepCost {
		if (this.#recent.length === 0) return {cpuMs: 0, durationMs: 0};
		return {
			cpuMs: Math.max(...this.#recent.map((s) => s.cpuMs)),
			durationMs: Math.min(...this.#recent.map((s) => s.durationMs)),
		};
	}

	/** CPU-ms recorded in the window `(t - windowMs, t]`. */
	windowCpuMs(t: number): number {
		return this.#log.between(t - this.windowMs, t);
	}

	/** How long to wait from `t` before the next step (0 when within the cap), ms. */
	pauseMs(t: number, next: StepCost = this.predictedStep()): number {
		this.#log.prune(t - this.windowMs);
		return Math.max(this.#smoothPause(t), this.#windowPause(t, next));
	}

	#smoothPause(t: number): number {
		const last = this.#log.last();
		if (!this.#smooth || last == null) return 0;
		return Math.max(0, last.start + last.cpuMs / this.rate - t);
	}

	#windowPause(t: number, next: StepCost): number {
		const limit = this.budgetMs * (1 + 1e-9);
		this.overBudget = next.cpuMs > this.budgetMs;
		if (this.#peak(t, next) <= limit) return 0;
		let hi = Math.max(t, this.#log.lastEnd + this.windowMs);
		if (this.overBudget) return hi - t;
		let lo = t;
		while (hi - lo > 0.01) {
			const mid = (lo + hi) / 2;
			if (this.#peak(mid, next) <= limit) hi = mid;
			else lo = mid;
		}
		return hi - t;
	}

	/** Most CPU in any window ending while a step predicted as `next` runs from `s`. */
	#peak(s: number, next: StepCost): number {
		const w = this.windowMs;
		const {cpuMs: c, durationMs: d} = next;
		if (c <= 0) return this.#log.after(s - w);
		if (d <= 0) return this.#log.after(s - w) + c;
		let peak = Math.max(this.#log.after(s - w), this.#log.after(s + d - w) + c);
		for (const edge of this.#log.boundariesIn(s - w, s + d - w)) {
			peak = Math.max(peak, this.#log.after(edge) + (c * (edge + w - s)) / d);
		}
		return peak;
	}
}
