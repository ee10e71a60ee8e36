/**
 * The busy-machine warning in words, one text for the report's warnings, the
 * headless summary, the dashboard and compare.
 */
import type {BusyAssessment} from './busy-machine.js';

/** The report warning's code. */
export const BUSY_MACHINE_CODE = 'busy-machine';

/** What a busy machine means for the figures (appended to the evidence). */
export function busyConsequence(allowBusy: boolean): string {
	return allowBusy
		? 'CPU, latency and interactive-delay figures are unreliable; judged anyway (--allow-busy)'
		: 'CPU, latency and interactive-delay figures are unreliable, so their criteria were not judged unless they failed by far (--allow-busy judges them)';
}

/** The run's warning when the prompts phase was busy, else `null`. */
export function busyMachineWarning(busy: BusyAssessment | null | undefined, allowBusy: boolean): {code: string; message: string} | null {
	if (!busy?.busy) return null;
	return {code: BUSY_MACHINE_CODE, message: `busy machine: ${busy.evidence}: ${busyConsequence(allowBusy)}`};
}

/** The live line while the last seconds were busy, else `null`. */
export function busyNowLine(recent: BusyAssessment | null | undefined): string | null {
	if (!recent?.busy) return null;
	return `busy machine: ${recent.evidence}; figures are unreliable while it lasts`;
}

/**
 * The dashboard's one-line form (fits 80 columns with its `⚠ WARNING`
 * prefix): the last seconds while they are busy, else the run's judgement
 * when the prompts phase was busy; `null` when neither.
 */
export function busyShortLine(view: {run: BusyAssessment | null; recent: BusyAssessment | null}, allowBusy: boolean, running: boolean): string | null {
	const {recent, run} = view;
	if (running && recent?.busy) {
		const pressure = recent.figures.pressurePct === null ? '' : `, pressure ${Math.round(recent.figures.pressurePct)} %`;
		return `busy machine: others ${Math.round(recent.figures.othersMeanPct ?? 0)} % of CPU${pressure} — figures unreliable`;
	}
	if (!run?.busy) return null;
	const share = Math.round(run.overShare * 100);
	const mean = Math.round(run.figures.othersMeanPct ?? 0);
	return `busy machine: others ${mean} % of CPU, ${share} % of prompts — ${allowBusy ? 'judged anyway' : 'CPU/latency not judged'}`;
}
