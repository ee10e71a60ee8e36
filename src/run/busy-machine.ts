/**
 * Was the machine too busy for the run's figures to mean much? Other
 * processes competing for the CPU move every cost and timing figure: with
 * other processes at load 6-12, two identical runs gave active CPU means of
 * 47.8 % and 30.8 % (MEASUREMENTS.md).
 *
 * The rule, over the `prompts` phase (paused time left out): the machine was
 * busy when other processes used more than {@link QUIET_THRESHOLDS}
 * `othersCpuPct` (10 % of the machine, the same line as `llmtop sweep`'s quiet
 * check), each {@link BUSY_WINDOW_MS} window judged on its mean, for more than
 * {@link BUSY_SHARE} of the phase's sampled time, judged
 * on at least {@link BUSY_MIN_MS} of samples. "Other processes" is the whole
 * machine's CPU less the measured process, the canary, llmtop itself when it
 * is apart from the measured process (an endpoint's server), and up to one
 * core per `--load` worker (load asked for is part of the experiment).
 *
 * CPU pressure (PSI `some`) is given as evidence but does not decide: while
 * prompts run, llmtop's own threads wait for each other (threads = cores, the
 * JS thread, the canary), so pressure is high on a quiet machine too and
 * cannot tell other load from ours.
 */
import {QUIET_THRESHOLDS, type QuietThresholds} from './quiet.js';
import type {SampleEvent} from './events.js';

/** Share of the phase with other processes over the threshold above which the machine counts as busy. */
export const BUSY_SHARE = 0.25;

/** Sampled time the judgement needs (shorter: no judgement, the figures say too little either way), ms. */
export const BUSY_MIN_MS = 1000;

/**
 * Other processes' CPU is judged over windows of at least this long, not per
 * sample: a sample reads the machine (`/proc/stat`) and the process a moment
 * apart, so at 100 ms one decode thread's 50 % leaks a few points either way
 * into "other processes" (on a quiet machine per-sample figures reached
 * p90 15 %, max 27 %; over 1 s the errors of neighbouring samples cancel).
 */
export const BUSY_WINDOW_MS = 1000;

/** The window of the live "busy now" line, ms. */
export const BUSY_RECENT_MS = 5000;

/** What the machine was shared with: its size and llmtop's own load workers. */
export interface MachineShape {
	/** Logical cores of the whole machine (what `systemCpuPct` is a share of). */
	logicalCores: number;
	/** The CPUs the measured process may use (what `cpuPct` is a share of); defaults to `logicalCores`. */
	cpusAvailable?: number | undefined;
	/** `--load` workers (one spinning core each at most). */
	loadWorkers?: number | undefined;
}

/** The sample fields {@link othersCpuPct} reads. */
export type OthersCpuSample = Pick<SampleEvent, 'systemCpuPct' | 'cpuPct' | 'observerCpuPct' | 'inferenceCpuPct' | 'canaryCpuPct'>;

/**
 * CPU of every process other than the measured one, the canary, llmtop
 * itself and its `--load` workers, % of the whole machine (never below 0).
 * `null` when the sample's figures are not numbers.
 */
export function othersCpuPct(sample: OthersCpuSample, shape: MachineShape): number | null {
	const {systemCpuPct, cpuPct} = sample;
	if (!Number.isFinite(systemCpuPct) || !Number.isFinite(cpuPct)) return null;
	const cores = shape.logicalCores > 0 ? shape.logicalCores : 1;
	const measuredShare = (shape.cpusAvailable ?? cores) / cores;
	const observer = sample.observerCpuPct;
	// The observer is apart from the measured process (an endpoint's server) when all of cpuPct is inference.
	const observerApart = typeof observer === 'number' && observer > 0 && sample.inferenceCpuPct === cpuPct;
	const own = cpuPct + (observerApart ? observer : 0);
	const canary = typeof sample.canaryCpuPct === 'number' && Number.isFinite(sample.canaryCpuPct) ? sample.canaryCpuPct / cores : 0;
	const load = ((shape.loadWorkers ?? 0) * 100) / cores;
	return Math.max(0, systemCpuPct - own * measuredShare - canary - load);
}

/** Figures of one window (the prompts phase, or the last few seconds). */
export interface BusyFigures {
	/** `prompts`: the run's prompts phase; `recent`: the last {@link BUSY_RECENT_MS}. */
	window: 'prompts' | 'recent';
	/** Sampled time in the window, ms. */
	coveredMs: number;
	/** Of it, time in {@link BUSY_WINDOW_MS} windows whose other processes' CPU was over the threshold, ms. */
	overMs: number;
	/** Mean and p90 (over {@link BUSY_WINDOW_MS} windows) of other processes' CPU, % of the machine. */
	othersMeanPct: number | null;
	othersP90Pct: number | null;
	/** Share of the window some task waited for a CPU (PSI `some`), %; `null` without PSI. */
	pressurePct: number | null;
}

/** The judgement and what it rests on. */
export interface BusyAssessment {
	busy: boolean;
	/** overMs / coveredMs. */
	overShare: number;
	figures: BusyFigures;
	/** The evidence in words, e.g. "other processes used over 10 % of the machine for 80 % of the prompts phase (mean 96 %, p90 99 %); CPU pressure 88 %". */
	evidence: string;
}

/** Judges one window; `null` with less than {@link BUSY_MIN_MS} of samples (nothing to tell). */
export function assessBusy(figures: BusyFigures, thresholds: QuietThresholds = QUIET_THRESHOLDS): BusyAssessment | null {
	if (!(figures.coveredMs >= BUSY_MIN_MS)) return null;
	const overShare = Math.min(1, Math.max(0, figures.overMs / figures.coveredMs));
	return {busy: overShare > BUSY_SHARE, overShare, figures, evidence: busyEvidence(figures, overShare, thresholds)};
}

function busyEvidence(figures: BusyFigures, overShare: number, thresholds: QuietThresholds): string {
	const where = figures.window === 'prompts' ? 'the prompts phase' : `the last ${Math.round(Math.min(figures.coveredMs, BUSY_RECENT_MS) / 1000)} s`;
	const spread = [
		figures.othersMeanPct === null ? null : `mean ${pct(figures.othersMeanPct)}`,
		figures.othersP90Pct === null ? null : `p90 ${pct(figures.othersP90Pct)}`,
	]
		.filter((part) => part !== null)
		.join(', ');
	const pressure = figures.pressurePct === null ? '' : `; CPU pressure ${pct(figures.pressurePct)}`;
	return `other processes used over ${pct(thresholds.othersCpuPct)} of the machine for ${pct(overShare * 100)} of ${where}${spread ? ` (${spread})` : ''}${pressure}`;
}

function pct(value: number): string {
	return `${Math.round(value)} %`;
}
