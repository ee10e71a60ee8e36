import {performance} from 'node:perf_hooks';
import {readMachineCpus} from '../sampler/machine-cpus.js';
import type {Pace, PrefillPacing} from './decode-loop.js';
import {CpuPacer} from './pacer.js';

/** Options of {@link createCpuCapPace}. */
export interface CpuCapPaceOptions {
	/** Cap as % of the whole machine. */
	capPct: number;
	/**
	 * The machine's CPUs the cap is a share of (pass the run's `host.cpusAvailable`).
	 * @default readMachineCpus().count: the same definition as the sampler's
	 */
	cores?: number;
	/** @default 1000 */
	windowMs?: number;
	/**
	 * Share of the cap the pacer aims at. A pacer that fills every window to
	 * exactly the cap leaves half the samples a point or two above it (a
	 * sample's interval is not the pacer's window, CPU is not spread evenly
	 * over a step), so it keeps a margin below.
	 * @default 0.94
	 */
	aim?: number;
	/** Monotonic clock, ms. @default performance.now */
	now?: () => number;
	/** Process CPU time so far, ms. @default process.cpuUsage() user + system */
	cpuMs?: () => number;
}

const DEFAULT_AIM = 0.94;
const FIRST_PREFILL_CHUNK = 16;
const MAX_PREFILL_CHUNK = 512;

/**
 * The next prefill chunk, given the size asked for and the last chunk run.
 * llama.cpp's cost of a chunk is a large fixed part plus a small part per
 * token that grows with the context (on the 135M model: 1 token 5.8 ms, 6
 * tokens 34 ms, 16 tokens 45 ms, 256 tokens 437 ms), so chunks should be as
 * large as the budget allows: grow by a quarter while a chunk costs under
 * 60 % of the window's budget, shrink in proportion above 85 %. A chunk cut
 * short by the end of the prompt says nothing about the size to ask for.
 */
export function nextChunkSize(asked: number, last: {tokens: number; cpuMs: number}, budgetMs: number): number {
	if (last.cpuMs > 0.85 * budgetMs) return Math.max(1, Math.floor((last.tokens * 0.8 * budgetMs) / last.cpuMs));
	if (last.tokens < asked) return asked;
	if (last.cpuMs < 0.6 * budgetMs) return Math.min(MAX_PREFILL_CHUNK, Math.max(asked + 1, Math.round(asked * 1.25)));
	return asked;
}

/**
 * What `--cpu-cap` guarantees over a window of `lengthMs` when it holds over
 * every window of `windowMs` (the sampling interval): at most
 * `capPct x ceil(L / W) x W / L` % of the machine. That is the cap itself for
 * the window and its whole multiples (disjoint windows add up), but up to
 * twice the cap for a window a little longer than one (e.g. 83 % of a 50 %
 * cap over 120 ms with a 100 ms window), approaching the cap for long
 * windows; a window shorter than `windowMs` is not bounded below 100 %.
 * Besides: a step that costs more than predicted (the first decode step after
 * a prefill) can exceed a window by what it was mispredicted.
 */
export function cpuCapWindowBoundPct(capPct: number, windowMs: number, lengthMs: number): number {
	if (!(lengthMs >= windowMs)) return 100;
	return Math.min(100, (capPct * Math.ceil(lengthMs / windowMs - 1e-9) * windowMs) / lengthMs);
}

/** A `--cpu-cap` pace hook for `runPrompt`, fed by measured process CPU. */
export interface CpuCapPace {
	/** Pass as `runPrompt`'s `pace`. */
	pace: Pace;
	/** Prefill in chunks that each fit the window's budget, paced like decode steps. */
	prefill: PrefillPacing;
	/** Call when a prompt is submitted, so its prefill counts as one step starting now. */
	begin(): void;
	/** Pauses asked for so far and their total, ms. */
	stats(): {pauses: number; totalPauseMs: number};
	/** The machine's CPUs the cap is a share of. */
	readonly cores: number;
}

/**
 * Wires {@link CpuPacer} to the real process: at each pause point it records
 * the CPU the process used since the previous one (all threads: decode
 * workers, JS thread, sampler), then returns the pause the rule asks for.
 */
export function createCpuCapPace(options: CpuCapPaceOptions): CpuCapPace {
	const now = options.now ?? (() => performance.now());
	const cpuMs =
		options.cpuMs ??
		((): number => {
			const {user, system} = process.cpuUsage();
			return (user + system) / 1000;
		});
	const cores = options.cores ?? readMachineCpus().count;
	const pacer = new CpuPacer({
		capPct: options.capPct * (options.aim ?? DEFAULT_AIM),
		cores,
		...(options.windowMs == null ? {} : {windowMs: options.windowMs}),
	});
	let lastCpu = cpuMs();
	let pauses = 0;
	let totalPauseMs = 0;
	let chunk = FIRST_PREFILL_CHUNK;
	let lastChunk: {tokens: number; cpuMs: number; durationMs: number} | undefined;
	const pauseBefore = (t: number, next?: {cpuMs: number; durationMs: number}): number => {
		const pause = pacer.pauseMs(t, next);
		pacer.stepStarted(t + pause);
		if (pause > 0) {
			pauses++;
			totalPauseMs += pause;
		}
		return pause;
	};
	const mark = (kind: 'decode' | 'other'): number => {
		const t = now();
		const cpu = cpuMs();
		pacer.record(t, cpu - lastCpu, kind);
		lastCpu = cpu;
		return t;
	};
	return {
		begin: () => {
			pacer.stepStarted(mark('other'));
		},
		pace: ({index}) => {
			// Token 0 ends the prefill: it fills the window but predicts no decode step.
			return pauseBefore(mark(index === 0 ? 'other' : 'decode'));
		},
		prefill: {
			next: (done) => {
				const start = pacer.lastStepStart();
				const cpuBefore = lastCpu;
				const t = mark('other');
				if (done > 0) {
					lastChunk = {tokens: done, cpuMs: lastCpu - cpuBefore, durationMs: Math.max(0, t - (start ?? t))};
					chunk = nextChunkSize(chunk, lastChunk, pacer.budgetMs);
				}
				const scale = lastChunk ? chunk / lastChunk.tokens : 0;
				const next = lastChunk ? {cpuMs: lastChunk.cpuMs * scale, durationMs: lastChunk.durationMs * scale} : undefined;
				return {tokens: chunk, pauseMs: pauseBefore(t, next)};
			},
		},
		stats: () => ({pauses, totalPauseMs}),
		cores,
	};
}
