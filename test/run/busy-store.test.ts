/**
 * The busy-machine judgement from events to every reader: the store's
 * criteria, the report (warning, `busyMachine`, verdict), the headless
 * summary, a rescored report, and compare's notes.
 */
import {describe, expect, it} from 'vitest';
import {HeadlessPrinter} from '../../src/cli/headless.js';
import {compareReports} from '../../src/report/compare.js';
import {renderSectionsText} from '../../src/report/compare-text.js';
import {comparisonSections} from '../../src/report/compare-view.js';
import {buildReport} from '../../src/report/report.js';
import {rescoreReport} from '../../src/report/rescore-report.js';
import {parseSuite} from '../../src/suite/index.js';
import {selectBusyMachine, selectCriteria} from '../../src/run/selectors.js';
import {RunStore} from '../../src/run/store.js';
import type {RunEvent} from '../../src/run/events.js';
import {assessBusy} from '../../src/run/busy-machine.js';
import {OthersCpuTally} from '../../src/run/others-cpu-tally.js';
import {busyRun} from './fixtures/busy-run.js';

function storeOf(events: RunEvent[]): RunStore {
	const store = new RunStore();
	store.applyAll(events);
	return store;
}

const statusOf = (store: RunStore, id: string) => selectCriteria(store).results.find((result) => result.id === id);

describe('busy machine: store and report', () => {
	it('a quiet run: judged as usual, no warning', () => {
		const store = storeOf(busyRun(2));
		expect(selectBusyMachine(store).run).toMatchObject({busy: false});
		const report = buildReport(store);
		expect(report.busyMachine?.busy).toBe(false);
		expect(report.warnings.map((warning) => warning.code)).not.toContain('busy-machine');
		expect(report.criteria.find((c) => c.id === 'active-cpu-mean')?.status).toBe('pass');
	});

	it('other processes at 60 %: the CPU and timing criteria are not judged, the verdict is inconclusive, the report says why with figures', () => {
		const store = storeOf(busyRun(60));
		const report = buildReport(store);
		expect(report.busyMachine).toMatchObject({busy: true, overShare: 1, figures: {window: 'prompts', othersMeanPct: 60, othersP90Pct: 60, pressurePct: 80}});
		const warning = report.warnings.find((w) => w.code === 'busy-machine');
		expect(warning?.message).toBe(
			'busy machine: other processes used over 10 % of the machine for 100 % of the prompts phase (mean 60 %, p90 60 %); CPU pressure 80 %: ' +
				'CPU, latency and interactive-delay figures are unreliable, so their criteria were not judged unless they failed by far (--allow-busy judges them)',
		);
		for (const id of ['active-cpu-mean', 'active-cpu-p99', 'latency-p95', 'latency-ratio']) {
			expect(report.criteria.find((c) => c.id === id)).toMatchObject({
				status: 'skip',
				skipClass: 'lack-of-data',
				reason: expect.stringMatching(/^busy machine/),
			});
		}
		expect(report.criteria.find((c) => c.id === 'idle-cpu')?.status).toBe('pass');
		expect(report.criteria.find((c) => c.id === 'rss-peak')?.status).toBe('pass');
		expect(report.verdict).toBe('inconclusive');
	});

	it('while the run goes on: pending, and the live window says busy', () => {
		const store = storeOf(busyRun(60, {end: false}));
		expect(statusOf(store, 'active-cpu-mean')).toMatchObject({status: 'pending', reason: expect.stringMatching(/^busy machine/)});
		const recent = selectBusyMachine(store).recent;
		expect(recent).toMatchObject({busy: true, figures: {window: 'recent'}});
		expect(recent?.figures.coveredMs).toBeGreaterThan(4000);
		expect(recent?.figures.coveredMs).toBeLessThanOrEqual(5000);
		expect(selectCriteria(store).verdict).toBe('pending');
	});

	it('a criterion that fails by far still fails on a busy machine', () => {
		const events = busyRun(60);
		const start = events[0] as Extract<RunEvent, {type: 'run-start'}>;
		start.criteria = start.criteria.map((c) => (c.id === 'active-cpu-mean' ? {...c, threshold: 10} : c));
		const report = buildReport(storeOf(events));
		expect(report.criteria.find((c) => c.id === 'active-cpu-mean')).toMatchObject({status: 'fail', reason: expect.stringContaining('on a busy machine')});
		expect(report.verdict).toBe('fail');
	});

	it('--allow-busy: judged, the warning still there and says so', () => {
		const report = buildReport(storeOf(busyRun(60, {allowBusy: true})));
		expect(report.criteria.find((c) => c.id === 'active-cpu-mean')?.status).toBe('pass');
		expect(report.warnings.find((w) => w.code === 'busy-machine')?.message).toMatch(/judged anyway \(--allow-busy\)$/);
	});

	it('an endpoint without a server PID: other load cannot be told apart, so nothing is judged busy', () => {
		const events = busyRun(60);
		(events[0] as Extract<RunEvent, {type: 'run-start'}>).target = {kind: 'endpoint', url: 'http://127.0.0.1:1/v1'};
		expect(buildReport(storeOf(events)).busyMachine).toBeNull();
	});

	it('rescoring a report keeps the busy-machine judgement', () => {
		const report = buildReport(storeOf(busyRun(60)));
		const rescored = rescoreReport(
			report,
			parseSuite('name: test\nprompts:\n  - id: a\n    prompt: say hi\n    checks:\n      - icontains: hi\n', 'test.yaml'),
		);
		expect(rescored.criteria.find((c) => c.id === 'active-cpu-mean')?.status).toBe('skip');
	});

	it('the headless summary: the other load line, and the warning', () => {
		const store = storeOf(busyRun(60));
		const lines: string[] = [];
		new HeadlessPrinter(store, {line: (text) => lines.push(text)}).summary();
		expect(lines).toContain(
			'  other load    other processes used over 10 % of the machine for 100 % of the prompts phase (mean 60 %, p90 60 %); CPU pressure 80 %: busy',
		);
		expect(lines.some((line) => line.startsWith('warning: busy machine: other processes used over 10 %'))).toBe(true);
		expect(lines.at(-1)).toBe('verdict: INCONCLUSIVE');
	});

	it('headless live: one warning line once over a quarter of the last seconds (idle samples included) was busy', () => {
		const store = new RunStore();
		const lines: string[] = [];
		const printer = new HeadlessPrinter(store, {line: (text) => lines.push(text)});
		for (const event of busyRun(60)) {
			store.apply(event);
			printer.onEvent(event);
		}
		expect(lines.filter((line) => line.startsWith('warning: busy machine'))).toEqual([
			// Judged over 1 s windows (BUSY_WINDOW_MS): the first window over the line comes with the first busy second.
			'warning: busy machine: other processes used over 10 % of the machine for 29 % of the last 1 s (mean 13 %, p90 41 %); CPU pressure 80 %; figures are unreliable while it lasts',
		]);
	});

	it('compare: a busy run makes the comparison of cost figures unreliable, with the evidence', () => {
		const quiet = buildReport(storeOf(busyRun(2)));
		const busy = buildReport(storeOf(busyRun(60)));
		const comparison = compareReports([
			{name: 'quiet.json', report: quiet},
			{name: 'busy.json', report: busy},
		]);
		expect(comparison.notes[0]).toBe(
			'busy.json ran on a busy machine (other processes used over 10 % of the machine for 100 % of the prompts phase (mean 60 %, p90 60 %); CPU pressure 80 %): the comparison of CPU, latency and interactive-delay figures is unreliable',
		);
		expect(renderSectionsText(comparisonSections(comparison)).join('\n')).toContain('note: busy.json ran on a busy machine');
		const both = compareReports([
			{name: 'quiet.json', report: quiet},
			{name: 'quiet2.json', report: quiet},
		]);
		expect(both.notes.join('\n')).not.toContain('busy machine');
	});
});

describe('busy machine: judged over 1 s windows, not per sample', () => {
	/** Samples of a prompts phase whose other-process CPU alternates per 100 ms sample, as sampling skew makes it on a quiet machine. */
	function tally(values: readonly number[]): ReturnType<OthersCpuTally['prompts']> {
		const others = new OthersCpuTally();
		values.forEach((pct, i) => {
			others.add({t: (i + 1) * 100, phase: 'prompts', systemCpuPct: 50 + pct, cpuPct: 50}, 100, true, {logicalCores: 2});
		});
		return others.prompts();
	}

	it('a quiet machine read with per-sample skew (2 % and 16 % alternating: half the samples over 10 %) is not busy', () => {
		const figures = tally(Array.from({length: 40}, (_, i) => (i % 2 === 0 ? 2 : 16)));
		expect(figures.overMs).toBe(0);
		expect(assessBusy(figures)?.busy).toBe(false);
	});

	it('other processes steadily over the line are busy', () => {
		const figures = tally(Array.from({length: 40}, () => 30));
		expect(figures.overMs).toBe(4000);
		expect(assessBusy(figures)).toMatchObject({busy: true, overShare: 1});
	});
});
