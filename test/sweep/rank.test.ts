import {describe, expect, it} from 'vitest';
import {byCost, dominates, missesOf, paretoFront, recommend, sweepExitCode} from '../../src/sweep/rank.js';
import {criterion, result} from './fixtures.js';

describe('paretoFront (E2E p95 lower, active CPU mean lower, correctness higher)', () => {
	it.each([
		['empty', [], []],
		['one', [result('a', 'pass', {e2eP95Ms: 100, activeCpuMean: 10})], ['a']],
		['a dominates b on both', [result('a', 'pass', {e2eP95Ms: 100, activeCpuMean: 10}), result('b', 'fail', {e2eP95Ms: 200, activeCpuMean: 20})], ['a']],
		['a trade-off keeps both', [result('a', 'pass', {e2eP95Ms: 100, activeCpuMean: 30}), result('b', 'fail', {e2eP95Ms: 200, activeCpuMean: 20})], ['a', 'b']],
		['ties keep both', [result('a', 'pass', {e2eP95Ms: 100, activeCpuMean: 10}), result('b', 'pass', {e2eP95Ms: 100, activeCpuMean: 10})], ['a', 'b']],
		[
			'better on one, equal on the other dominates',
			[result('a', 'pass', {e2eP95Ms: 100, activeCpuMean: 10}), result('b', 'pass', {e2eP95Ms: 100, activeCpuMean: 11})],
			['a'],
		],
		[
			'correctness can save a slower one',
			[result('a', 'pass', {e2eP95Ms: 100, activeCpuMean: 10, correctness: 0.5}), result('b', 'pass', {e2eP95Ms: 150, activeCpuMean: 10, correctness: 0.9})],
			['a', 'b'],
		],
		[
			'correctness counts only when both have it',
			[result('a', 'pass', {e2eP95Ms: 100, activeCpuMean: 10, correctness: null}), result('b', 'pass', {e2eP95Ms: 150, activeCpuMean: 10, correctness: 0.9})],
			['a'],
		],
		[
			'failed to run and missing figures are left out',
			[result('a', 'failed'), result('b', 'pass', {e2eP95Ms: null, activeCpuMean: 5}), result('c', 'fail', {e2eP95Ms: 500, activeCpuMean: 50})],
			['c'],
		],
		[
			'an interrupted run is not ranked',
			[result('a', 'interrupted', {e2eP95Ms: 1, activeCpuMean: 1}), result('b', 'fail', {e2eP95Ms: 500, activeCpuMean: 50})],
			['b'],
		],
	] as const)('%s', (_name, results, expected) => {
		expect(paretoFront(results)).toEqual(expected);
	});

	it('dominance is strict: a point never dominates itself', () => {
		const p = {e2eP95Ms: 1, activeCpuMean: 1, correctness: 0.5};
		expect(dominates(p, p)).toBe(false);
	});
});

describe('recommend', () => {
	const gb = 1024 ** 3;
	it('picks the cheapest passing configuration: lowest active CPU mean first', () => {
		const rec = recommend([
			result('hungry', 'pass', {activeCpuMean: 30, rssPeakBytes: 1 * gb, e2eP95Ms: 100}),
			result('cheap', 'pass', {activeCpuMean: 12, rssPeakBytes: 2 * gb, e2eP95Ms: 900}),
			result('cheaper-but-fails', 'fail', {activeCpuMean: 5, rssPeakBytes: 1 * gb, e2eP95Ms: 100}),
		]);
		expect(rec).toMatchObject({kind: 'pass', id: 'cheap'});
	});

	it.each([
		[
			'equal CPU: lower peak RSS wins',
			[result('a', 'pass', {activeCpuMean: 10, rssPeakBytes: 2e9, e2eP95Ms: 1}), result('b', 'pass', {activeCpuMean: 10, rssPeakBytes: 1e9, e2eP95Ms: 999})],
			'b',
		],
		[
			'equal CPU and RSS: lower E2E p95 wins',
			[result('a', 'pass', {activeCpuMean: 10, rssPeakBytes: 1e9, e2eP95Ms: 900}), result('b', 'pass', {activeCpuMean: 10, rssPeakBytes: 1e9, e2eP95Ms: 800})],
			'b',
		],
		['an unknown CPU ranks last', [result('a', 'pass', {activeCpuMean: null}), result('b', 'pass', {activeCpuMean: 90})], 'b'],
		['all equal: the id decides (stable)', [result('b', 'pass', {activeCpuMean: 1}), result('a', 'pass', {activeCpuMean: 1})], 'a'],
	] as const)('%s', (_name, results, id) => {
		expect(recommend(results)).toMatchObject({kind: 'pass', id});
	});

	it('with none passing, the closest: fewest failing criteria, then the smallest relative miss, with by how much', () => {
		const twoMisses = result('two', 'fail', {activeCpuMean: 10}, [
			criterion('active-cpu-mean', 'fail', 40, 35),
			criterion('latency-p95', 'fail', 2600, 2500, '<=', 'ms'),
		]);
		const bigMiss = result('big', 'fail', {activeCpuMean: 50}, [criterion('active-cpu-mean', 'fail', 70, 35)]);
		const smallMiss = result('small', 'fail', {activeCpuMean: 60}, [
			criterion('active-cpu-mean', 'pass', 30, 35),
			criterion('interactive-delay-p99', 'fail', 12, 10, '<=', 'ms'),
		]);
		const rec = recommend([twoMisses, bigMiss, smallMiss, result('broken', 'failed')]);
		expect(rec.kind).toBe('closest');
		if (rec.kind !== 'closest') return;
		expect(rec.id).toBe('small');
		expect(rec.misses).toEqual([
			{id: 'interactive-delay-p99', label: 'interactive-delay-p99', unit: 'ms', op: '<=', value: 12, threshold: 10, by: 2, relative: 0.2},
		]);
	});

	it('a >= criterion misses by threshold - value', () => {
		expect(missesOf(result('c', 'fail', {}, [criterion('correctness', 'fail', 0.6, 0.8, '>=', 'score')]))[0]).toMatchObject({
			by: expect.closeTo(0.2, 10),
			relative: expect.closeTo(0.25, 10),
		});
	});

	it('an inconclusive one with no failure is closest over a failing one, and says what it could not judge', () => {
		const rec = recommend([
			result('fails', 'fail', {activeCpuMean: 1}, [criterion('active-cpu-mean', 'fail', 40, 35)]),
			result('unsure', 'inconclusive', {activeCpuMean: 20}, [
				criterion('interactive-delay-p99', 'inconclusive', null, 10, '<=', 'ms', '40 of 100 canary wake-ups'),
			]),
		]);
		expect(rec).toMatchObject({kind: 'closest', id: 'unsure', misses: [], notJudged: [{id: 'interactive-delay-p99', reason: '40 of 100 canary wake-ups'}]});
	});

	it.each([
		['no configuration', [], 'the sweep ran no configuration'],
		['none ran to the end', [result('a', 'failed'), result('b', 'interrupted'), result('c', 'not-run')], 'no configuration ran to the end'],
	] as const)('nothing to recommend: %s', (_name, results, why) => {
		expect(recommend(results)).toEqual({kind: 'none', why});
	});

	it('byCost orders unknown figures last', () => {
		const sorted = [result('x', 'pass', {activeCpuMean: null}), result('y', 'pass', {activeCpuMean: 3})].sort(byCost).map((r) => r.id);
		expect(sorted).toEqual(['y', 'x']);
	});
});

describe('sweepExitCode', () => {
	it.each([
		['one passes', ['fail', 'pass', 'failed'], 0],
		['none passes, one fails', ['fail', 'inconclusive'], 1],
		['none passes, one could not run', ['failed', 'inconclusive'], 1],
		['none judged', ['inconclusive', 'inconclusive'], 3],
		['only interrupted or not run', ['interrupted', 'not-run'], 3],
		['empty', [], 3],
	] as const)('%s -> %i', (_name, statuses, code) => {
		expect(sweepExitCode(statuses.map((status, i) => result(String(i), status)))).toBe(code);
	});
});
