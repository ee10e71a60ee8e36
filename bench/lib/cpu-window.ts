/**
 * The highest process CPU over any window of `windowMs` within a phase, from
 * the `sample` events of a run: the figure `--cpu-cap` promises to bound
 * ("within PCT of the machine over any one-second window"), next to the p99
 * of single samples, which is burstier.
 */
import type {RunEvent, SampleEvent} from '../../src/run/events.js';
import type {Phase} from '../../src/run/types.js';

/**
 * Max over windows of consecutive samples (of `phase`) covering at least
 * `windowMs`, each the interval-weighted mean CPU (% of the machine);
 * `null` when the phase never covers a whole window.
 */
export function maxWindowCpu(events: readonly RunEvent[], phase: Phase, windowMs: number): number | null {
	const samples: {cpu: number; dt: number}[] = [];
	let previousT: number | null = null;
	for (const event of events) {
		if (event.type !== 'sample') continue;
		const sample = event as SampleEvent;
		const dt = previousT === null ? null : sample.t - previousT;
		previousT = sample.t;
		if (sample.phase !== phase || dt === null || !(dt > 0) || !Number.isFinite(sample.cpuPct)) continue;
		samples.push({cpu: sample.cpuPct, dt});
	}
	let best: number | null = null;
	let start = 0;
	let work = 0;
	let time = 0;
	for (const sample of samples) {
		work += sample.cpu * sample.dt;
		time += sample.dt;
		while (start < samples.length && time - samples[start]!.dt >= windowMs) {
			work -= samples[start]!.cpu * samples[start]!.dt;
			time -= samples[start]!.dt;
			start++;
		}
		if (time >= windowMs) best = Math.max(best ?? -Infinity, work / time);
	}
	return best;
}
