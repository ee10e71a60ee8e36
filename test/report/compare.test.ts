import {describe, expect, it} from 'vitest';
import {compareReports} from '../../src/report/compare.js';
import {judgeChange, UNIT_FLOORS} from '../../src/report/compare-metrics.js';
import type {Comparison} from '../../src/report/compare-types.js';
import type {Report} from '../../src/report/types.js';
import {fixtureReport} from './fixture-report.js';

const base = fixtureReport('base');
const regressed = fixtureReport('regressed');
const improved = fixtureReport('improved');
const otherSuite = fixtureReport('other-suite');

function compare(...reports: Report[]): Comparison {
	return compareReports(reports.map((report, i) => ({name: `r${i}`, report})));
}

function metric(comparison: Comparison, id: string) {
	const found = comparison.metrics.find((candidate) => candidate.id === id);
	if (!found) throw new Error(`no metric ${id}`);
	return found;
}

describe('judgeChange', () => {
	it.each([
		['lower is better, up 10 %', 100, 110, 'lower', 'ms', 5, {delta: 10, pct: 10, judgement: 'worse'}],
		['lower is better, down 10 %', 100, 90, 'lower', 'ms', 5, {delta: -10, pct: -10, judgement: 'better'}],
		['higher is better, down 10 %', 100, 90, 'higher', 'tok/s', 5, {delta: -10, pct: -10, judgement: 'worse'}],
		['within the tolerance', 100, 104, 'lower', 'ms', 5, {delta: 4, pct: 4, judgement: 'same'}],
		['exactly at the tolerance', 100, 105, 'lower', 'ms', 5, {delta: 5, pct: 5, judgement: 'same'}],
		['big % but under the CPU floor', 0.2, 0.6, 'lower', '%', 5, {pct: 200, judgement: 'same'}],
		['over the CPU floor', 0.2, 0.8, 'lower', '%', 5, {pct: 300, judgement: 'worse'}],
		['baseline 0, under the floor', 0, 1, 'lower', 'count', 5, {delta: 1, pct: null, judgement: 'same'}],
		['baseline 0, over the floor', 0, 2, 'lower', 'count', 5, {delta: 2, pct: null, judgement: 'worse'}],
		['no change', 7, 7, 'lower', 'ms', 0, {delta: 0, pct: 0, judgement: 'same'}],
		['tolerance 0 counts any change over the floor', 100, 102, 'lower', 'ms', 0, {judgement: 'worse'}],
	] as const)('%s', (_name, a, b, direction, unit, tolerance, expected) => {
		const change = judgeChange(a, b, direction, unit, tolerance);
		const {pct, ...rest} = expected as {pct?: number | null};
		expect(change).toMatchObject(rest);
		if (typeof pct === 'number') expect(change?.pct).toBeCloseTo(pct, 9);
		else if (pct === null) expect(change?.pct).toBeNull();
	});

	it('is null when a value is missing or not finite', () => {
		expect(judgeChange(null, 1, 'lower', 'ms', 5)).toBeNull();
		expect(judgeChange(1, null, 'lower', 'ms', 5)).toBeNull();
		expect(judgeChange(1, Number.NaN, 'lower', 'ms', 5)).toBeNull();
	});

	it('has a floor for every unit', () => {
		expect(Object.keys(UNIT_FLOORS).sort()).toEqual(['%', 'bytes', 'count', 'ms', 'ratio', 'score', 'share', 'tok/s']);
	});
});

describe('compareReports', () => {
	it('a report compared with itself shows no change', () => {
		const comparison = compare(base, base);
		expect(comparison.regressions).toEqual([]);
		expect(comparison.config.filter((row) => row.differs)).toEqual([]);
		for (const row of comparison.metrics) {
			const change = row.changes[1];
			if (row.values[0] === null) expect(change).toBeNull();
			else expect(change).toEqual({delta: 0, pct: 0, judgement: 'same'});
		}
		expect(comparison.criteria.every((criterion) => criterion.regressed.every((flag) => !flag))).toBe(true);
		expect(comparison.prompts.map((prompt) => prompt.score.changes[1]?.judgement)).toEqual(['same', 'same', 'same', 'same']);
		expect(comparison.suites.same).toBe(true);
		expect(comparison.notes).toEqual([]);
	});

	it('finds the known differences of regressed.json: deltas, directions, regressions', () => {
		const comparison = compare(base, regressed);
		expect(comparison.config.filter((row) => row.differs).map((row) => [row.label, ...row.values])).toEqual([
			['quantization', 'Q8_0', 'Q4_K_M'],
			['threads', '1', '2'],
		]);
		const expectChange = (id: string, pct: number, judgement: string) => {
			const change = metric(comparison, id).changes[1];
			expect(change?.judgement, id).toBe(judgement);
			expect(change?.pct, id).toBeCloseTo(pct, 6);
		};
		expectChange('cpu.active.mean', 20, 'worse');
		expectChange('latency.p95', 30, 'worse');
		expectChange('decodeTokensPerSec.mean', -25, 'worse');
		expectChange('rss.peakBytes', 2, 'same');
		expectChange('ttft.coldMs', -50, 'better');
		expect(metric(comparison, 'cpu.idle.mean').changes[1]).toMatchObject({judgement: 'same'});
		expect(metric(comparison, 'cpu.idle.mean').changes[1]?.delta).toBeCloseTo(0.2, 9);
		expect(metric(comparison, 'cpu.active.p99').values[1]).toBe(62);
		expect(metric(comparison, 'correctness.mean').values.map((value) => value?.toFixed(4))).toEqual(['0.9167', '0.7917']);

		const criteria = Object.fromEntries(comparison.criteria.map((criterion) => [criterion.id, criterion]));
		expect(criteria['active-cpu-p99']?.statuses).toEqual(['pass', 'fail']);
		expect(criteria['active-cpu-p99']?.regressed).toEqual([false, true]);
		expect(criteria['interactive-delay-p99']?.statuses).toEqual(['pass', 'pass']);
		expect(comparison.reports.map((report) => report.verdict)).toEqual(['pass', 'fail']);

		const json = comparison.prompts.find((prompt) => prompt.id === 'smoke-json');
		expect(json?.score.values).toEqual([1, 0.5]);
		expect(json?.score.changes[1]).toEqual({delta: -0.5, pct: -50, judgement: 'worse'});

		expect(comparison.regressions.map(({kind, id, report}) => `${kind} ${id} ${report}`)).toEqual([
			'metric cpu.active.mean 1',
			'metric cpu.active.p99 1',
			'metric cpu.active.max 1',
			'metric latency.p95 1',
			'metric decodeTokensPerSec.mean 1',
			'metric correctness.mean 1',
			'metric correctness.min 1',
			'criterion active-cpu-p99 1',
			'criterion correctness 1',
			'prompt-score smoke-json 1',
			'verdict verdict 1',
		]);
		expect(comparison.regressions[3]?.message).toBe('E2E p95 26.2 ms → 34.1 ms (+7.9 ms, +30.0 %)');
	});

	it('the tolerance decides which changes count', () => {
		const loose = compareReports(
			[
				{name: 'a', report: base},
				{name: 'b', report: regressed},
			],
			{tolerancePct: 60},
		);
		expect(loose.tolerancePct).toBe(60);
		expect(loose.regressions.map(({kind, id}) => `${kind} ${id}`)).toEqual([
			'metric cpu.active.p99',
			'metric cpu.active.max',
			'criterion active-cpu-p99',
			'criterion correctness',
			'verdict verdict',
		]);
	});

	it('an improvement is better, not a regression', () => {
		const comparison = compare(base, improved);
		expect(comparison.regressions).toEqual([]);
		const better = comparison.metrics.filter((row) => row.changes[1]?.judgement === 'better').map((row) => row.id);
		expect(better).toEqual(['rss.peakBytes', 'latency.mean', 'latency.p50', 'latency.p95', 'decodeTokensPerSec.mean']);
	});

	it('reports of different suites: compares the common prompts and says what is not common', () => {
		const comparison = compare(base, otherSuite);
		expect(comparison.suites).toEqual({same: false, names: ['smoke', 'smoke-plus']});
		expect(comparison.prompts.map((prompt) => prompt.id)).toEqual(['smoke-arithmetic', 'smoke-capital', 'smoke-label']);
		expect(comparison.promptSets).toEqual([{report: 1, onlyInBaseline: ['smoke-json'], onlyInReport: ['extra-echo']}]);
		expect(comparison.notes).toEqual([
			'r1 ran suite "smoke-plus", r0 ran "smoke": run-level latency, throughput and correctness cover different prompts; 3 prompt(s) are in both',
		]);
		expect(comparison.regressions).toEqual([]);
	});

	it('more than two reports: each is compared with the first', () => {
		const comparison = compare(base, regressed, improved);
		expect(comparison.reports).toHaveLength(3);
		const p95 = metric(comparison, 'latency.p95');
		expect(p95.changes[0]).toBeNull();
		expect(p95.changes[1]?.judgement).toBe('worse');
		expect(p95.changes[2]?.judgement).toBe('better');
		expect(p95.changes[2]?.pct).toBeCloseTo(-20, 6);
		expect(new Set(comparison.regressions.map((regression) => regression.report))).toEqual(new Set([1]));
	});

	it('notes an incomplete run and a synthetic model', () => {
		const partial: Report = {...regressed, complete: false, endReason: 'interrupted', model: {...regressed.model, synthetic: true}};
		const comparison = compare(base, partial);
		expect(comparison.notes).toEqual([
			'only one of r0 and r1 is a synthetic model: correctness is skipped for synthetic models',
			'r1 is from a run that did not complete (interrupted): its figures are partial',
		]);
	});

	it('needs two reports', () => {
		expect(() => compare(base)).toThrow(RangeError);
	});

	it('shows the interactive-delay-p99 criterion and its metric', () => {
		const comparison = compare(base, regressed);
		expect(comparison.criteria.map((criterion) => criterion.id)).toContain('interactive-delay-p99');
		expect(metric(comparison, 'canary.phases.prompts.p99').criterion).toBe('interactive-delay-p99');
	});

	it('is plain JSON', () => {
		const comparison = compare(base, regressed, otherSuite);
		expect(JSON.parse(JSON.stringify(comparison))).toEqual(comparison);
	});
});
