import {describe, expect, it} from 'vitest';
import {compareReports} from '../../src/report/compare.js';
import {renderSectionsText} from '../../src/report/compare-text.js';
import {comparisonSections} from '../../src/report/compare-view.js';
import type {Comparison} from '../../src/report/compare-types.js';
import type {Report} from '../../src/report/types.js';
import {fixtureReport} from './fixture-report.js';

/** Issue 15, item 9: compare fits 80 columns; llmtop's own CPU and the machine's CPU are context, not regressions. */

const base = fixtureReport('base');

function clone(report: Report): Report {
	return JSON.parse(JSON.stringify(report)) as Report;
}

function compare(...reports: Report[]): Comparison {
	return compareReports(reports.map((report, i) => ({name: `test/fixtures/reports/r${i}.json`, report})));
}

/** A busy neighbour and a busier llmtop: the whole machine's CPU and llmtop's own CPU triple, the model's figures do not move. */
function busyMachine(): Report {
	const busy = clone(base);
	busy.metrics.systemCpu.idle.mean = 95;
	busy.metrics.systemCpu.active.mean = 99.9;
	busy.metrics.observerCpu.active.mean = 12;
	if (busy.metrics.canary) busy.metrics.canary.cpuPctOfCoreMean = 9;
	return busy;
}

describe('compare: context figures', () => {
	it('llmtop CPU and system CPU rising are shown with their change but are no regression (exit 0)', () => {
		const comparison = compare(base, busyMachine());
		expect(comparison.regressions).toEqual([]);
		for (const id of ['systemCpu.idle.mean', 'systemCpu.active.mean', 'observerCpu.active.mean', 'canary.cpuPctOfCoreMean']) {
			const metric = comparison.metrics.find((candidate) => candidate.id === id);
			expect(metric?.context, id).toBe(true);
			expect(metric?.changes[1]?.judgement, id).toBe('worse');
		}
		expect(comparison.headline[0]?.moves).toEqual([]);
		const text = renderSectionsText(comparisonSections(comparison));
		const line = text.find((candidate) => candidate.startsWith('  system CPU active mean'));
		expect(line).toMatch(/94\.4 % +99\.9 % +\+5\.\d pt +\+5\.\d %$/);
		expect(text.find((candidate) => candidate.startsWith('  llmtop CPU active mean'))).not.toContain('✗');
		expect(text).toContain('no regression beyond the 5 % tolerance');
	});

	it("the model's own CPU rising still is a regression", () => {
		const worse = clone(base);
		worse.metrics.cpu.active.mean = 33;
		expect(compare(base, worse).regressions.map((regression) => regression.id)).toEqual(['cpu.active.mean']);
	});

	it("every metric but llmtop's own and the whole machine's is judged", () => {
		const context = compare(base, base)
			.metrics.filter((metric) => metric.context)
			.map((metric) => metric.id);
		expect(context).toEqual(['systemCpu.idle.mean', 'systemCpu.active.mean', 'observerCpu.active.mean', 'canary.cpuPctOfCoreMean']);
	});
});

describe('compare: 80 columns', () => {
	it.each(['regressed', 'improved', 'other-suite'])('base vs %s: every line but the prose notes fits 80 columns', (other) => {
		const text = renderSectionsText(comparisonSections(compare(base, fixtureReport(other))));
		const wide = text.filter((line) => !line.startsWith('note: ') && [...line].length > 80);
		expect(wide).toEqual([]);
	});

	it('the busy-machine comparison fits too', () => {
		const wide = renderSectionsText(comparisonSections(compare(base, busyMachine()))).filter((line) => [...line].length > 80);
		expect(wide).toEqual([]);
	});
});
