import os from 'node:os';
import {performance} from 'node:perf_hooks';
import type {Pace} from './decode-loop.js';
import {CpuPacer} from './pacer.js';

/** Options of {@link createCpuCapPace}. */
export interface CpuCapPaceOptions {
	/** Cap as % of the whole machine. */
	capPct: number;
	/** @default os.availableParallelism() */
	cores?: number;
	/** @default 1000 */
	windowMs?: number;
	/** Monotonic clock, ms. @default performance.now */
	now?: () => number;
	/** Process CPU time so far, ms. @default process.cpuUsage() user + system */
	cpuMs?: () => number;
}

/** A `--cpu-cap` pace hook for `runPrompt`, fed by measured process CPU. */
export interface CpuCapPace {
	/** Pass as `runPrompt`'s `pace`. */
	pace: Pace;
	/** Call when a prompt is submitted, so its prefill counts as one step starting now. */
	begin(): void;
	readonly pacer: CpuPacer;
	/** Pauses asked for so far and their total, ms. */
	stats(): {pauses: number; totalPauseMs: number};
}

/**
 * Wires {@link CpuPacer} to the real process: at each pause point it records
 * the CPU the process used since the previous one (all threads: decode
 * workers, JS thread, sampler), then returns the pause the rule asks for.
 */
export function createCpuCapPace(options: CpuCapPaceOptions): CpuCapPace {
	const now = options.now ?? (() => performance.now());
	const cpuMs = options.cpuMs ?? ((): number => {
		const {user, system} = process.cpuUsage();
		return (user + system) / 1000;
	});
	const pacer = new CpuPacer({
		capPct: options.capPct,
		cores: options.cores ?? os.availableParallelism(),
		...(options.windowMs == null ? {} : {windowMs: options.windowMs}),
	});
	let lastCpu = cpuMs();
	let pauses = 0;
	let totalPauseMs = 0;
	const mark = (kind: 'decode' | 'other'): number => {
		const t = now();
		const cpu = cpuMs();
		pacer.record(t, cpu - lastCpu, kind);
		lastCpu = cpu;
		return t;
	};
	return {
		pacer,
		begin: () => {
			pacer.stepStarted(mark('other'));
		},
		pace: ({index}) => {
			// Token 0 ends the prefill: it fills the window but predicts no decode step.
			const t = mark(index === 0 ? 'other' : 'decode');
			const pause = pacer.pauseMs(t);
			pacer.stepStarted(t + pause);
			if (pause > 0) {
				pauses++;
				totalPauseMs += pause;
			}
			return pause;
		},
		stats: () => ({pauses, totalPauseMs}),
	};
}
