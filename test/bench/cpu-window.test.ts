import {describe, expect, it} from 'vitest';
import {maxWindowCpu} from '../../bench/lib/cpu-window.js';
import type {RunEvent} from '../../src/run/events.js';
import type {Phase} from '../../src/run/types.js';

function samples(phase: Phase, values: number[], start = 0, interval = 100): RunEvent[] {
	return values.map((cpuPct, i) => ({type: 'sample', t: start + (i + 1) * interval, phase, cpuPct, cores: 0, rssBytes: 0, systemCpuPct: 0}));
}

describe('maxWindowCpu', () => {
	it('a steady level is its own window mean', () => {
		expect(maxWindowCpu(samples('prompts', Array(30).fill(30)), 'prompts', 1000)).toBeCloseTo(30);
	});

	it('a short burst is averaged over the window, unlike a single-sample p99', () => {
		const values = [...Array(20).fill(30), 80, 80, ...Array(20).fill(30)];
		expect(maxWindowCpu(samples('prompts', values), 'prompts', 1000)).toBeCloseTo(30 + (2 * 50) / 10);
	});

	it('weights samples by their interval', () => {
		const events: RunEvent[] = [
			{type: 'sample', t: 0, phase: 'prompts', cpuPct: 0, cores: 0, rssBytes: 0, systemCpuPct: 0},
			{type: 'sample', t: 900, phase: 'prompts', cpuPct: 10, cores: 0, rssBytes: 0, systemCpuPct: 0},
			{type: 'sample', t: 1000, phase: 'prompts', cpuPct: 100, cores: 0, rssBytes: 0, systemCpuPct: 0},
		];
		expect(maxWindowCpu(events, 'prompts', 1000)).toBeCloseTo(19);
	});

	it('only counts samples of the phase, and null when it never covers a window', () => {
		const events = [
			...samples('idle-before', Array(10).fill(90)),
			...samples('prompts', Array(15).fill(20), 1000),
			...samples('idle-after', Array(10).fill(90), 2500),
		];
		expect(maxWindowCpu(events, 'prompts', 1000)).toBeCloseTo(20);
		expect(maxWindowCpu(samples('prompts', [50, 50, 50]), 'prompts', 1000)).toBeNull();
		expect(maxWindowCpu([], 'prompts', 1000)).toBeNull();
	});
});
