/**
 * One definition of a quiet machine, shared by `llmtop sweep`'s check before
 * each configuration (`src/sampler/quiet-check.ts`) and by the busy-machine
 * judgement of a run (`busy-machine.ts`): other processes below 10 % of the
 * machine and CPU pressure below 10 %.
 */

/** Thresholds of a quiet machine. */
export interface QuietThresholds {
	/** CPU of every other process, % of the machine. @default 10 */
	othersCpuPct: number;
	/** Share of time some task waited for a CPU (PSI `some`), %. @default 10 */
	pressurePct: number;
}

/** The default thresholds: other processes below 10 % of the machine and CPU pressure below 10 %. */
export const QUIET_THRESHOLDS: Readonly<QuietThresholds> = Object.freeze({othersCpuPct: 10, pressurePct: 10});

/** How busy the machine was over some window; `null` figures are unknown. */
export interface QuietFigures {
	othersCpuPct: number | null;
	pressurePct: number | null;
}

/** True when every known figure is within its threshold (unknown figures do not count against it). */
export function isQuiet(reading: QuietFigures, thresholds: QuietThresholds = QUIET_THRESHOLDS): boolean {
	const within = (value: number | null, max: number): boolean => value === null || value <= max;
	return within(reading.othersCpuPct, thresholds.othersCpuPct) && within(reading.pressurePct, thresholds.pressurePct);
}
