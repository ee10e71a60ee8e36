import {describe, expect, it} from 'vitest';
import {compareReports} from '../../src/report/compare.js';
import {renderSectionsText} from '../../src/report/compare-text.js';
import {comparisonSections} from '../../src/report/compare-view.js';
import type {Comparison} from '../../src/report/compare-types.js';
import type {Report} from '../../src/report/types.js';
import {fixtureReport} from './fixture-report.js';

/** Issue 12: what `compare` must call a regression, and the headline it opens with. */

const base = fixtureReport('base');

function clone(report: Report): Report {
	return JSON.parse(JSON.stringify(report)) as Report;
}

function compare(...reports: Report[]): Comparison {
	return compareReports(reports.map((report, i) => ({name: `r${i}.json`, report})));
}

function kinds(comparison: Comparison): string[] {
	return comparison.regressions.map((regression) => `${regression.kind}:${regression.id}`);
}

describe('regressions that compare used to call "no regression"', () => {
	it.each(['error', 'aborted', 'not-run'] as const)('a prompt going ok -> %s', (status) => {
		const worse = clone(base);
		const prompt = worse.prompts[1]!;
		prompt.status = status;
		prompt.score = null;
		const comparison = compare(base, worse);
		expect(kinds(comparison)).toContain(`prompt-status:${prompt.id}`);
		expect(comparison.regressions.find((r) => r.kind === 'prompt-status')?.message).toBe(`prompt ${prompt.id} went ok → ${status}`);
	});

	it('a prompt going ok -> skipped is not a regression (the user skipped it)', () => {
		const skipped = clone(base);
		skipped.prompts[1]!.status = 'skipped';
		skipped.prompts[1]!.score = null;
		expect(kinds(compare(base, skipped)).filter((kind) => kind.startsWith('prompt-status'))).toEqual([]);
	});

	it.each(['fail', 'skip', 'pending'] as const)('a criterion going pass -> %s', (status) => {
		const worse = clone(base);
		const criterion = worse.criteria.find((c) => c.id === 'latency-ratio')!;
		criterion.status = status;
		criterion.value = status === 'fail' ? 2.5 : null;
		const comparison = compare(base, worse);
		expect(kinds(comparison)).toContain('criterion:latency-ratio');
		expect(comparison.criteria.find((c) => c.id === 'latency-ratio')?.regressed).toEqual([false, true]);
	});

	it('gaming: disabling a criterion that passed (pass -> skip by design) is still a regression', () => {
		const disabled = clone(base);
		Object.assign(
			disabled.criteria.find((c) => c.id === 'latency-ratio')!,
			{status: 'skip', skipClass: 'by-design', enabled: false, reason: 'disabled'},
		);
		expect(kinds(compare(base, disabled))).toContain('criterion:latency-ratio');
	});

	it.each(['fail', 'inconclusive', 'pending'] as const)('the verdict going pass -> %s', (verdict) => {
		const worse = clone(base);
		worse.verdict = verdict;
		const comparison = compare(base, worse);
		expect(base.verdict).toBe('pass');
		expect(kinds(comparison)).toContain('verdict:verdict');
	});

	it('a gated figure going from a value to none', () => {
		const worse = clone(base);
		worse.metrics.itl.p99OverP50 = null;
		const comparison = compare(base, worse);
		expect(kinds(comparison)).toContain('metric:itl.p99OverP50');
		expect(comparison.regressions.find((r) => r.id === 'itl.p99OverP50')?.message).toMatch(/ITL p99\/p50 went from 1\.80 to none/);
	});

	it('a figure no criterion gates going to none is not a regression', () => {
		const worse = clone(base);
		worse.metrics.ttft.warmMean = null;
		expect(kinds(compare(base, worse))).not.toContain('metric:ttft.warmMean');
	});

	it('the same report has no regression', () => {
		expect(compare(base, clone(base)).regressions).toEqual([]);
	});
});

describe('the headline', () => {
	it('opens the output, before the tables: criteria that flipped, then the biggest moves', () => {
		const worse = fixtureReport('regressed');
		const sections = comparisonSections(compare(base, worse));
		expect(sections[0]?.title).toBe('headline');
		const text = renderSectionsText(sections);
		const headline = text.slice(0, text.indexOf(''));
		expect(headline.join('\n')).toMatch(/criteria flipped: .*active-cpu-p99 pass → fail/);
		expect(headline.join('\n')).toMatch(/biggest moves:\n {2}- CPU active p99 27\.1 % → 62\.0 % .* worse/);
		expect(text.indexOf('headline')).toBeLessThan(text.findIndex((line) => line.startsWith('metrics')));
	});

	it('says when nothing flipped or moved', () => {
		const text = renderSectionsText(comparisonSections(compare(base, clone(base))));
		expect(text.slice(0, 4).join('\n')).toMatch(/no criterion flipped/);
	});
});
