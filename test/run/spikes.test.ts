import {describe, expect, it} from 'vitest';
import {RollingMedian} from '../../src/run/rolling-median.js';
import {cpuSpikeRule, ITL_SPIKE_RULE, SPIKE_RULE_DESCRIPTION, SpikeDetector, spikeRuleDescription} from '../../src/run/spikes.js';
import type {Phase, Spike} from '../../src/run/types.js';

/** Feeds CPU samples at 100 ms; returns the spikes found (flushed at the end). */
function cpuSpikes(values: number[], phase: Phase = 'prompts'): Spike[] {
	const detector = new SpikeDetector(cpuSpikeRule(2));
	const found: Spike[] = [];
	values.forEach((value, i) => {
		const spike = detector.push({t: (i + 1) * 100, value, intervalMs: 100, phase, promptId: 'p1'});
		if (spike) found.push(spike);
	});
	const last = detector.flush();
	if (last) found.push(last);
	return found;
}

function itlSpikes(gaps: number[]): Spike[] {
	const detector = new SpikeDetector(ITL_SPIKE_RULE);
	const found: Spike[] = [];
	let t = 0;
	for (const gap of gaps) {
		t += gap;
		const spike = detector.push({t, value: gap, intervalMs: gap, phase: 'prompts', promptId: 'p2'});
		if (spike) found.push(spike);
	}
	const last = detector.flush();
	if (last) found.push(last);
	return found;
}

const repeat = (value: number, count: number): number[] => new Array<number>(count).fill(value);
const noisy = (base: number, count: number): number[] => Array.from({length: count}, (_, i) => base + ((i * 7) % 5) - 2);

describe('CPU spikes', () => {
	it.each([
		{name: 'flat idle', series: repeat(1, 100), spikes: 0},
		{name: 'steady 50 % plateau (one decode thread) is not a spike', series: [...repeat(1, 30), ...repeat(50, 200)], spikes: 0},
		{name: 'noisy plateau is not a spike', series: [...noisy(2, 30), ...noisy(50, 200)], spikes: 0},
		{name: 'plateau then back down is not a spike', series: [...repeat(1, 30), ...repeat(50, 40), ...repeat(1, 40)], spikes: 0},
		{name: 'a 150 ms burst (2 samples) is a spike', series: [...repeat(50, 30), 100, 100, ...repeat(50, 20)], spikes: 1},
		{name: 'a one-sample burst is a spike', series: [...repeat(1, 30), 30, ...repeat(1, 20)], spikes: 1},
		{name: 'a 1 s burst (10 samples) is a spike', series: [...repeat(1, 30), ...repeat(60, 10), ...repeat(1, 20)], spikes: 1},
		{name: 'a 2 s burst is a plateau, not a spike', series: [...repeat(1, 30), ...repeat(60, 20), ...repeat(1, 20)], spikes: 0},
		{name: 'below the 10-point margin is not a spike', series: [...repeat(40, 30), 49, ...repeat(40, 20)], spikes: 0},
		{name: 'exactly at the margin is a spike', series: [...repeat(40, 30), 50, ...repeat(40, 20)], spikes: 1},
		{name: 'a ramp is not a spike', series: Array.from({length: 150}, (_, i) => Math.min(100, i)), spikes: 0},
		{name: 'a slow ramp is not a spike', series: Array.from({length: 200}, (_, i) => i / 2), spikes: 0},
		{name: 'nothing before warm-up', series: [1, 1, 90, 1, 1, 1], spikes: 0},
		{name: 'two separate bursts', series: [...repeat(5, 30), 80, ...repeat(5, 10), 70, 70, ...repeat(5, 10)], spikes: 2},
		{name: 'burst on top of a plateau, once the baseline caught up', series: [...repeat(1, 20), ...repeat(50, 60), 95, ...repeat(50, 10)], spikes: 1},
		{name: 'a burst that settles at a higher level is a level shift', series: [...repeat(1, 30), 100, 100, ...repeat(50, 40)], spikes: 0},
	])('$name', ({series, spikes}) => {
		expect(cpuSpikes(series)).toHaveLength(spikes);
	});

	it('records t, value, baseline, duration, phase and prompt', () => {
		const [spike] = cpuSpikes([...repeat(10, 30), 70, 90, ...repeat(10, 10)], 'idle-after');
		expect(spike).toEqual({
			metric: 'cpu',
			t: 3200,
			startT: 3000,
			value: 90,
			baseline: 10,
			durationMs: 200,
			samples: 2,
			phase: 'idle-after',
			promptId: 'p1',
		});
	});

	it('a burst still open at the end counts when short', () => {
		expect(cpuSpikes([...repeat(1, 30), 90])).toHaveLength(1);
		expect(cpuSpikes([...repeat(1, 30), ...repeat(90, 16)])).toHaveLength(0);
	});

	it('NaN samples are ignored', () => {
		expect(cpuSpikes([...repeat(1, 30), Number.NaN, ...repeat(1, 5)])).toHaveLength(0);
	});

	it('has a help description', () => {
		expect(SPIKE_RULE_DESCRIPTION).toMatch(/median of the last 31 samples/);
		expect(SPIKE_RULE_DESCRIPTION).toMatch(/not a plateau/);
	});
});

describe('ITL stall spikes', () => {
	it.each([
		{name: 'steady stream', gaps: repeat(6, 100), spikes: 0},
		{name: 'one 60 ms stall among 6 ms gaps', gaps: [...repeat(6, 20), 60, ...repeat(6, 20)], spikes: 1},
		{name: 'stall right at 3x and +5 ms', gaps: [...repeat(6, 20), 18, ...repeat(6, 20)], spikes: 1},
		{name: 'just under 3x', gaps: [...repeat(6, 20), 17.9, ...repeat(6, 20)], spikes: 0},
		{name: '3x but under the 5 ms minimum height', gaps: [...repeat(1, 20), 4, ...repeat(1, 20)], spikes: 0},
		{name: 'three stalls in a row: one spike', gaps: [...repeat(6, 20), 40, 50, 45, ...repeat(6, 20)], spikes: 1},
		{name: 'a slower stream (4x, sustained) is a plateau', gaps: [...repeat(6, 20), ...repeat(24, 60)], spikes: 0},
		{name: 'a stall as the last gap counts', gaps: [...repeat(6, 20), 90], spikes: 1},
	])('$name', ({gaps, spikes}) => {
		expect(itlSpikes(gaps)).toHaveLength(spikes);
	});

	it('records the stall', () => {
		const [spike] = itlSpikes([...repeat(5, 20), 50, 5]);
		expect(spike).toMatchObject({metric: 'itl', value: 50, baseline: 5, durationMs: 50, samples: 1, t: 150, startT: 100, promptId: 'p2'});
	});
});

describe('RollingMedian', () => {
	it('tracks the median of the window', () => {
		const median = new RollingMedian(3);
		expect(median.median()).toBeNull();
		median.push(5);
		expect(median.median()).toBe(5);
		median.push(1);
		expect(median.median()).toBe(3);
		median.push(9);
		expect(median.median()).toBe(5);
		median.push(10);
		expect(median.median()).toBe(9);
		median.push(Number.NaN);
		expect(median.size).toBe(3);
	});
});

describe('spikeRuleDescription (issue 15 item 10)', () => {
	it.each([
		[100, 'last 31 samples (3.1 s at 100 ms)', 'at most 10 elevated samples (1 s at 100 ms)'],
		[50, 'last 31 samples (1.6 s at 50 ms)', 'at most 15 elevated samples (0.8 s at 50 ms)'],
		[250, 'last 31 samples (7.8 s at 250 ms)', 'at most 4 elevated samples (1 s at 250 ms)'],
	])('works the durations out for %i ms', (interval, baseline, burst) => {
		const text = spikeRuleDescription(interval);
		expect(text).toContain(baseline);
		expect(text).toContain(burst);
		expect(text).not.toContain('1 s (15 samples)');
	});
});
