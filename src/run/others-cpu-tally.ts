import {BUSY_RECENT_MS, BUSY_WINDOW_MS, othersCpuPct, type BusyFigures, type MachineShape, type OthersCpuSample} from './busy-machine.js';
import type {SampleEvent} from './events.js';
import {QuantileAccumulator} from './quantiles.js';
import {QUIET_THRESHOLDS} from './quiet.js';

/** One sample of the recent window. */
interface RecentPoint {
	t: number;
	ms: number;
	others: number;
	/** PSI stall over the interval, µs; `null` without PSI. */
	stallUs: number | null;
}

/** The sample fields the tally uses. */
export type OthersTallySample = OthersCpuSample & Pick<SampleEvent, 't' | 'phase' | 'psiSomeTotalUs'>;

/** Time-weighted sum of other processes' CPU over a window being filled. */
interface OpenWindow {
	ms: number;
	/** Σ others × ms. */
	weighted: number;
}

/** A finished window (or the open one, when figures are asked for): its span and mean. */
interface ClosedWindow {
	ms: number;
	mean: number;
}

/**
 * Groups consecutive samples into windows of at least {@link BUSY_WINDOW_MS}
 * and judges each on its mean. `close` returns the window once it is long
 * enough, else `null`.
 */
function addToWindow(open: OpenWindow, others: number, ms: number): ClosedWindow | null {
	open.ms += ms;
	open.weighted += others * ms;
	if (open.ms < BUSY_WINDOW_MS) return null;
	const closed = {ms: open.ms, mean: open.weighted / open.ms};
	open.ms = 0;
	open.weighted = 0;
	return closed;
}

/** Most points kept for the recent window (a 5 s window at 10 ms intervals). */
const MAX_RECENT_POINTS = 500;

/**
 * Other processes' CPU over a run, in bounded memory: over the `prompts`
 * phase (not paused) for the run's judgement, and over the last
 * {@link BUSY_RECENT_MS} for the live line. Feed every sample in order.
 */
export class OthersCpuTally {
	readonly #prompts = new QuantileAccumulator();
	#promptsOverMs = 0;
	#promptsMs = 0;
	readonly #promptsWindow: OpenWindow = {ms: 0, weighted: 0};
	#promptsStallUs = 0;
	#promptsStallMs = 0;
	#recent: RecentPoint[] = [];
	#previousPsiUs: number | null = null;

	/** Adds one sample; `active`: taken while prompts ran, not paused. */
	add(sample: OthersTallySample, intervalMs: number, active: boolean, shape: MachineShape): void {
		const stallUs = this.#stall(sample.psiSomeTotalUs);
		const others = othersCpuPct(sample, shape);
		if (others === null || !(intervalMs > 0)) return;
		if (active) {
			this.#promptsMs += intervalMs;
			const closed = addToWindow(this.#promptsWindow, others, intervalMs);
			if (closed) {
				this.#prompts.add(closed.mean, closed.ms);
				if (closed.mean > QUIET_THRESHOLDS.othersCpuPct) this.#promptsOverMs += closed.ms;
			}
			if (stallUs !== null) {
				this.#promptsStallUs += stallUs;
				this.#promptsStallMs += intervalMs;
			}
		}
		// Loading is llmtop's own burst (the engine starts a helper then): the live window starts after it.
		if (sample.phase === 'load') return;
		this.#recent.push({t: sample.t, ms: intervalMs, others, stallUs});
		const from = sample.t - BUSY_RECENT_MS;
		let drop = 0;
		while (
			drop < this.#recent.length &&
			((this.#recent[drop] as RecentPoint).t - (this.#recent[drop] as RecentPoint).ms < from || this.#recent.length - drop > MAX_RECENT_POINTS)
		)
			drop++;
		if (drop > 0) this.#recent = this.#recent.slice(drop);
	}

	/** Figures over the prompts phase so far (the window being filled counts as it stands; the p90 is over whole windows once there is one). */
	prompts(): BusyFigures {
		const open = this.#promptsWindow;
		const closed = this.#prompts;
		const closedMs = this.#promptsMs - open.ms;
		const openMean = open.ms > 0 ? open.weighted / open.ms : null;
		const overMs = this.#promptsOverMs + (openMean !== null && openMean > QUIET_THRESHOLDS.othersCpuPct ? open.ms : 0);
		const closedMean = closed.mean;
		const mean = closedMean === null ? openMean : openMean === null ? closedMean : (closedMean * closedMs + openMean * open.ms) / (closedMs + open.ms);
		return {
			window: 'prompts',
			coveredMs: this.#promptsMs,
			overMs,
			othersMeanPct: mean,
			othersP90Pct: closed.count > 0 ? closed.quantile(0.9) : openMean,
			pressurePct: this.#promptsStallMs > 0 ? Math.min(100, (this.#promptsStallUs / 1000 / this.#promptsStallMs) * 100) : null,
		};
	}

	/** Figures over the last {@link BUSY_RECENT_MS} of samples after the model loaded. */
	recent(): BusyFigures {
		const values = new QuantileAccumulator();
		let coveredMs = 0;
		let overMs = 0;
		let stallUs = 0;
		let stallMs = 0;
		const window: OpenWindow = {ms: 0, weighted: 0};
		const judge = (closed: ClosedWindow): void => {
			values.add(closed.mean, closed.ms);
			if (closed.mean > QUIET_THRESHOLDS.othersCpuPct) overMs += closed.ms;
		};
		for (const point of this.#recent) {
			coveredMs += point.ms;
			const closed = addToWindow(window, point.others, point.ms);
			if (closed) judge(closed);
			if (point.stallUs !== null) {
				stallUs += point.stallUs;
				stallMs += point.ms;
			}
		}
		if (window.ms > 0) judge({ms: window.ms, mean: window.weighted / window.ms});
		const pressurePct = stallMs > 0 ? Math.min(100, (stallUs / 1000 / stallMs) * 100) : null;
		return {window: 'recent', coveredMs, overMs, othersMeanPct: values.mean, othersP90Pct: values.quantile(0.9), pressurePct};
	}

	#stall(totalUs: number | undefined): number | null {
		if (typeof totalUs !== 'number' || !Number.isFinite(totalUs)) return null;
		const previous = this.#previousPsiUs;
		this.#previousPsiUs = totalUs;
		return previous === null || totalUs < previous ? null : totalUs - previous;
	}
}
