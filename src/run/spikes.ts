/**
 * Spike detection: a short burst above a rolling baseline, not a plateau.
 *
 * The rule, applied incrementally to one series (process CPU samples, or the
 * inter-token gaps of the generated tokens):
 * 1. Baseline: the median of the previous `baselineWindow` values (robust:
 *    a burst shorter than half the window does not move it). Nothing is
 *    judged until `warmup` values have been seen.
 * 2. A value is *elevated* when it is at least `margin` above the baseline
 *    AND at least `factor` times the baseline (the minimum height).
 * 3. A burst is a run of consecutive elevated values. It ends at the first
 *    value that is not elevated, and counts as a spike only if
 *    (a) it lasted at most `maxDurationMs` and at most `maxSamples` values, and
 *    (b) the value that ended it is back near the level before the burst
 *    (not elevated against the baseline frozen at the burst's start).
 *    A longer run, or one that ends only because the baseline caught up, is a
 *    level shift (a plateau or a ramp), not a spike.
 * 4. A burst still open when the series ends (`flush`) counts if it is within
 *    the limits of (a).
 *
 * Each value costs O(baselineWindow) = O(1) for the fixed windows below.
 */
import {RollingMedian} from './rolling-median.js';
import type {Phase, Spike, SpikeMetric} from './types.js';

/** Parameters of the spike rule (see the module comment). */
export interface SpikeRule {
	metric: SpikeMetric;
	/** Values in the rolling median baseline. Keep above 2 x `maxSamples`. */
	baselineWindow: number;
	/** Values seen before anything is judged. */
	warmup: number;
	/** Minimum height above the baseline, in the series' unit. */
	margin: number;
	/** Minimum ratio to the baseline (1 = no ratio condition). */
	factor: number;
	/** Longest burst that still counts as a spike, ms. */
	maxDurationMs: number;
	/** Most elevated values in a burst that still counts as a spike. */
	maxSamples: number;
}

/**
 * Height of a CPU spike above the baseline, in cores: a fifth of one core.
 * Relative to one core, not to the machine, so a burst of one busy core is a
 * spike on any machine size (on 2 CPUs the margin is 10 points of the
 * machine, on 16 it is 1.25).
 */
export const CPU_SPIKE_MARGIN_CORES = 0.2;

/**
 * Process CPU (% of a machine of `cpus` CPUs): baseline = median of the last
 * 31 samples (3.1 s at the default 100 ms interval), spike = at least
 * {@link CPU_SPIKE_MARGIN_CORES} of one core (`20 / cpus` points) above it
 * for at most 1 s and at most 15 samples, then back down.
 */
export function cpuSpikeRule(cpus: number): Readonly<SpikeRule> {
	const machine = Number.isFinite(cpus) && cpus > 0 ? cpus : 1;
	return {
		metric: 'cpu',
		baselineWindow: 31,
		warmup: 10,
		margin: (CPU_SPIKE_MARGIN_CORES * 100) / machine,
		factor: 1,
		maxDurationMs: 1000,
		maxSamples: 15,
	};
}

/**
 * Inter-token gaps (ms): baseline = median of the last 31 gaps, stall = a gap
 * at least 3x the median and at least 5 ms above it, in a run of at most 3
 * such gaps, then back down.
 */
export const ITL_SPIKE_RULE: Readonly<SpikeRule> = {
	metric: 'itl',
	baselineWindow: 31,
	warmup: 8,
	margin: 5,
	factor: 3,
	maxDurationMs: Number.POSITIVE_INFINITY,
	maxSamples: 3,
};

/**
 * One-paragraph description of the spike rule for the help screen, with the
 * durations worked out for a sampling interval of `intervalMs` (the CPU rule
 * counts samples, so their span depends on it).
 */
export function spikeRuleDescription(intervalMs = 100): string {
	const cpu = cpuSpikeRule(1);
	const baselineS = (cpu.baselineWindow * intervalMs) / 1000;
	const burstSamples = Math.max(1, Math.min(cpu.maxSamples, Math.floor(cpu.maxDurationMs / intervalMs)));
	const burstS = (burstSamples * intervalMs) / 1000;
	return (
		'A spike is a short burst above the recent baseline, not a plateau. ' +
		"CPU: measured on the model's threads (process CPU minus llmtop's own thread, where the OS splits it), " +
		"so llmtop's own frames are not taken for the model's spikes; " +
		`the baseline is the median of the last ${cpu.baselineWindow} samples (${formatSeconds(baselineS)} at ${intervalMs} ms); ` +
		"a sample 0.2 of one core or more above it (20 points divided by the machine's CPUs: 10 on 2 CPUs, 1.25 on 16, " +
		'so a burst of one busy core counts on any machine) is elevated, and a run of ' +
		`at most ${burstSamples} elevated samples (${formatSeconds(burstS)} at ${intervalMs} ms) that then falls back counts as one spike. ` +
		SPIKE_RULE_TAIL
	);
}

function formatSeconds(seconds: number): string {
	return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

const SPIKE_RULE_TAIL =
	'Tokens: a gap between two tokens at least 3x the median of the last 31 gaps and 5 ms above it ' +
	'is a stall; up to 3 such gaps in a row count as one spike. ' +
	'A longer rise is a change of level (a new plateau or a ramp) and is not counted. ' +
	'Each spike is attributed to the phase and prompt during which it peaked.';

/** The spike rule at the default 100 ms interval. */
export const SPIKE_RULE_DESCRIPTION = spikeRuleDescription(100);

/** One value of a series fed to a {@link SpikeDetector}. */
export interface SpikePoint {
	/** When the value was observed (end of its interval), ms since run start. */
	t: number;
	value: number;
	/** Time the value covers (a sample interval, or the gap itself), ms. */
	intervalMs: number;
	phase: Phase;
	promptId: string | null;
}

interface Burst {
	startT: number;
	baseline: number;
	durationMs: number;
	samples: number;
	peak: SpikePoint;
}

/** Incremental spike detector for one series; see the module comment for the rule. */
export class SpikeDetector {
	readonly rule: Readonly<SpikeRule>;
	readonly #baseline: RollingMedian;
	#seen = 0;
	#burst: Burst | null = null;

	constructor(rule: Readonly<SpikeRule>) {
		this.rule = rule;
		this.#baseline = new RollingMedian(rule.baselineWindow);
	}

	/** True while a burst is open (elevated values, not yet judged). */
	get inBurst(): boolean {
		return this.#burst !== null;
	}

	/** Feeds one value; returns the spike that this value completed, if any. Non-finite values are ignored. */
	push(point: SpikePoint): Spike | null {
		if (!Number.isFinite(point.value)) return null;
		const baseline = this.#baseline.median();
		this.#seen++;
		this.#baseline.push(point.value);
		if (baseline === null || this.#seen <= this.rule.warmup) return null;
		const burst = this.#burst;
		if (this.#elevated(point.value, baseline)) {
			if (burst) {
				burst.samples++;
				burst.durationMs += point.intervalMs;
				if (point.value > burst.peak.value) burst.peak = point;
			} else {
				this.#burst = {
					startT: point.t - point.intervalMs,
					baseline,
					durationMs: point.intervalMs,
					samples: 1,
					peak: point,
				};
			}
			return null;
		}
		if (!burst) return null;
		this.#burst = null;
		const returned = !this.#elevated(point.value, burst.baseline);
		return returned && this.#short(burst) ? toSpike(this.rule.metric, burst) : null;
	}

	/** Ends the series: an open burst within the limits counts as a spike. */
	flush(): Spike | null {
		const burst = this.#burst;
		this.#burst = null;
		return burst && this.#short(burst) ? toSpike(this.rule.metric, burst) : null;
	}

	#elevated(value: number, baseline: number): boolean {
		return value - baseline >= this.rule.margin && value >= baseline * this.rule.factor;
	}

	#short(burst: Burst): boolean {
		return burst.samples <= this.rule.maxSamples && burst.durationMs <= this.rule.maxDurationMs;
	}
}

function toSpike(metric: SpikeMetric, burst: Burst): Spike {
	return {
		metric,
		t: burst.peak.t,
		startT: burst.startT,
		value: burst.peak.value,
		baseline: burst.baseline,
		durationMs: burst.durationMs,
		samples: burst.samples,
		phase: burst.peak.phase,
		promptId: burst.peak.promptId,
	};
}
