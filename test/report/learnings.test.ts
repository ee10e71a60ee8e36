import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {findingsOf, stageOf, type FindingId} from '../../src/report/findings.js';
import {learningsEntry} from '../../src/report/learnings.js';
import {appendLearnings} from '../../src/report/learnings-file.js';
import {rescoreReport} from '../../src/report/rescore-report.js';
import type {Report} from '../../src/report/types.js';
import {loadSuite} from '../../src/suite/index.js';
import type {Spike} from '../../src/run/types.js';
import {fixtureReport} from './fixture-report.js';

const goldenPath = (name: string): string => fileURLToPath(new URL(`../fixtures/learnings/${name}.md`, import.meta.url));
const MiB = 1024 ** 2;
const smoke = loadSuite(fileURLToPath(new URL('../fixtures/suites/smoke-v1.yaml', import.meta.url)));

/** A deep copy of base.json with `edit` applied. */
function edited(edit: (report: Report) => void, name = 'base'): Report {
	const report = structuredClone(fixtureReport(name));
	edit(report);
	return report;
}

function cpuSpike(t: number, value: number, promptId: string | null): Spike {
	return {metric: 'cpu', t, startT: t - 100, value, baseline: 20, durationMs: 100, samples: 1, phase: 'prompts', promptId};
}

function promptOf(report: Report, id: string) {
	const prompt = report.prompts.find((candidate) => candidate.id === id);
	if (!prompt || prompt.startMs === null || prompt.ttftMs === null) throw new Error(`no timed prompt ${id}`);
	return {...prompt, startMs: prompt.startMs, ttftMs: prompt.ttftMs};
}

/** A report where most rules hold: the edits are the conditions, each documented by its finding test below; criteria re-judged. */
function troubled(): Report {
	const report = edited((r) => {
		r.config.threads = 2;
		r.metrics.itl.p99 = (r.metrics.itl.p50 ?? 0) * 3.4;
		r.metrics.itl.p99OverP50 = 3.4;
		r.metrics.cpu.active.p99 = 62;
		r.metrics.cpu.active.max = 71;
		const json = promptOf(r, 'smoke-json');
		const capital = promptOf(r, 'smoke-capital');
		r.metrics.spikes.items = [
			cpuSpike(json.startMs + json.ttftMs - 0.5, 71, 'smoke-json'),
			cpuSpike(capital.startMs + capital.ttftMs + 3, 64, 'smoke-capital'),
			cpuSpike(3000, 80, null),
		];
		r.metrics.rss.peakBytes = (r.metrics.rss.afterLoadBytes ?? 0) + 40 * MiB;
		r.metrics.returnToIdleMs = 1500;
		r.metrics.ttft.coldMs = 300;
		r.metrics.ttft.warmMean = 50;
		if (r.metrics.canary?.phases.prompts) Object.assign(r.metrics.canary.phases.prompts, {p99: 14, max: 18});
	});
	const {rescored: _note, ...rejudged} = rescoreReport(report, smoke);
	return rejudged;
}

function ids(report: Report): FindingId[] {
	return findingsOf(report).map((finding) => finding.id);
}

function expectGolden(name: string, entry: string): void {
	const path = goldenPath(name);
	if (process.env['LLMTOP_UPDATE_GOLDEN'] || !existsSync(path)) writeFileSync(path, entry);
	expect(entry).toBe(readFileSync(path, 'utf8'));
}

describe('learningsEntry', () => {
	it('matches the golden entry of base.json (every criterion met, no finding)', () => {
		expectGolden('base', learningsEntry(fixtureReport('base'), {date: '2026-11-30'}));
	});

	it('matches the golden entry of regressed.json (criteria missed, CPU p99 finding)', () => {
		expectGolden('regressed', learningsEntry(fixtureReport('regressed'), {date: new Date('2026-11-30T12:00:00Z')}));
	});

	it('matches the golden entry of a run where most finding rules hold', () => {
		expectGolden('troubled', learningsEntry(troubled(), {date: '2026-11-30'}));
	});

	it('dates the entry by the run when no date is given', () => {
		expect(learningsEntry(fixtureReport('base')).split('\n')[0]).toBe('## 2026-11-27 · tiny fixture Q8_0 · smoke · PASS');
	});

	it('shows the interactive-delay-p99 criterion', () => {
		expect(learningsEntry(fixtureReport('base'))).toContain('- ✓ met: interactive-delay-p99 (interactive delay p99) 0.5 ms <= 10.0 ms');
	});

	it('keeps report text on one line', () => {
		const entry = learningsEntry(
			edited((r) => {
				r.model.name = 'evil\n## injected | cell';
			}),
		);
		expect(entry).not.toContain('\n## injected');
		expect(entry.split('\n')[0]).toContain('evil ## injected cell');
	});
});

describe('findings appear only when their condition holds', () => {
	it('base.json shows none', () => {
		expect(ids(fixtureReport('base'))).toEqual([]);
	});

	it.each<[FindingId, (r: Report) => void, (r: Report) => void]>([
		['interrupted', (r) => Object.assign(r, {complete: false, endReason: 'interrupted'}), (r) => Object.assign(r, {complete: true, endReason: 'done'})],
		[
			'thread-contention',
			(r) => Object.assign(r.config, {threads: 2}) && Object.assign(r.metrics.itl, {p99OverP50: 2}),
			(r) => Object.assign(r.config, {threads: 2}) && Object.assign(r.metrics.itl, {p99OverP50: 1.99}),
		],
		[
			'thread-contention',
			(r) => Object.assign(r.config, {threads: 3}) && Object.assign(r.metrics.itl, {p99OverP50: 5}),
			(r) => Object.assign(r.config, {threads: 1}) && Object.assign(r.metrics.itl, {p99OverP50: 5}),
		],
		['cpu-p99-over-limit', (r) => Object.assign(r.metrics.cpu.active, {p99: 50.1}), (r) => Object.assign(r.metrics.cpu.active, {p99: 50})],
		[
			'idle-cpu-observer',
			(r) => Object.assign(r.metrics.cpu.idle, {mean: 2.5, meanExcludingObserver: 0.4}),
			(r) => Object.assign(r.metrics.cpu.idle, {mean: 2.5, meanExcludingObserver: 2.1}),
		],
		[
			'interactive-delay-over-limit',
			(r) => Object.assign(r.metrics.canary?.phases.prompts ?? {}, {p99: 10.5}),
			(r) => Object.assign(r.metrics.canary?.phases.prompts ?? {}, {p99: 10}),
		],
		[
			'rss-growth',
			(r) => Object.assign(r.metrics.rss, {peakBytes: (r.metrics.rss.afterLoadBytes ?? 0) + 32 * MiB}),
			(r) => Object.assign(r.metrics.rss, {peakBytes: (r.metrics.rss.afterLoadBytes ?? 0) + 31 * MiB}),
		],
		[
			'rss-growth',
			(r) => Object.assign(r.metrics.rss, {afterLoadBytes: 400 * MiB, peakBytes: 440 * MiB}),
			(r) => Object.assign(r.metrics.rss, {afterLoadBytes: 400 * MiB, peakBytes: 439 * MiB}),
		],
		['slow-return-to-idle', (r) => Object.assign(r.metrics, {returnToIdleMs: 1000}), (r) => Object.assign(r.metrics, {returnToIdleMs: 999})],
		[
			'slow-return-to-idle',
			(r) => Object.assign(r.metrics, {returnToIdleMs: null}),
			(r) => Object.assign(r.metrics, {returnToIdleMs: null}) && Object.assign(r.phases, {'idle-after': {...r.phases['idle-after'], durationMs: 999}}),
		],
		['cold-ttft', (r) => Object.assign(r.metrics.ttft, {coldMs: 150, warmMean: 50}), (r) => Object.assign(r.metrics.ttft, {coldMs: 149, warmMean: 50})],
		['cold-ttft', (r) => Object.assign(r.metrics.ttft, {coldMs: 75, warmMean: 25}), (r) => Object.assign(r.metrics.ttft, {coldMs: 74, warmMean: 24.9})],
		[
			'load-workers-slowed',
			(r) => Object.assign(r.metrics, {loadWorkers: {idleOpsPerSec: 1000, activeOpsPerSec: 890, activeOverIdle: 0.89}}),
			(r) => Object.assign(r.metrics, {loadWorkers: {idleOpsPerSec: 1000, activeOpsPerSec: 900, activeOverIdle: 0.9}}),
		],
		[
			'correctness-synthetic',
			(r) => Object.assign(r.model, {synthetic: true}) && Object.assign(r.criteria.find((c) => c.id === 'correctness') ?? {}, {status: 'skip'}),
			(r) => Object.assign(r.model, {synthetic: true}),
		],
	])('%s', (id, holds, misses) => {
		expect(ids(edited(holds))).toEqual([id]);
		expect(ids(edited(misses))).toEqual([]);
	});

	it('a disabled criterion gives no finding', () => {
		const report = edited((r) => {
			r.metrics.cpu.active.p99 = 90;
			Object.assign(r.criteria.find((c) => c.id === 'active-cpu-p99') ?? {}, {enabled: false, status: 'skip'});
		});
		expect(ids(report)).toEqual([]);
	});

	it('names the prompts and phases of the CPU spikes above the limit, with the numbers', () => {
		const finding = findingsOf(troubled()).find((candidate) => candidate.id === 'cpu-p99-over-limit');
		expect(finding?.text).toBe(
			'Active CPU p99 62.0 % is over the 50.0 % limit; CPU spikes above the limit during the prefill of prompt smoke-json (peak 71.0 % at 2.4 s), the decode of prompt smoke-capital (peak 64.0 % at 2.3 s).',
		);
		expect(finding?.figures).toEqual({activeCpuP99: 62, threshold: 50, spikesAboveLimit: 2});
	});

	it("tells prefill from decode by the prompt's first token", () => {
		const prompt = {startMs: 1000, ttftMs: 200};
		expect(stageOf({t: 1100}, prompt)).toBe('prefill');
		expect(stageOf({t: 1200}, prompt)).toBe('prefill');
		expect(stageOf({t: 1201}, prompt)).toBe('decode');
		expect(stageOf({t: 1100}, {startMs: 1000, ttftMs: null})).toBe('prefill');
	});

	it('the troubled run shows its findings in rule order', () => {
		expect(ids(troubled())).toEqual([
			'thread-contention',
			'cpu-p99-over-limit',
			'interactive-delay-over-limit',
			'rss-growth',
			'slow-return-to-idle',
			'cold-ttft',
		]);
	});
});

describe('appendLearnings', () => {
	it('creates the log with a title, then appends entries separated by a blank line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'llmtop-learnings-'));
		const path = join(dir, 'log.md');
		const first = appendLearnings(fixtureReport('base'), path, {date: '2026-11-30'});
		const second = appendLearnings(fixtureReport('regressed'), path, {date: '2026-12-01'});
		expect(readFileSync(path, 'utf8')).toBe(`# llmtop experiment log\n\n${first}\n${second}`);
	});

	it('appends to an existing log that does not end with a newline', () => {
		const dir = mkdtempSync(join(tmpdir(), 'llmtop-learnings-'));
		const path = join(dir, 'log.md');
		writeFileSync(path, '# my log\n\nnotes');
		const entry = appendLearnings(fixtureReport('base'), path, {date: '2026-11-30'});
		expect(readFileSync(path, 'utf8')).toBe(`# my log\n\nnotes\n\n${entry}`);
	});
});
