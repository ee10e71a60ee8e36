import {describe, expect, it} from 'vitest';
import {loadImpact} from '../../src/report/load-impact.js';
import type {Report} from '../../src/report/types.js';
import {fixtureReport} from './fixture-report.js';

const base = fixtureReport('base');

/** base.json as if run with `--load 2`: workers at 80 % of their idle rate, the model slower by known factors. */
function loaded(): Report {
	const report = structuredClone(base);
	report.config['loadWorkers'] = 2;
	report.metrics.loadWorkers = {idleOpsPerSec: 1000, activeOpsPerSec: 800, activeOverIdle: 0.8};
	const m = report.metrics;
	m.decodeTokensPerSec.mean = 2000;
	m.prefillTokensPerSec.mean = (base.metrics.prefillTokensPerSec.mean ?? 0) / 2;
	m.ttft.p50 = (base.metrics.ttft.p50 ?? 0) * 1.5;
	m.itl.p50 = (base.metrics.itl.p50 ?? 0) * 1.25;
	m.itl.p99 = (base.metrics.itl.p99 ?? 0) * 2;
	return report;
}

describe('loadImpact', () => {
	it('how much the model slowed the workers', () => {
		const impact = loadImpact(loaded());
		expect(impact.workers).toMatchObject({workers: 2, idleOpsPerSec: 1000, activeOpsPerSec: 800, activeOverIdle: 0.8});
		expect(impact.workers?.slowdownPct).toBeCloseTo(20, 9);
		expect(impact.model).toBeNull();
		expect(impact.lines).toEqual(['load workers (2): 1000 ops/s while idle, 800 ops/s while prompts ran: the model slowed them by 20.0 %']);
	});

	it('how much the workers slowed the model, vs a baseline without load', () => {
		const impact = loadImpact(loaded(), base, {baselineName: 'base.json'});
		const byId = Object.fromEntries((impact.model ?? []).map((figure) => [figure.id, figure]));
		expect(byId['decodeTokensPerSec']).toMatchObject({baseline: base.metrics.decodeTokensPerSec.mean, loaded: 2000});
		expect(byId['prefillTokensPerSec']?.slowdown).toBeCloseTo(2, 12);
		expect(byId['prefillTokensPerSec']?.pct).toBeCloseTo(-50, 9);
		expect(byId['ttftP50']?.slowdown).toBeCloseTo(1.5, 12);
		expect(byId['itlP50']?.pct).toBeCloseTo(25, 9);
		expect(byId['itlP99']?.slowdown).toBeCloseTo(2, 12);
		expect(byId['latencyP50']).toMatchObject({pct: 0, slowdown: 1});
		expect(impact.notes).toEqual([]);
		expect(impact.lines).toContain("the workers' effect on the model (vs base.json, without load):");
		expect(impact.lines).toContain('  ITL p99: 0.6 ms → 1.2 ms (+100.0 %, 2.00x slower)');
		expect(impact.lines).toContain('  prefill tokens/s mean: 27292.8 tok/s → 13646.4 tok/s (-50.0 %, 2.00x slower)');
	});

	it('says when the comparison is not like for like', () => {
		const baseline = structuredClone(base);
		baseline.config.threads = 2;
		baseline.metrics.loadWorkers = {idleOpsPerSec: 10, activeOpsPerSec: 9, activeOverIdle: 0.9};
		const impact = loadImpact(loaded(), baseline);
		expect(impact.notes).toEqual([
			'the baseline ran with --load workers too: this is load against load, not against a quiet machine',
			'the baseline differs in threads (2 vs 1): not only the load changed',
		]);
	});

	it('a run without --load has no worker figures, and says so', () => {
		const impact = loadImpact(base, base);
		expect(impact.workers).toBeNull();
		expect(impact.notes).toEqual(['this run has no load-worker figures (it ran without --load, or the workers reported nothing)']);
		expect(impact.model?.every((figure) => figure.pct === 0)).toBe(true);
	});

	it('missing figures give null, not numbers', () => {
		const empty = structuredClone(base);
		empty.metrics.itl.p99 = null;
		const figure = loadImpact(empty, base).model?.find((candidate) => candidate.id === 'itlP99');
		expect(figure).toMatchObject({loaded: null, pct: null, slowdown: null});
	});
});
