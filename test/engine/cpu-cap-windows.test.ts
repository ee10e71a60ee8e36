import {describe, expect, it} from 'vitest';
import {cpuCapWindowBoundPct, createCpuCapPace} from '../../src/engine/cpu-cap.js';

/**
 * Issue 12: what `--cpu-cap` promises, checked on the real pace hook
 * (`createCpuCapPace`, as the engine calls it) driven by a fake clock and a
 * fake CPU counter: one decode thread that is always busy while it runs.
 */

interface Step {
	start: number;
	end: number;
	cpuMs: number;
}

/** Most CPU (% of the machine) over any window of `lengthMs` (CPU spread evenly over each step). */
function worstWindowPct(steps: readonly Step[], lengthMs: number, cores: number): number {
	const ends = new Set<number>();
	for (const s of steps) for (const b of [s.start, s.end]) for (const e of [b, b + lengthMs]) ends.add(e);
	let max = 0;
	for (const end of ends) {
		const from = end - lengthMs;
		let total = 0;
		for (const s of steps) {
			const overlap = Math.min(s.end, end) - Math.max(s.start, from);
			if (overlap > 0) total += (s.cpuMs * overlap) / (s.end - s.start);
		}
		max = Math.max(max, total);
	}
	return (max / lengthMs / cores) * 100;
}

/** Runs `tokens` decode steps of `stepMs` of one busy core through the pace hook; returns the steps as they ran. */
function decode(capPct: number, windowMs: number, cores: number, tokens: number, stepMs: number, prefillMs = 0): Step[] {
	let now = 0;
	let cpu = 0;
	const pace = createCpuCapPace({capPct, windowMs, cores, now: () => now, cpuMs: () => cpu});
	const steps: Step[] = [];
	pace.begin();
	const run = (ms: number): void => {
		steps.push({start: now, end: now + ms, cpuMs: ms});
		now += ms;
		cpu += ms;
	};
	if (prefillMs > 0) run(prefillMs);
	for (let index = 0; index < tokens; index++) {
		if (index > 0 || prefillMs === 0) run(stepMs);
		const pause = pace.pace({index, t: now}) as number;
		now += pause;
	}
	return steps;
}

describe('--cpu-cap with a fake clock: which windows hold', () => {
	const cap = 50;
	const window = 100;
	const cores = 2;
	const steps = decode(cap, window, cores, 2000, 12);

	it('every window of the cap window (the sampling interval) stays within the cap', () => {
		expect(worstWindowPct(steps, window, cores)).toBeLessThanOrEqual(cap + 1e-9);
	});

	it.each([2, 3, 10])('every window of %i x the cap window stays within the cap (sum of whole windows)', (k) => {
		expect(worstWindowPct(steps, k * window, cores)).toBeLessThanOrEqual(cap + 1e-9);
	});

	it('a window of another length is held only to the stated bound (the old promise "and every longer one" was false)', () => {
		const worst120 = worstWindowPct(steps, 120, cores);
		expect(worst120).toBeLessThanOrEqual(cpuCapWindowBoundPct(cap, window, 120) + 1e-9);
		expect(cpuCapWindowBoundPct(cap, window, 120)).toBeCloseTo((cap * 200) / 120, 9);
	});

	it('states the bound: cap x ceil(L / W) x W / L, the cap itself for whole multiples, approaching it for long windows', () => {
		expect(cpuCapWindowBoundPct(50, 100, 100)).toBe(50);
		expect(cpuCapWindowBoundPct(50, 100, 300)).toBe(50);
		expect(cpuCapWindowBoundPct(50, 100, 150)).toBeCloseTo(66.67, 2);
		expect(cpuCapWindowBoundPct(50, 100, 1050)).toBeCloseTo((50 * 1100) / 1050, 9);
		expect(cpuCapWindowBoundPct(50, 100, 50)).toBe(100);
	});

	it('after a prefill burst, the first decode step (no prediction yet) may exceed a window by at most that step', () => {
		const withPrefill = decode(cap, window, cores, 500, 12, 150);
		const afterPrefill = withPrefill.slice(2);
		expect(worstWindowPct(afterPrefill, window, cores)).toBeLessThanOrEqual(cap + 1e-9);
		expect(worstWindowPct(withPrefill, 1000, cores)).toBeLessThanOrEqual(cap + (12 / 1000 / cores) * 100 + 1e-9);
	});
});
