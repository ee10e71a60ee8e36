import {describe, expect, it} from 'vitest';
import {nextTick, startSampler, type SampleReading, type SampleSource} from '../../src/sampler/index.js';
import {toSampleEvent} from '../../src/session/to-event.js';
import type {SampleEvent} from '../../src/run/events.js';
import {FakeClock} from './fake-clock.js';
import {scriptedProbes, type ProbeState} from './scripted-probes.js';

const MB = 1024 * 1024;

function setup(state: ProbeState, options: {withOptional?: boolean; sources?: SampleSource[]; intervalMs?: number; cores?: number} = {}) {
	const clock = new FakeClock(1000);
	const readings: SampleReading[] = [];
	const errors: unknown[] = [];
	const sampler = startSampler({
		intervalMs: options.intervalMs ?? 100,
		clock,
		probes: scriptedProbes(state, options.withOptional ?? true),
		logicalCores: options.cores ?? 2,
		sources: options.sources ?? [],
		onSample: (reading) => readings.push(reading),
		onError: (error) => errors.push(error),
	});
	return {clock, readings, errors, sampler};
}

describe('startSampler', () => {
	it('drops the first (startup) sample and differences the next ones', () => {
		const state: ProbeState = {cpuUs: 5_000_000, rss: 100 * MB, busy: 1000, total: 4000};
		const {clock, readings} = setup(state);
		expect(readings).toHaveLength(0);
		state.cpuUs += 50_000;
		state.busy += 5;
		state.total += 20;
		clock.advance(100);
		expect(readings).toHaveLength(1);
		const [first] = readings;
		expect(first!.t).toBe(1100);
		expect(first!.intervalMs).toBe(100);
		expect(first!.cores).toBeCloseTo(0.5);
		expect(first!.cpuPct).toBeCloseTo(25);
		expect(first!.systemCpuPct).toBeCloseTo(25);
		expect(first!.rssBytes).toBe(100 * MB);
	});

	it('computes % of machine and cores busy from cpu time over elapsed time', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings} = setup(state, {cores: 4});
		const cases = [
			{cpuMs: 0, pct: 0, cores: 0},
			{cpuMs: 100, pct: 25, cores: 1},
			{cpuMs: 400, pct: 100, cores: 4},
			{cpuMs: 150, pct: 37.5, cores: 1.5},
		];
		for (const c of cases) {
			state.cpuUs += c.cpuMs * 1000;
			state.total += 40;
			clock.advance(100);
		}
		expect(readings.map((r) => r.cpuPct)).toEqual(cases.map((c) => c.pct));
		expect(readings.map((r) => r.cores)).toEqual(cases.map((c) => c.cores));
	});

	it('clamps CPU into [0, 100] and never reports negative deltas', () => {
		const state: ProbeState = {cpuUs: 1_000_000, rss: 1, busy: 100, total: 200};
		const {clock, readings} = setup(state, {cores: 1});
		state.cpuUs += 130_000;
		state.total += 10;
		state.busy += 10;
		clock.advance(100);
		state.cpuUs -= 10;
		state.total += 10;
		clock.advance(100);
		expect(readings.map((r) => r.cpuPct)).toEqual([100, 0]);
		expect(readings[0]!.cores).toBe(1);
	});

	it('uses the real elapsed time when a tick is late, and skips missed grid slots', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings} = setup(state);
		state.cpuUs += 100_000;
		state.total += 20;
		clock.advance(100);
		state.cpuUs += 350_000;
		state.total += 70;
		clock.stall(350);
		expect(readings.map((r) => r.t)).toEqual([1100, 1450]);
		expect(readings[1]!.intervalMs).toBe(350);
		expect(readings[1]!.cores).toBeCloseTo(1);
		clock.advance(50);
		expect(readings.map((r) => r.t)).toEqual([1100, 1450, 1500]);
	});

	it('stays on its grid when timers fire late (no drift)', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings} = setup(state);
		clock.timerLatenessMs = 3;
		state.total += 20;
		clock.stall(103);
		for (let i = 0; i < 4; i++) {
			state.total += 20;
			clock.advance(100);
		}
		expect(readings.map((r) => r.t - 1000)).toEqual([103, 203, 303, 403, 503]);
		expect(clock.delays.slice(1)).toEqual([97, 97, 97, 97, 97]);
	});

	it('tracks peak RSS from samples and the kernel high-water mark', () => {
		const state: ProbeState = {cpuUs: 0, rss: 100 * MB, busy: 0, total: 0, kernelPeak: 0};
		const {clock, readings, sampler} = setup(state);
		state.rss = 300 * MB;
		state.total += 20;
		clock.advance(100);
		state.rss = 200 * MB;
		state.total += 20;
		clock.advance(100);
		expect(readings.map((r) => r.peakRssBytes)).toEqual([300 * MB, 300 * MB]);
		state.kernelPeak = 450 * MB;
		expect(sampler.peakRssBytes()).toBe(450 * MB);
		state.total += 20;
		clock.advance(100);
		expect(readings[2]!.peakRssBytes).toBe(450 * MB);
		expect(readings[2]!.rssBytes).toBe(200 * MB);
	});

	it('splits observer (main thread) from inference as total minus observer, so exited threads still count', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0, observerNs: 0};
		const {clock, readings} = setup(state);
		// Interval 1: main thread 10 ms, two decode workers 40 ms each that have
		// already exited when the tick reads: their time is only in the process total.
		state.cpuUs += (10 + 40 + 40) * 1000;
		state.observerNs! += 10e6;
		state.total += 20;
		clock.advance(100);
		// Interval 2: only the main thread ran.
		state.cpuUs += 5 * 1000;
		state.observerNs! += 5e6;
		state.total += 20;
		clock.advance(100);
		expect(readings[0]!.cpuPct).toBeCloseTo(45);
		expect(readings[0]!.observerCpuPct).toBeCloseTo(5);
		expect(readings[0]!.inferenceCpuPct).toBeCloseTo(40);
		expect(readings[1]!.observerCpuPct).toBeCloseTo(2.5);
		expect(readings[1]!.inferenceCpuPct).toBeCloseTo(0);
	});

	it('never lets observer exceed the process total (counters read at slightly different times)', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0, observerNs: 0};
		const {clock, readings} = setup(state);
		state.cpuUs += 10_000;
		state.observerNs! += 12e6;
		state.total += 20;
		clock.advance(100);
		expect(readings[0]!.observerCpuPct).toBeCloseTo(readings[0]!.cpuPct);
		expect(readings[0]!.inferenceCpuPct).toBe(0);
	});

	it('leaves out the fields of probes that are missing', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings} = setup(state, {withOptional: false});
		state.total += 20;
		clock.advance(100);
		const [reading] = readings;
		expect(reading).toBeDefined();
		expect('observerCpuPct' in reading!).toBe(false);
		expect('inferenceCpuPct' in reading!).toBe(false);
		expect('systemMemUsedBytes' in reading!).toBe(false);
		expect(reading!.peakRssBytes).toBe(1);
	});

	it('omits an optional field on the tick its probe fails and on the next (no baseline)', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0, observerNs: 0, memUsed: 7};
		const {clock, readings, errors} = setup(state);
		const step = () => {
			state.cpuUs += 20_000;
			state.observerNs! += 10e6;
			state.total += 20;
			clock.advance(100);
		};
		step();
		state.fail = {observerCpuNs: true, systemMemUsedBytes: true};
		step();
		state.fail = {};
		step();
		step();
		expect(readings.map((r) => r.observerCpuPct)).toEqual([5, undefined, undefined, 5]);
		expect(readings.map((r) => r.systemMemUsedBytes)).toEqual([7, undefined, 7, 7]);
		expect(errors).toHaveLength(2);
	});

	it('merges a tick whose required probe fails into the next one', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings, errors} = setup(state);
		state.fail = {systemCpu: true};
		state.cpuUs += 100_000;
		clock.advance(100);
		expect(readings).toHaveLength(0);
		state.fail = {};
		state.cpuUs += 100_000;
		state.busy += 40;
		state.total += 40;
		clock.advance(100);
		expect(readings).toHaveLength(1);
		expect(readings[0]!.intervalMs).toBe(200);
		expect(readings[0]!.cpuPct).toBeCloseTo(50);
		expect(readings[0]!.systemCpuPct).toBe(100);
		expect(errors).toHaveLength(1);
	});

	it('repeats the last machine CPU figure when its counters did not move', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings} = setup(state, {intervalMs: 20});
		state.busy += 1;
		state.total += 4;
		clock.advance(20);
		clock.advance(20);
		state.busy += 4;
		state.total += 4;
		clock.advance(20);
		expect(readings.map((r) => r.systemCpuPct)).toEqual([25, 25, 100]);
	});

	it('primes sources at start and lets them add fields each tick', () => {
		const calls: string[] = [];
		const source: SampleSource = {
			prime: () => calls.push('prime'),
			contribute(reading, elapsedMs) {
				calls.push(`contribute ${elapsedMs}`);
				reading.loadOps = 42;
			},
		};
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings} = setup(state, {sources: [source]});
		state.total += 20;
		clock.advance(100);
		expect(calls).toEqual(['prime', 'contribute 100']);
		expect(readings[0]!.loadOps).toBe(42);
	});

	it('stops: no more readings, no pending timer', () => {
		const state: ProbeState = {cpuUs: 0, rss: 1, busy: 0, total: 0};
		const {clock, readings, sampler} = setup(state);
		state.total += 20;
		clock.advance(100);
		sampler.stop();
		sampler.stop();
		clock.advance(1000);
		expect(readings).toHaveLength(1);
		expect(clock.pending).toBe(0);
		expect(sampler.samples).toBe(1);
	});

	it('rejects intervals below 20 ms', () => {
		expect(() => setup({cpuUs: 0, rss: 1, busy: 0, total: 0}, {intervalMs: 5})).toThrow(RangeError);
	});
});

describe('nextTick', () => {
	it.each([
		{slot: 0, now: 0, expected: {slot: 1, delayMs: 100}},
		{slot: 1, now: 103, expected: {slot: 2, delayMs: 97}},
		{slot: 1, now: 99.5, expected: {slot: 2, delayMs: 100.5}},
		{slot: 1, now: 450, expected: {slot: 5, delayMs: 50}},
		{slot: 4, now: 400, expected: {slot: 5, delayMs: 100}},
	])('slot $slot at $now -> $expected', ({slot, now, expected}) => {
		expect(nextTick(0, 100, slot, now)).toEqual(expected);
	});
});

describe('toSampleEvent', () => {
	it('adds type, phase and prompt to a reading', () => {
		const reading: SampleReading = {t: 5, intervalMs: 100, cpuPct: 1, cores: 0.02, rssBytes: 3, peakRssBytes: 3, systemCpuPct: 4};
		const event: SampleEvent = toSampleEvent(reading, 'prompts', 'p1');
		expect(event).toEqual({type: 'sample', phase: 'prompts', promptId: 'p1', ...reading});
		expect(Object.keys(event).slice(0, 3)).toEqual(['type', 't', 'phase']);
		expect('promptId' in toSampleEvent(reading, 'idle-before')).toBe(false);
	});
});
