import {describe, expect, it} from 'vitest';
import {buildReport} from '../../src/report/report.js';
import type {RunEvent} from '../../src/run/events.js';
import {selectMetrics} from '../../src/run/metrics.js';
import {aggregatePrompts, aggregateTrackedPrompts} from '../../src/run/prompt-aggregates.js';
import {selectPromptRows} from '../../src/run/selectors.js';
import {RunStore} from '../../src/run/store.js';
import {selectHeader} from '../../src/ui/select-view.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import {runStart, sample} from './fixtures/small-run.js';

const MB = 1_000_000;
const HOUR = 3_600_000;
const PROMPT_MS = 60_000;
const PROMPTS_START = 1000;
/** Memory leaks 12 MB an hour; prompt `b` holds 30 MB more than `a` while it runs (a longer context). */
const LEAK_MB_PER_HOUR = 12;

function rssMb(t: number, prompt: number): number {
	return 200 + (LEAK_MB_PER_HOUR * t) / HOUR + (prompt === 1 ? 30 : 0);
}

/**
 * A scripted soak of two prompts `a`, `b` of 60 s each, `passes` complete
 * passes (`config.repeat` = passes), samples every 10 s, one outlying
 * sample (+400 MB) in pass 2; `partial` adds a pass that only ran `a`
 * before the run was interrupted.
 */
function soakRun(passes: number, options: {partial?: boolean} = {}): RunEvent[] {
	const start = runStart(['a', 'b']);
	const events: RunEvent[] = [
		{...start, config: {...start.config, repeat: passes}},
		{type: 'phase', t: 0, name: 'load'},
		{
			type: 'model-loaded',
			t: 100,
			loadMs: 90,
			model: {
				ref: 'x.gguf',
				path: '/tmp/x.gguf',
				name: 'x',
				architecture: 'llama',
				quantization: 'Q8_0',
				sizeBytes: 50 * MB,
				parameterCount: 1,
				synthetic: false,
			},
		},
		{type: 'phase', t: 100, name: 'idle-before'},
		{type: 'phase', t: PROMPTS_START, name: 'prompts'},
	];
	const run = (pass: number, prompt: number): void => {
		const index = (pass - 1) * 2 + prompt;
		const t0 = PROMPTS_START + index * PROMPT_MS;
		const promptId = prompt === 0 ? 'a' : 'b';
		events.push({type: 'prompt-start', t: t0, promptId, index, total: passes * 2, promptTokens: 10, pass});
		events.push({type: 'token', t: t0 + 100, promptId, index: 0, text: 'x'}, {type: 'token', t: t0 + 200, promptId, index: 1, text: 'y'});
		for (let k = 0; k < 6; k++) {
			const t = t0 + 5000 + k * 10_000;
			const outlier = pass === 2 && prompt === 0 && k === 2 ? 400 : 0;
			events.push(sample(t, 'prompts', 50, rssMb(t, prompt) + outlier, {intervalMs: 10_000}));
		}
		events.push({type: 'prompt-end', t: t0 + 59_000, promptId, status: 'ok', response: 'xy', outputTokens: 2, score: pass === 1 ? 1 : 0.5});
	};
	for (let pass = 1; pass <= passes; pass++) for (const prompt of [0, 1]) run(pass, prompt);
	if (options.partial) {
		run(passes + 1, 0);
		events.push({
			type: 'run-end',
			t: PROMPTS_START + (passes * 2 + 1) * PROMPT_MS,
			complete: false,
			reason: 'interrupted',
			finishedAt: '2025-01-01T01:00:00.000Z',
		});
		return events;
	}
	const end = PROMPTS_START + passes * 2 * PROMPT_MS;
	events.push({type: 'phase', t: end, name: 'idle-after'}, {type: 'phase', t: end + 1000, name: 'done'});
	events.push({type: 'run-end', t: end + 1000, complete: true, reason: 'done', finishedAt: '2025-01-01T01:00:00.000Z'});
	return events;
}

function storeOf(events: RunEvent[]): RunStore {
	const store = new RunStore();
	store.applyAll(events);
	return store;
}

describe('a soak in the store (scripted events)', () => {
	it('growth per hour is the leak: per-pass medians cancel the prompt mix, Theil-Sen ignores the outlier', () => {
		const metrics = selectMetrics(storeOf(soakRun(5)));
		expect(metrics.passes).toEqual({started: 5, complete: 5});
		expect(metrics.rss.growthPasses).toBe(5);
		expect(metrics.rss.growthSpanMs).toBe(4 * 2 * PROMPT_MS);
		expect(metrics.rss.growthBytesPerHour! / MB).toBeCloseTo(LEAK_MB_PER_HOUR, 6);
	});

	it('a pass cut short gives no point (its prompt mix differs)', () => {
		const metrics = selectMetrics(storeOf(soakRun(5, {partial: true})));
		expect(metrics.passes).toEqual({started: 6, complete: 5});
		expect(metrics.rss.growthPasses).toBe(5);
		expect(metrics.rss.growthBytesPerHour! / MB).toBeCloseTo(LEAK_MB_PER_HOUR, 6);
	});

	it('is null under the minimum span (two passes of 2 minutes each), with what it had', () => {
		const rss = selectMetrics(storeOf(soakRun(2))).rss;
		expect(rss).toMatchObject({growthBytesPerHour: null, growthPasses: 2, growthSpanMs: 2 * PROMPT_MS});
	});

	it('grows as the run goes: null after one pass, a figure once the span is long enough', () => {
		const events = soakRun(5);
		const store = new RunStore();
		const seen: (number | null)[] = [];
		for (const event of events) {
			store.apply(event);
			if (event.type === 'prompt-end' && event.promptId === 'b') seen.push(store.passes.growth().bytesPerHour);
		}
		expect(seen.slice(0, 3)).toEqual([null, null, null]);
		expect(seen[3]! / MB).toBeCloseTo(LEAK_MB_PER_HOUR, 6);
	});

	it('the report: ids stay the suite’s, each prompt has its pass, correctness is the mean over every pass', () => {
		const report = buildReport(storeOf(soakRun(3)));
		expect(report.prompts.map((prompt) => [prompt.id, prompt.pass, prompt.index])).toEqual([
			['a', 1, 0],
			['b', 1, 1],
			['a', 2, 2],
			['b', 2, 3],
			['a', 3, 4],
			['b', 3, 5],
		]);
		expect(report.metrics.correctness).toEqual({mean: (2 * 1 + 4 * 0.5) / 6, min: 0.5, scored: 6});
		expect(report.metrics.latency.count).toBe(6);
		expect(report.config.repeat).toBe(3);
	});

	it('the header shows the pass, then the growth once known', () => {
		const events = soakRun(5);
		const store = new RunStore();
		const cut = events.findIndex((event) => event.type === 'prompt-start' && event.pass === 2);
		store.applyAll(events.slice(0, cut + 1));
		expect(selectHeader(store, 'run').soak).toBe('pass 2/5');
		store.applyAll(events.slice(cut + 1));
		expect(selectHeader(store, 'run').soak).toBe('pass 5/5 · RSS +11.4 MiB/h');
	});

	it('a run that is not a soak: one pass, no pass on its prompts, no growth', () => {
		const events = soakRun(1).map((event) => {
			if (event.type === 'run-start') return {...event, config: {...event.config, repeat: undefined}};
			if (event.type === 'prompt-start') return {...event, pass: undefined};
			return event;
		}) as RunEvent[];
		const report = buildReport(storeOf(JSON.parse(JSON.stringify(events)) as RunEvent[]));
		expect(report.prompts.every((prompt) => !('pass' in prompt))).toBe(true);
		expect(report.metrics.passes).toEqual({started: 1, complete: 1});
		expect(report.metrics.rss.growthBytesPerHour).toBeNull();
		expect(selectHeader(storeOf(events), 'run').soak).toBeNull();
	});

	it('replay = live: the same events rebuild the same report', () => {
		const events = soakRun(4, {partial: true});
		expect(reportFromEvents(JSON.parse(JSON.stringify(events)) as RunEvent[])).toEqual(buildReport(storeOf(events)));
	});
});

describe('a soak rendered often (memoised prompt figures)', () => {
	it('after every event, the memoised aggregates, rows and metrics equal a fresh store’s', () => {
		const events = soakRun(3, {partial: true});
		const store = new RunStore();
		events.forEach((event, i) => {
			store.apply(event);
			const options = {mode: 'run' as const, interrupted: store.runEnd?.complete === false};
			expect(aggregateTrackedPrompts(store.prompts, options)).toEqual(aggregatePrompts(store.prompts.records, options));
			const fresh = storeOf(events.slice(0, i + 1));
			expect(selectPromptRows(store)).toEqual(selectPromptRows(fresh));
			expect(selectMetrics(store)).toEqual(selectMetrics(fresh));
		});
	});

	it('a token reuses the aggregates and the ended rows; a prompt ending recomputes them', () => {
		const events = soakRun(2);
		const store = new RunStore();
		const firstToken = events.findIndex((event) => event.type === 'token' && event.t > PROMPTS_START + 2 * PROMPT_MS);
		store.applyAll(events.slice(0, firstToken));
		const before = aggregateTrackedPrompts(store.prompts);
		const rowsBefore = selectPromptRows(store);
		store.apply(events[firstToken]!);
		expect(aggregateTrackedPrompts(store.prompts)).toBe(before);
		const rowsAfter = selectPromptRows(store);
		expect(rowsAfter[0]).toBe(rowsBefore[0]);
		expect(rowsAfter[2]).not.toBe(rowsBefore[2]);
		expect(rowsAfter[2]!.outputTokens).toBe(1);
		const end = events.findIndex((event, i) => i > firstToken && event.type === 'prompt-end');
		store.applyAll(events.slice(firstToken + 1, end + 1));
		const after = aggregateTrackedPrompts(store.prompts);
		expect(after).not.toBe(before);
		expect(after.latency.count).toBe(before.latency.count + 1);
	});
});
