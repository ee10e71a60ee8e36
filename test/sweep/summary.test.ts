import {describe, expect, it} from 'vitest';
import {criteriaOfReport, figuresOfReport, isSkipByDesign, notJudged, statusOfReport} from '../../src/sweep/judge.js';
import {summarise, summaryMarkdown} from '../../src/sweep/summary.js';
import {fixtureReport} from '../report/fixture-report.js';
import {criterion, result} from './fixtures.js';

describe('judging a configuration from its report', () => {
	it.each([
		[{complete: true, verdict: 'pass'}, 'pass'],
		[{complete: true, verdict: 'fail'}, 'fail'],
		[{complete: true, verdict: 'pending'}, 'inconclusive'],
		[{complete: true, verdict: 'inconclusive'}, 'inconclusive'],
		[{complete: false, verdict: 'pass'}, 'interrupted'],
	] as const)('%j -> %s', (report, status) => {
		expect(statusOfReport(report as never)).toBe(status);
	});

	it('takes the ranked figures and criteria from the report', () => {
		const report = fixtureReport('base');
		const f = figuresOfReport({
			...report,
			decodeCeiling: {bandwidthBytesPerSec: 1e10, weightBytes: 1e8, ceilingTokensPerSec: 100, decodeTokensPerSec: 20, fraction: 0.2},
		});
		expect(f.activeCpuMean).toBe(report.metrics.cpu.active.mean);
		expect(f.rssPeakBytes).toBe(report.metrics.rss.peakBytes);
		expect(f.e2eP95Ms).toBe(report.metrics.latency.p95);
		expect(f.decodeCeilingFraction).toBe(0.2);
		expect(figuresOfReport(report).decodeCeilingFraction).toBeNull();
		expect(criteriaOfReport(report).map((c) => c.id)).toEqual(report.criteria.map((c) => c.id));
	});

	it('names the criteria it could not judge, but not skips by design', () => {
		const criteria = [
			criterion('active-cpu-mean', 'pass', 1, 35),
			criterion('correctness', 'skip', null, 0.8, '>=', 'score', 'synthetic model (random weights): its answers are gibberish'),
			criterion('active-cpu-p99', 'skip', null, 50, '<=', '%', 'disabled'),
			criterion('idle-cpu', 'skip', null, 2, '<=', '%', 'no idle samples (the idle phases had no samples)'),
			criterion('interactive-delay-p99', 'pending', 4, 10, '<=', 'ms', '40 of 100 canary wake-ups while prompts run'),
		];
		expect(criteria.filter(isSkipByDesign).map((c) => c.id)).toEqual(['correctness', 'active-cpu-p99']);
		expect(isSkipByDesign({status: 'skip', reason: '--no-canary: no canary', skipClass: 'by-design'})).toBe(true);
		expect(isSkipByDesign({status: 'skip', reason: 'disabled-looking words', skipClass: 'lack-of-data'})).toBe(false);
		expect(notJudged(criteria)).toEqual([
			{id: 'idle-cpu', reason: 'no idle samples (the idle phases had no samples)'},
			{id: 'interactive-delay-p99', reason: '40 of 100 canary wake-ups while prompts run'},
		]);
	});
});

describe('sweep.md', () => {
	const configurations = [
		result('cheap', 'pass', {activeCpuMean: 10, e2eP95Ms: 900, decodeTokensPerSec: 20, decodeCeilingFraction: 0.25, ceilingTokensPerSec: 80}, [
			criterion('active-cpu-mean', 'pass', 10, 35),
		]),
		result('fast', 'fail', {activeCpuMean: 60, e2eP95Ms: 300}, [criterion('active-cpu-mean', 'fail', 60, 35)]),
		{...result('broken', 'failed'), error: 'cannot load the model: not a GGUF file'},
	];
	const summary = summarise({startedAt: 's', finishedAt: 'f', complete: true, shared: ['--suite', 'smoke'], bandwidth: null, configurations});

	it('has the table, the marks, the recommendation and the Pareto front', () => {
		const md = summaryMarkdown(summary);
		expect(summary.exitCode).toBe(0);
		expect(summary.pareto).toEqual(['cheap', 'fast']);
		expect(md).toContain('| configuration | status | active CPU mean | decode tok/s | % of ceiling | machine |');
		expect(md).toContain('| cheap ★ ◆ | pass | 10.0 % ✓ | 20.0 | 25.0 % of 80 | — |');
		expect(md).toContain('| fast ◆ | fail | 60.0 % ✗ |');
		expect(md).toContain('| broken | failed (cannot load the model: not a GGUF file) |');
		expect(md).toContain('Recommended: **cheap** (cheap)');
		expect(md).toContain('Memory read bandwidth: not measured');
	});

	it('says by how much the closest misses when none passes, and what was not judged', () => {
		const none = summarise({
			startedAt: 's',
			finishedAt: null,
			complete: false,
			shared: [],
			bandwidth: null,
			configurations: [
				result('a', 'fail', {activeCpuMean: 40}, [
					criterion('active-cpu-mean', 'fail', 40, 35),
					criterion('interactive-delay-p99', 'pending', null, 10, '<=', 'ms', '3 of 100 canary wake-ups'),
				]),
			],
		});
		const md = summaryMarkdown(none);
		expect(none.exitCode).toBe(1);
		expect(md).toContain('(interrupted: partial)');
		expect(md).toContain('Closest: **a** (a)');
		expect(md).toContain('- active-cpu-mean: 40.0 %, must be <= 35.0 %: misses by 5.0 % (14 %)');
		expect(md).toContain('- interactive-delay-p99: not judged (3 of 100 canary wake-ups)');
		expect(md).toContain('## Criteria that could not be judged');
	});
});
