import {describe, expect, it} from 'vitest';
import type {RunEvent} from '../../src/run/events.js';
import {selectMetrics} from '../../src/run/metrics.js';
import {QuantileAccumulator} from '../../src/run/quantiles.js';
import {CPU_SPIKE_MARGIN_CORES, cpuSpikeRule, SPIKE_RULE_DESCRIPTION, SpikeDetector} from '../../src/run/spikes.js';
import {RunStore} from '../../src/run/store.js';
import type {Spike} from '../../src/run/types.js';
import {runStart, sample} from './fixtures/small-run.js';

describe('CPU means are time-weighted', () => {
	it('nine 100 ms samples at 30 % and one late 1 s sample at 80 % average 56.3 % (was 35.0 %)', () => {
		const events: RunEvent[] = [runStart(), {type: 'phase', t: 0, name: 'prompts'}];
		for (let i = 1; i <= 9; i++) events.push(sample(i * 100, 'prompts', 30, 100, {intervalMs: 100}));
		events.push(sample(900 + 1000, 'prompts', 80, 100, {intervalMs: 1000}));
		const store = new RunStore();
		store.applyAll(events);
		const active = selectMetrics(store).cpu.active;
		expect(active.mean).toBeCloseTo((9 * 100 * 30 + 1000 * 80) / 1900, 10);
		expect(active.samples).toBe(10);
		expect(selectMetrics(store).systemCpu.active.mean).toBeCloseTo((9 * 100 * 35 + 1000 * 85) / 1900, 10);
	});

	it('the interval comes from the sample, else from the time since the previous one', () => {
		const events: RunEvent[] = [runStart(), {type: 'phase', t: 0, name: 'idle-before'}];
		events.push(sample(100, 'idle-before', 1, 100), sample(200, 'idle-before', 1, 100), sample(500, 'idle-before', 5, 100));
		const store = new RunStore();
		store.applyAll(events);
		expect(selectMetrics(store).cpu.idle.mean).toBeCloseTo((100 * 1 + 100 * 1 + 300 * 5) / 500, 10);
	});

	it.each([
		{
			name: 'unweighted adds: the plain mean',
			adds: [
				[1, 1],
				[3, 1],
			],
			mean: 2,
		},
		{
			name: 'weights',
			adds: [
				[1, 1],
				[3, 3],
			],
			mean: 2.5,
		},
		{
			name: 'a zero weight counts the value but not in the mean',
			adds: [
				[1, 1],
				[100, 0],
			],
			mean: 1,
		},
		{
			name: 'only zero weights: the plain mean',
			adds: [
				[2, 0],
				[4, 0],
			],
			mean: 3,
		},
		{
			name: 'NaN weight is weight 1',
			adds: [
				[2, Number.NaN],
				[4, 1],
			],
			mean: 3,
		},
		{name: 'empty', adds: [], mean: null},
	])('QuantileAccumulator weighted mean: $name', ({adds, mean}) => {
		const acc = new QuantileAccumulator();
		for (const [value, weight] of adds) acc.add(value as number, weight);
		expect(acc.mean).toBe(mean);
	});
});

describe('the CPU spike margin is relative to one core', () => {
	function spikes(cpus: number, values: number[]): Spike[] {
		const detector = new SpikeDetector(cpuSpikeRule(cpus));
		const found: Spike[] = [];
		values.forEach((value, i) => {
			const spike = detector.push({t: (i + 1) * 100, value, intervalMs: 100, phase: 'prompts', promptId: null});
			if (spike) found.push(spike);
		});
		return found;
	}
	const burst = (cpus: number): number[] => {
		const base = 100 / cpus / 10;
		return [...new Array<number>(30).fill(base), base + 100 / cpus, base + 100 / cpus, ...new Array<number>(20).fill(base)];
	};

	it.each([1, 2, 4, 16, 64])('a 200 ms burst of one busy core is a spike on %i CPUs (was none on 16)', (cpus) => {
		expect(spikes(cpus, burst(cpus))).toHaveLength(1);
	});

	it('keeps the 2-core margin at 10 points; scales to 1.25 points on 16', () => {
		expect(cpuSpikeRule(2).margin).toBe(10);
		expect(cpuSpikeRule(16).margin).toBe(1.25);
		expect(CPU_SPIKE_MARGIN_CORES).toBe(0.2);
	});

	it('noise under a fifth of a core is not a spike on 16 CPUs', () => {
		expect(spikes(16, [...new Array<number>(30).fill(1), 2, 2, ...new Array<number>(20).fill(1)])).toHaveLength(0);
	});

	it('the help says the margin is in cores', () => {
		expect(SPIKE_RULE_DESCRIPTION).toMatch(/0\.2 of one core/);
	});

	it('the store takes the machine CPUs from run-start (host.cpusAvailable, else logicalCores)', () => {
		const start = runStart();
		start.host = {...start.host, logicalCores: 16, cpusAvailable: 16};
		const events: RunEvent[] = [start, {type: 'phase', t: 0, name: 'prompts'}];
		burst(16).forEach((value, i) => events.push(sample((i + 1) * 100, 'prompts', value, 100)));
		const store = new RunStore();
		store.applyAll(events);
		expect(store.spikeCounts.cpu).toBe(1);
	});
});
