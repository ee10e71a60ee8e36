import {describe, expect, it} from 'vitest';
import {applyBusyRule, failsByFar} from '../../src/run/busy-criteria.js';
import {assessBusy, BUSY_MIN_MS, othersCpuPct, type BusyFigures} from '../../src/run/busy-machine.js';
import {busyMachineWarning, busyShortLine} from '../../src/run/busy-warning.js';
import {defaultCriteria} from '../../src/run/criteria.js';
import {isQuiet, QUIET_THRESHOLDS} from '../../src/run/quiet.js';
import {isQuiet as sweepIsQuiet, QUIET_THRESHOLDS as SWEEP_THRESHOLDS} from '../../src/sampler/quiet-check.js';
import type {CriterionResult} from '../../src/run/types.js';

const TWO = {logicalCores: 2};

describe('othersCpuPct: the machine less the measured process, the canary, llmtop and --load workers', () => {
	it.each([
		['quiet: system = process', {systemCpuPct: 50, cpuPct: 50}, TWO, 0],
		['one other core busy', {systemCpuPct: 100, cpuPct: 50}, TWO, 50],
		['never below 0 (system read lags the process)', {systemCpuPct: 40, cpuPct: 50}, TWO, 0],
		['the canary (% of one core) is ours', {systemCpuPct: 52, cpuPct: 50, canaryCpuPct: 4}, TWO, 0],
		['in-process: the observer is inside cpuPct', {systemCpuPct: 60, cpuPct: 50, observerCpuPct: 2, inferenceCpuPct: 48}, TWO, 10],
		['endpoint: the observer is apart (all of cpuPct is inference)', {systemCpuPct: 60, cpuPct: 50, observerCpuPct: 2, inferenceCpuPct: 50}, TWO, 8],
		['--load 1: one core of the machine is asked for', {systemCpuPct: 100, cpuPct: 50}, {logicalCores: 2, loadWorkers: 1}, 0],
		['affinity to 1 of 2 CPUs: cpuPct 100 = one core = 50 % of the machine', {systemCpuPct: 50, cpuPct: 100}, {logicalCores: 2, cpusAvailable: 1}, 0],
		['NaN: unknown', {systemCpuPct: Number.NaN, cpuPct: 50}, TWO, null],
	])('%s', (_name, sample, shape, expected) => {
		const value = othersCpuPct(sample, shape);
		if (expected === null) expect(value).toBeNull();
		else expect(value).toBeCloseTo(expected, 6);
	});
});

const figures = (over: Partial<BusyFigures> = {}): BusyFigures => ({
	window: 'prompts',
	coveredMs: 10_000,
	overMs: 0,
	othersMeanPct: 2,
	othersP90Pct: 4,
	pressurePct: 5,
	...over,
});

describe('assessBusy', () => {
	it.each([
		['no samples: not judged', figures({coveredMs: 0, othersMeanPct: null, othersP90Pct: null}), null],
		['under the minimum time: not judged', figures({coveredMs: BUSY_MIN_MS - 1, overMs: BUSY_MIN_MS - 1}), null],
		['NaN time: not judged', figures({coveredMs: Number.NaN}), null],
		['quiet', figures(), false],
		['at exactly a quarter over: still quiet', figures({overMs: 2500}), false],
		['just over a quarter: busy', figures({overMs: 2600}), true],
		['all over: busy', figures({overMs: 10_000, othersMeanPct: 96, othersP90Pct: 99, pressurePct: 88}), true],
		['at the minimum time, all over: busy', figures({coveredMs: BUSY_MIN_MS, overMs: BUSY_MIN_MS}), true],
	])('%s', (_name, input, busy) => {
		const result = assessBusy(input);
		if (busy === null) expect(result).toBeNull();
		else expect(result?.busy).toBe(busy);
	});

	it('gives the evidence in words with figures', () => {
		const result = assessBusy(figures({overMs: 8000, othersMeanPct: 96, othersP90Pct: 99, pressurePct: 88}));
		expect(result?.evidence).toBe('other processes used over 10 % of the machine for 80 % of the prompts phase (mean 96 %, p90 99 %); CPU pressure 88 %');
		expect(result?.overShare).toBeCloseTo(0.8);
		const recent = assessBusy(figures({window: 'recent', coveredMs: 5000, overMs: 5000, othersMeanPct: 50, othersP90Pct: 51, pressurePct: null}));
		expect(recent?.evidence).toBe('other processes used over 10 % of the machine for 100 % of the last 5 s (mean 50 %, p90 51 %)');
	});

	it('one definition of quiet: sweep and the run share the thresholds', () => {
		expect(SWEEP_THRESHOLDS).toBe(QUIET_THRESHOLDS);
		expect(sweepIsQuiet).toBe(isQuiet);
		expect(isQuiet({othersCpuPct: 10, pressurePct: 10})).toBe(true);
		expect(isQuiet({othersCpuPct: 10.1, pressurePct: null})).toBe(false);
	});
});

describe('failsByFar', () => {
	it.each([
		['<=', 70, 35, false],
		['<=', 70.1, 35, true],
		['<', 4.1, 2, true],
		['<', 3.9, 2, false],
		['<=', 0.1, 0, true],
		['>=', 0.39, 0.8, true],
		['>=', 0.41, 0.8, false],
		['>', 0.3, 0.8, true],
	] as const)('%s: %s against %s -> %s', (op, value, threshold, expected) => {
		expect(failsByFar(op, value, threshold)).toBe(expected);
	});
});

describe('applyBusyRule', () => {
	const busy = assessBusy(figures({overMs: 8000, othersMeanPct: 96, othersP90Pct: 99, pressurePct: 88}));
	const quiet = assessBusy(figures());
	const spec = (id: string) => defaultCriteria().find((c) => c.id === id)!;
	const result = (id: string, status: CriterionResult['status'], value: number): CriterionResult => ({...spec(id), value, status, n: 100});
	const ended = {busy, allowBusy: false, running: false};

	it.each([
		['a pass on a busy machine is not judged', result('active-cpu-mean', 'pass', 20), ended, 'skip'],
		['a fail not by far is not judged', result('active-cpu-mean', 'fail', 60), ended, 'skip'],
		['a fail by far stands', result('active-cpu-mean', 'fail', 80), ended, 'fail'],
		['while running: pending', result('latency-p95', 'pass', 100), {...ended, running: true}, 'pending'],
		['--allow-busy judges', result('interactive-delay-p99', 'pass', 1), {...ended, allowBusy: true}, 'pass'],
		['a quiet machine judges', result('latency-ratio', 'fail', 3), {...ended, busy: quiet}, 'fail'],
		['not known: judged', result('active-cpu-p99', 'pass', 3), {...ended, busy: null}, 'pass'],
		['idle CPU is not moved by other load', result('idle-cpu', 'pass', 1), ended, 'pass'],
		['RSS is not moved by other load', result('rss-peak', 'fail', 7 * 1024 ** 3), ended, 'fail'],
		['a pending criterion stays pending', result('active-cpu-mean', 'pending', 20), ended, 'pending'],
	])('%s', (_name, input, context, status) => {
		expect(applyBusyRule(input, context).status).toBe(status);
	});

	it('a skip is for lack of (reliable) data, with the evidence; the verdict is then at best inconclusive', () => {
		const skipped = applyBusyRule(result('active-cpu-mean', 'pass', 20), ended);
		expect(skipped).toMatchObject({skipClass: 'lack-of-data'});
		expect(skipped.reason).toBe('busy machine (others over 10 % of CPU for 80 % of prompts, mean 96 %): not judged; --allow-busy judges');
		expect(applyBusyRule(result('active-cpu-mean', 'fail', 80), ended).reason).toContain('on a busy machine, but beyond 2x the limit');
	});

	it('the warning texts: none on a quiet machine, the evidence on a busy one; the dashboard line fits 80 columns', () => {
		expect(busyMachineWarning(quiet, false)).toBeNull();
		expect(busyMachineWarning(busy, false)).toEqual({
			code: 'busy-machine',
			message: expect.stringMatching(
				/^busy machine: other processes used over 10 % of the machine for 80 % of the prompts phase .*not judged unless they failed by far/,
			),
		});
		expect(busyMachineWarning(busy, true)?.message).toMatch(/judged anyway \(--allow-busy\)$/);
		const recent = assessBusy(figures({window: 'recent', coveredMs: 5000, overMs: 5000, othersMeanPct: 100, othersP90Pct: 100, pressurePct: 100}));
		const live = busyShortLine({run: null, recent}, false, true);
		expect(live).toBe('busy machine: others 100 % of CPU, pressure 100 % — figures unreliable');
		expect(`⚠ WARNING ${live}`.length).toBeLessThanOrEqual(80);
		const after = busyShortLine({run: busy, recent}, false, false);
		expect(after).toBe('busy machine: others 96 % of CPU, 80 % of prompts — CPU/latency not judged');
		expect(busyShortLine({run: quiet, recent: quiet}, false, true)).toBeNull();
	});
});
