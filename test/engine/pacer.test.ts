import {describe, expect, it} from 'vitest';
import {BadOptionError} from '../../src/engine/errors.js';
import {CpuPacer} from '../../src/engine/pacer.js';
import {createCpuCapPace, nextChunkSize} from '../../src/engine/cpu-cap.js';

interface Step {
	start: number;
	end: number;
	cpuMs: number;
}

/** Exact maximum CPU over every window of `windowMs` (CPU spread evenly over each step). */
function maxWindowCpu(steps: readonly Step[], windowMs: number): number {
	// The windowed sum is piecewise linear in the window's end; its maximum is at a breakpoint.
	const ends = new Set<number>();
	for (const s of steps) for (const b of [s.start, s.end]) for (const e of [b, b + windowMs]) ends.add(e);
	let max = 0;
	for (const end of ends) {
		const from = end - windowMs;
		let total = 0;
		for (const s of steps) {
			const overlap = Math.min(s.end, end) - Math.max(s.start, from);
			if (overlap > 0) total += (s.cpuMs * overlap) / (s.end - s.start);
		}
		max = Math.max(max, total);
	}
	return max;
}

/** Seeded xorshift for reproducible step costs. */
function random(seed: number): () => number {
	let x = seed >>> 0 || 1;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return (x >>> 0) / 2 ** 32;
	};
}

interface Simulated {
	steps: Step[];
	end: number;
	pausedMs: number;
	/** Most a step cost above the pacer's prediction for it. */
	mispredictedMs: number;
}

/** Drives the pacer like the engine does: step, record, ask for a pause, wait it out. Step 0 is a prefill. */
function simulate(pacer: CpuPacer, steps: {wallMs: number; cpuMs: number}[], start = 0): Simulated {
	let t = start;
	let pausedMs = 0;
	let mispredictedMs = 0;
	const done: Step[] = [];
	pacer.stepStarted(t);
	for (const [i, step] of steps.entries()) {
		const begin = t;
		if (i > 0) mispredictedMs = Math.max(mispredictedMs, step.cpuMs - pacer.predictedStep().cpuMs);
		t += step.wallMs;
		pacer.record(t, step.cpuMs, i === 0 ? 'other' : 'decode');
		done.push({start: begin, end: t, cpuMs: step.cpuMs});
		const pause = pacer.pauseMs(t);
		pausedMs += pause;
		t += pause;
		pacer.stepStarted(t);
	}
	return {steps: done, end: t, pausedMs, mispredictedMs};
}

describe('CpuPacer', () => {
	it('rejects caps outside (0, 100] and bad core counts', () => {
		for (const capPct of [0, -5, 101, Number.NaN]) {
			expect(() => new CpuPacer({capPct, cores: 2})).toThrow(BadOptionError);
		}
		expect(() => new CpuPacer({capPct: 35, cores: 0})).toThrow(BadOptionError);
		expect(new CpuPacer({capPct: 35, cores: 2}).budgetMs).toBeCloseTo(700);
	});

	it('never pauses a load that stays under the cap', () => {
		const pacer = new CpuPacer({capPct: 50, cores: 2});
		const run = simulate(
			pacer,
			Array.from({length: 500}, () => ({wallMs: 10, cpuMs: 5})),
		);
		expect(run.pausedMs).toBe(0);
	});

	it('keeps one busy decode thread (50 % of 2 cores) within a 35 % cap over every 1 s window, evenly', () => {
		const pacer = new CpuPacer({capPct: 35, cores: 2});
		const run = simulate(
			pacer,
			Array.from({length: 1000}, () => ({wallMs: 10, cpuMs: 10})),
		);
		expect(maxWindowCpu(run.steps, 1000)).toBeLessThanOrEqual(700 + 1e-6);
		const totalCpu = run.steps.reduce((sum, s) => sum + s.cpuMs, 0);
		const meanPct = (totalCpu / run.end / 2) * 100;
		// Not over-paced: the mean ends close to the cap.
		expect(meanPct).toBeGreaterThan(34);
		expect(meanPct).toBeLessThanOrEqual(35);
		// Even: every 100 ms window (a sampler tick) is within the cap plus part of one step,
		// and every pause is the same (10 ms of work, then 10/0.7 - 10 ms of rest).
		expect(maxWindowCpu(run.steps, 100)).toBeLessThanOrEqual(70 + 10);
		const gaps = run.steps.slice(1).map((s, i) => s.start - run.steps[i]!.end);
		expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(0.05);
		expect(gaps[0]).toBeCloseTo(10 / 0.7 - 10);
	});

	it('without smoothing, spends the window in bursts', () => {
		const pacer = new CpuPacer({capPct: 35, cores: 2, smooth: false});
		const run = simulate(
			pacer,
			Array.from({length: 1000}, () => ({wallMs: 10, cpuMs: 10})),
		);
		expect(maxWindowCpu(run.steps, 1000)).toBeLessThanOrEqual(700 + 1e-6);
		// 100 ms of one busy core: 50 % of the machine in a sampler tick.
		expect(maxWindowCpu(run.steps, 100)).toBeCloseTo(100);
	});

	it('lets a prefill burst fill the window, then caps the decode steps after it', () => {
		const pacer = new CpuPacer({capPct: 35, cores: 2});
		const run = simulate(pacer, [{wallMs: 300, cpuMs: 600}, ...Array.from({length: 800}, () => ({wallMs: 12, cpuMs: 14}))]);
		// Only the first decode step has no prediction; every later one is capped exactly.
		expect(run.mispredictedMs).toBe(14);
		expect(maxWindowCpu(run.steps, 1000)).toBeLessThanOrEqual(700 + 14 + 1e-6);
		expect(maxWindowCpu(run.steps.slice(2), 1000)).toBeLessThanOrEqual(700 + 1e-6);
	});

	it('with uneven steps, exceeds the cap by no more than a step exceeded its prediction', () => {
		const next = random(7);
		const pacer = new CpuPacer({capPct: 35, cores: 2});
		const steps = [{wallMs: 300, cpuMs: 600}];
		for (let i = 0; i < 800; i++) steps.push({wallMs: 4 + next() * 12, cpuMs: 4 + next() * 20});
		const run = simulate(pacer, steps);
		expect(maxWindowCpu(run.steps, 1000)).toBeLessThanOrEqual(700 + run.mispredictedMs + 1e-6);
	});

	it('pauses exactly until enough CPU has left the window', () => {
		const pacer = new CpuPacer({capPct: 50, cores: 1});
		// 500 CPU-ms budget. 400 ms spent in [0, 400]; the next step costs 200 (the most recent).
		pacer.stepStarted(0);
		pacer.record(400, 400);
		// A 200 ms step of 200 CPU-ms: the window ending with it must lose 100 CPU-ms,
		// the CPU of [0, 100]; so it ends at 1100 and starts at 900, 500 ms from t = 400.
		expect(pacer.pauseMs(400, {cpuMs: 200, durationMs: 200})).toBeCloseTo(500, 1);
		expect(pacer.windowCpuMs(400)).toBeCloseTo(400);
		expect(pacer.windowCpuMs(1200)).toBeCloseTo(200);
	});

	it('waits at least a whole window before a step that alone exceeds the budget', () => {
		const pacer = new CpuPacer({capPct: 10, cores: 1, smooth: false});
		pacer.stepStarted(0);
		pacer.record(200, 200);
		expect(pacer.pauseMs(200)).toBeCloseTo(1000);
		expect(pacer.overBudget).toBe(true);
		// Smoothing keeps the long-run rate: 200 CPU-ms at 0.1 CPU-ms per ms is 2 s from the step's start.
		const smooth = new CpuPacer({capPct: 10, cores: 1});
		smooth.stepStarted(0);
		smooth.record(200, 200);
		expect(smooth.pauseMs(200)).toBeCloseTo(1800);
	});

	it('forgets steps older than the window', () => {
		const pacer = new CpuPacer({capPct: 35, cores: 2});
		pacer.stepStarted(0);
		pacer.record(100, 200);
		expect(pacer.windowCpuMs(1100)).toBe(0);
		expect(pacer.pauseMs(5000, {cpuMs: 10, durationMs: 10})).toBe(0);
	});
});

describe('createCpuCapPace', () => {
	it('feeds the pacer from the CPU and wall clocks it is given', () => {
		let t = 0;
		let cpu = 0;
		const cap = createCpuCapPace({capPct: 25, cores: 2, aim: 1, now: () => t, cpuMs: () => cpu});
		cap.begin();
		const pauses: number[] = [];
		for (let i = 0; i < 300; i++) {
			t += 10;
			cpu += 10;
			const pause = cap.pace({index: i, t});
			expect(typeof pause).toBe('number');
			pauses.push(pause as number);
			t += pause as number;
		}
		// 10 ms of one core busy, then 10 ms of rest, is 25 % of 2 cores: from the first token on.
		expect(cap.stats().pauses).toBe(300);
		for (const pause of pauses) expect(pause).toBeCloseTo(10);
	});
});

describe('prefill in paced chunks', () => {
	it.each([
		[16, {tokens: 16, cpuMs: 10}, 70, 20],
		[16, {tokens: 16, cpuMs: 40}, 70, 20],
		[16, {tokens: 16, cpuMs: 45}, 70, 16],
		[20, {tokens: 20, cpuMs: 55}, 70, 20],
		[16, {tokens: 16, cpuMs: 70}, 70, 12],
		[2, {tokens: 2, cpuMs: 10}, 70, 3],
		[1, {tokens: 1, cpuMs: 200}, 70, 1],
		[512, {tokens: 512, cpuMs: 1}, 70, 512],
		[20, {tokens: 6, cpuMs: 34}, 70, 20],
		[20, {tokens: 6, cpuMs: 90}, 70, 3],
	])('nextChunkSize(asked %i, last %j, budget %i) = %i', (asked, last, budget, expected) => {
		expect(nextChunkSize(asked, last, budget)).toBe(expected);
	});

	it('paces chunks like steps: the window holds the chunks at the cap', () => {
		let t = 0;
		let cpu = 0;
		const cap = createCpuCapPace({capPct: 25, cores: 2, windowMs: 100, aim: 1, now: () => t, cpuMs: () => cpu});
		cap.begin();
		const steps: Step[] = [];
		let done = 0;
		for (let i = 0; i < 40; i++) {
			const {tokens, pauseMs} = cap.prefill.next(done);
			t += pauseMs;
			// A chunk costs 2 ms of one core per token plus 5 ms.
			const cost = 5 + 2 * tokens;
			steps.push({start: t, end: t + cost, cpuMs: cost});
			t += cost;
			cpu += cost;
			done = tokens;
		}
		expect(maxWindowCpu(steps, 100)).toBeLessThanOrEqual(50 * 1.05);
		expect(cap.stats().pauses).toBeGreaterThan(0);
	});
});

describe('the pacer aims below the cap', () => {
	it('by default at 94 % of it: a steady decode settles at 0.94 x the cap', () => {
		let t = 0;
		let cpu = 0;
		const cap = createCpuCapPace({capPct: 25, cores: 2, now: () => t, cpuMs: () => cpu});
		cap.begin();
		for (let i = 0; i < 300; i++) {
			t += 10;
			cpu += 10;
			t += cap.pace({index: i, t}) as number;
		}
		// 300 steps of 10 ms CPU over the elapsed time, as % of 2 cores.
		expect((cpu / t / 2) * 100).toBeCloseTo(25 * 0.94, 1);
	});
});
