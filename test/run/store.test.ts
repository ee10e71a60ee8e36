import {describe, expect, it} from 'vitest';
import type {RunEvent} from '../../src/run/events.js';
import {selectMetrics} from '../../src/run/metrics.js';
import {chartLimit} from '../../src/run/chart-limit.js';
import {runProgress, selectCriteria, selectPhases, selectPrompt, selectPromptRows} from '../../src/run/selectors.js';
import {RunStore} from '../../src/run/store.js';
import {selectPoints, selectSpikeTimes, selectStats} from '../../src/ui/select-chart.js';
import {runStart, sample, smallRun, smallRunHead} from './fixtures/small-run.js';

/** The spike counter and the latest spikes, newest first. */
function spikesOf(store: RunStore, latest = 10) {
	return {count: store.spikes.total, byMetric: {...store.spikeCounts}, latest: store.spikes.latest(latest)};
}

const MB = 1_000_000;

function storeOf(events: RunEvent[]): RunStore {
	const store = new RunStore();
	store.applyAll(events);
	return store;
}

describe('reducer on a scripted small run (figures by hand)', () => {
	const store = storeOf(smallRun());

	it('per-prompt TTFT, E2E, TPOT, rates and ITL', () => {
		const rows = selectPromptRows(store);
		expect(rows.map((row) => [row.id, row.state])).toEqual([
			['a', 'ok'],
			['b', 'ok'],
			['c', 'skipped'],
		]);
		const [a, b, c] = rows;
		expect(a).toMatchObject({
			index: 0,
			promptTokens: 20,
			outputTokens: 5,
			ttftMs: 100,
			cold: true,
			e2eMs: 140,
			tpotMs: 10,
			decodeTokensPerSec: 100,
			prefillTokensPerSec: 200,
			itl: {p50: 10, p95: 10, p99: 10, max: 10},
			score: 1,
			response: 'hello',
		});
		expect(b).toMatchObject({ttftMs: 50, cold: false, e2eMs: 90, tpotMs: 20, decodeTokensPerSec: 50, prefillTokensPerSec: 200, score: 0.5});
		expect(b?.itl).toEqual({p50: 20, p95: 20, p99: 20, max: 20});
		expect(c).toMatchObject({state: 'skipped', ttftMs: 50, e2eMs: 55, reason: 'skipped by the user'});
	});

	it('latency, TTFT, ITL and correctness leave the skipped prompt out', () => {
		const metrics = selectMetrics(store);
		expect(metrics.latency).toMatchObject({count: 2, mean: 115, p50: 115, p95: 137.5, max: 140});
		expect(metrics.latency.p99OverP50).toBeCloseTo(139.5 / 115, 12);
		expect(metrics.ttft).toMatchObject({count: 2, coldMs: 100, warmMean: 50});
		expect(metrics.itl).toEqual({count: 6, mean: 80 / 6, p50: 10, p95: 20, p99: 20, max: 20, p99OverP50: 2});
		expect(metrics.decodeTokensPerSec).toMatchObject({count: 2, mean: 75, min: 50, max: 100});
		expect(metrics.correctness).toEqual({mean: 0.75, min: 0.5, scored: 2});
	});

	it("idle and active CPU (paused samples are not active; means weighted by each sample's interval)", () => {
		const {cpu, systemCpu, observerCpu} = selectMetrics(store);
		expect(cpu.idle.samples).toBe(15);
		// idle-before: 0.5 over 250 ms (since the load sample at 50), then 9 x 100 ms summing to 9; idle-after: 5 x 100 ms summing to 26.5.
		expect(cpu.idle.mean).toBeCloseTo((0.5 * 250 + 9 * 100 + 26.5 * 100) / 1650, 12);
		expect(cpu.idle.max).toBe(20);
		expect(cpu.idle.p99).toBeCloseTo(3 + 0.86 * 17, 12);
		expect(cpu.idle.meanExcludingObserver).toBeCloseTo((0.3 * 250 + (9 - 9 * 0.2) * 100) / 1150, 12);
		expect(cpu.active.samples).toBe(3);
		expect(cpu.active.mean).toBeCloseTo((50 * 141 + 50 * 100 + 60 * 100) / 341, 12);
		expect(cpu.active.p50).toBe(50);
		expect(cpu.active.p95).toBeCloseTo(59, 12);
		expect(cpu.active.p99).toBeCloseTo(59.8, 12);
		expect(cpu.active.max).toBe(60);
		expect(systemCpu.active.mean).toBeCloseTo((55 * 141 + 55 * 100 + 65 * 100) / 341, 12);
		expect(observerCpu.idle).toEqual({samples: 10, mean: expect.closeTo(0.2, 12), p99: 0.2, max: 0.2});
		expect(observerCpu.active.samples).toBe(0);
	});

	it('RSS peak, mean and rise at load', () => {
		const {rss} = selectMetrics(store);
		expect(rss.peakBytes).toBe(170 * MB);
		expect(rss.meanBytes).toBeCloseTo((3265 * MB) / 21, 3);
		expect(rss).toMatchObject({beforeLoadBytes: 100 * MB, afterLoadBytes: 150 * MB, riseAtLoadBytes: 50 * MB});
	});

	it('phases with paused time, and return to idle', () => {
		expect(selectPhases(store)).toEqual({
			load: {startMs: 0, endMs: 200, durationMs: 200, pausedMs: 0, activeMs: 200},
			'idle-before': {startMs: 200, endMs: 1200, durationMs: 1000, pausedMs: 0, activeMs: 1000},
			prompts: {startMs: 1200, endMs: 1750, durationMs: 550, pausedMs: 200, activeMs: 350},
			'idle-after': {startMs: 1750, endMs: 2300, durationMs: 550, pausedMs: 0, activeMs: 550},
		});
		expect(selectMetrics(store).returnToIdleMs).toBe(2041 - 1705);
	});

	it('criteria and verdict (3 active samples and 6 gaps are too few to judge; the ratio is still reported)', () => {
		const {results, verdict, progress} = selectCriteria(store);
		expect(progress).toBe('complete');
		expect(Object.fromEntries(results.map((result) => [result.id, result.status]))).toEqual({
			'idle-cpu': 'fail',
			'active-cpu-mean': 'skip',
			'active-cpu-p99': 'skip',
			'rss-peak': 'pass',
			'latency-p95': 'pass',
			'latency-ratio': 'skip',
			correctness: 'fail',
			'interactive-delay-p99': 'skip',
			'prompt-errors': 'pass',
		});
		expect(results.find((result) => result.id === 'latency-ratio')?.value).toBe(2);
		expect(verdict).toBe('fail');
	});

	it('CPU spikes: each short burst above the idle baseline, attributed', () => {
		const spikes = spikesOf(store, 5);
		expect(spikes.count).toBe(2);
		expect(spikes.byMetric).toEqual({cpu: 2, itl: 0});
		const oldest = spikes.latest[1];
		expect(oldest).toMatchObject({metric: 'cpu', t: 1341, startT: 1200, value: 50, baseline: 1, durationMs: 241, phase: 'prompts', promptId: 'a'});
	});

	it('header, charts, warnings', () => {
		expect(store.runStart).toMatchObject({mode: 'run', config: {threads: 1, contextSize: 512, batchSize: 128, gpuLayers: 0}});
		expect(store.model).toMatchObject({name: 'tiny', quantization: 'Q8_0', synthetic: false});
		expect(store.clock.current).toBe('done');
		expect(runProgress(store)).toBe('complete');
		expect({k: store.prompts.started, n: store.prompts.planned, runningId: store.prompts.running?.id ?? null}).toEqual({k: 3, n: 3, runningId: null});
		expect(store.now).toBe(2300);
		expect(store.clock.pausedMs(store.now)).toBe(200);
		expect(store.loaded?.loadMs).toBe(180);
		const cpu = selectPoints(store, 'cpu', Infinity);
		expect(cpu.t).toHaveLength(21);
		expect(Array.from(cpu.v).slice(-3)).toEqual([1.5, 1, 1]);
		expect(selectStats(store, 'cpu')).toMatchObject({current: 1, max: 60});
		expect(chartLimit(store.criteria, 'cpu', {tryout: false, phase: store.clock.current, promptRunning: false, p50: null})).toEqual({
			threshold: 50,
			of: 'active-cpu-p99',
		});
		expect(selectSpikeTimes(store, 'cpu', Infinity)).toHaveLength(2);
		const itl = selectPoints(store, 'itl', Infinity);
		expect(Array.from(itl.v)).toEqual([10, 10, 10, 10, 20, 20, 5]);
		expect(itl.t[0]).toBe(1310);
		expect(selectPoints(store, 'cpu', 500).t).toEqual([1841, 1941, 2041, 2141, 2241]);
		expect({count: store.warnings.total, items: store.warnings.toArray()}).toMatchObject({count: 1, items: [{code: 'threads-equal-cores'}]});
		expect(store.prompts.running).toBeNull();
	});
});

describe('reducer: live state and version', () => {
	it('streams the running prompt and counts k/N', () => {
		const store = storeOf(smallRunHead());
		expect(store.prompts.running).toMatchObject({id: 'b', index: 1, text: 'b0 ', tokens: 1});
		expect({k: store.prompts.started, n: store.prompts.planned, runningId: store.prompts.running?.id ?? null}).toEqual({k: 2, n: 3, runningId: 'b'});
		expect(selectPrompt(store, 'c')?.state).toBe('pending');
		expect(selectCriteria(store).verdict).toBe('pending');
	});

	it('bumps version on changes only; no-op events keep it', () => {
		const store = storeOf(smallRunHead());
		const before = store.version;
		expect(store.apply({type: 'phase', t: 1410, name: 'prompts'})).toBe(false);
		expect(store.apply({type: 'pause', t: 1410, paused: false})).toBe(false);
		expect(store.apply({type: 'token', t: 1410, promptId: 'zzz', index: 0})).toBe(false);
		expect(store.apply({type: 'prompt-end', t: 1410, promptId: 'a', status: 'ok', response: '', outputTokens: 0})).toBe(false);
		expect(store.apply(runStart())).toBe(false);
		expect(store.version).toBe(before);
		expect(store.apply({type: 'token', t: 1410, promptId: 'b', index: 1})).toBe(true);
		expect(store.version).toBe(before + 1);
	});

	it('notifies subscribers after a change', () => {
		const store = new RunStore();
		let calls = 0;
		const unsubscribe = store.subscribe(() => calls++);
		store.apply(runStart());
		store.apply(runStart());
		unsubscribe();
		store.apply({type: 'phase', t: 0, name: 'load'});
		expect(calls).toBe(1);
	});

	it('ignores events after run-end', () => {
		const store = storeOf(smallRun());
		const version = store.version;
		expect(store.apply(sample(9999, 'done', 99, 1))).toBe(false);
		expect(store.version).toBe(version);
	});

	it('a listed prompt skipped before it started is marked skipped and has no figures', () => {
		const store = storeOf([
			runStart(['x', 'y']),
			{type: 'prompt-end', t: 3, promptId: 'y', status: 'skipped', response: '', outputTokens: 0, reason: 'skipped by the user'},
		]);
		expect(selectPrompt(store, 'y')).toMatchObject({state: 'skipped', e2eMs: null, reason: 'skipped by the user'});
		expect(selectPrompt(store, 'x')?.state).toBe('pending');
		expect(store.prompts.running).toBeNull();
	});

	it('warns when prompt-end disagrees with the token events', () => {
		const store = storeOf([
			runStart(['x']),
			{type: 'prompt-start', t: 0, promptId: 'x', index: 0, total: 1, promptTokens: 1},
			{type: 'token', t: 5, promptId: 'x', index: 0},
			{type: 'prompt-end', t: 6, promptId: 'x', status: 'ok', response: 'x', outputTokens: 3},
		]);
		expect(store.warnings.toArray()[0]?.code).toBe('token-count-mismatch');
	});
});

describe('reducer: probes (canary, PSI, load workers)', () => {
	const store = storeOf([
		runStart([]),
		{type: 'phase', t: 0, name: 'idle-before'},
		sample(100, 'idle-before', 1, 10, {canaryLateMs: [0.1, 0.2], psiSomeTotalUs: 1000, loadOps: 50}),
		sample(200, 'idle-before', 1, 10, {canaryLateMs: [0.3], psiSomeTotalUs: 2000, loadOps: 50, canaryCpuPct: 0.4}),
		{type: 'phase', t: 200, name: 'prompts'},
		sample(300, 'prompts', 50, 10, {canaryLateMs: [1, 2, 3, 4], psiSomeTotalUs: 32_000, loadOps: 20}),
		{type: 'pause', t: 300, paused: true},
		sample(400, 'prompts', 2, 10, {canaryLateMs: [99], psiSomeTotalUs: 132_000, loadOps: 50}),
		{type: 'pause', t: 400, paused: false},
		sample(500, 'prompts', 50, 10, {canaryLateMs: [5], psiSomeTotalUs: 52_000 + 132_000 - 32_000, loadOps: 30}),
	]);
	const metrics = selectMetrics(store);

	it('canary lateness per phase, paused time left out', () => {
		expect(metrics.canary?.phases['idle-before']).toEqual({count: 3, p50: 0.2, p99: 0.3 - 0.1 * 0.02, max: 0.3});
		expect(metrics.canary?.phases.prompts).toMatchObject({count: 5, p50: 3, max: 5});
		expect(metrics.canary?.phases['idle-after']).toBeNull();
		expect(metrics.canary?.cpuPctOfCoreMean).toBe(0.4);
	});

	it('PSI share of time stalled per phase', () => {
		expect(metrics.psi?.['idle-before']).toEqual({stallMs: 1, coveredMs: 100, share: 0.01});
		expect(metrics.psi?.prompts).toEqual({stallMs: 50, coveredMs: 200, share: 0.25});
	});

	it('load-worker throughput during prompts vs idle', () => {
		expect(metrics.loadWorkers).toEqual({idleOpsPerSec: 500, activeOpsPerSec: 250, activeOverIdle: 0.5});
	});

	it('interactive-delay-p99 is pending on little data; absent probes give null', () => {
		const delay = selectCriteria(store).results.find((result) => result.id === 'interactive-delay-p99');
		expect(delay).toMatchObject({status: 'pending', value: expect.closeTo(4.96, 9)});
		const plain = selectMetrics(storeOf(smallRun()));
		expect([plain.canary, plain.psi, plain.loadWorkers]).toEqual([null, null, null]);
	});
});

describe('reducer: bounded memory', () => {
	it('keeps a retention window of chart points and sketches long runs', () => {
		const store = new RunStore({retentionMs: 10_000});
		store.apply(runStart(['p']));
		store.apply({type: 'phase', t: 0, name: 'prompts'});
		store.apply({type: 'prompt-start', t: 0, promptId: 'p', index: 0, total: 1, promptTokens: 1});
		for (let i = 1; i <= 20_000; i++) {
			store.apply({type: 'token', t: i * 5, promptId: 'p', index: i - 1});
			if (i % 20 === 0) store.apply(sample(i * 5, 'prompts', 50 + (i % 7), 10, {promptId: 'p'}));
		}
		expect(selectPoints(store, 'cpu', Infinity).t.length).toBeLessThanOrEqual(101);
		expect(selectPoints(store, 'itl', Infinity).t.length).toBeLessThanOrEqual(2001);
		expect(store.charts.itl.stats.exact).toBe(false);
		expect(store.charts.itl.stats.count).toBe(19_999);
		store.apply({type: 'prompt-end', t: 100_001, promptId: 'p', status: 'ok', response: '', outputTokens: 20_000});
		expect(selectMetrics(store).itl).toMatchObject({count: 19_999, p50: expect.closeTo(5, 1), max: 5});
	});
});

describe('correctness is weighted by prompt weight', () => {
	it('a prompt of weight 3 counts three times', () => {
		const events = smallRun().map((event): RunEvent => {
			if (event.type !== 'run-start') return event;
			const prompts = event.suite.prompts.map((ref) => (ref.id === 'b' ? {...ref, weight: 3} : ref));
			return {...event, suite: {...event.suite, prompts}};
		});
		// a scores 1 (weight 1), b scores 0.5 (weight 3): (1 + 1.5) / 4
		expect(selectMetrics(storeOf(events)).correctness).toEqual({mean: 0.625, min: 0.5, scored: 2});
	});

	it("the suite's gamed ceiling from run-start travels beside it, and the judged criterion says it", () => {
		const events = smallRun().map((event): RunEvent => (event.type === 'run-start' ? {...event, suite: {...event.suite, gamedCeiling: 0.114}} : event));
		const store = storeOf(events);
		expect(selectMetrics(store).correctness).toEqual({mean: 0.75, min: 0.5, scored: 2, gamedCeiling: 0.114});
		const correctness = selectCriteria(store).results.find((result) => result.id === 'correctness');
		expect(correctness?.reason).toMatch(/gamed ceiling 0\.11$/);
		expect(selectCriteria(storeOf(smallRun())).results.find((result) => result.id === 'correctness')?.reason ?? '').not.toMatch(/gamed/);
	});
});

describe("CPU spikes are the model's, not llmtop's own", () => {
	const idleRun = (burst: {cpuPct: number; observerCpuPct: number; inferenceCpuPct: number}): RunStore => {
		const events: RunEvent[] = [runStart([]), {type: 'phase', t: 0, name: 'idle-before'}];
		for (let i = 1; i <= 60; i++) {
			const quiet = {observerCpuPct: 0.2, inferenceCpuPct: 0.1};
			events.push(i === 40 ? sample(i * 100, 'idle-before', burst.cpuPct, 100, burst) : sample(i * 100, 'idle-before', 0.3, 100, quiet));
		}
		return storeOf(events);
	};

	it("a burst on llmtop's own thread (a dashboard frame) is not a spike", () => {
		expect(spikesOf(idleRun({cpuPct: 16, observerCpuPct: 15.5, inferenceCpuPct: 0.5})).count).toBe(0);
	});

	it("a burst on the model's threads is", () => {
		const spikes = spikesOf(idleRun({cpuPct: 16, observerCpuPct: 0.5, inferenceCpuPct: 15.5}));
		expect(spikes.count).toBe(1);
		expect(spikes.latest[0]).toMatchObject({metric: 'cpu', phase: 'idle-before', t: 4000});
	});

	it('without the per-thread split (not Linux) process CPU is used', () => {
		const events: RunEvent[] = [runStart([]), {type: 'phase', t: 0, name: 'idle-before'}];
		for (let i = 1; i <= 60; i++) events.push(sample(i * 100, 'idle-before', i === 40 ? 16 : 0.3, 100));
		expect(spikesOf(storeOf(events)).count).toBe(1);
	});
});

describe('peak RSS', () => {
	it('takes the kernel high-water mark the samples carry, so a peak between samples counts', () => {
		const store = storeOf([runStart([]), sample(100, 'load', 10, 100, {peakRssBytes: 180 * MB}), sample(200, 'load', 10, 120, {peakRssBytes: 180 * MB})]);
		expect(selectMetrics(store).rss.peakBytes).toBe(180 * MB);
		expect(selectCriteria(store).results.find((result) => result.id === 'rss-peak')?.value).toBe(180 * MB);
	});

	it('falls back to the highest sample without it', () => {
		const store = storeOf([runStart([]), sample(100, 'load', 10, 100), sample(200, 'load', 10, 120)]);
		expect(selectMetrics(store).rss.peakBytes).toBe(120 * MB);
	});
});
