import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {RunEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import {buildReport, MissingRunStartError} from '../../src/report/report.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import type {Report} from '../../src/report/types.js';
import {runStart, sample, smallRun, smallRunHead} from '../run/fixtures/small-run.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({allErrors: true, strict: true}).compile<Report>(schema);

function expectValid(report: Report): void {
	const valid = validate(report);
	expect(validate.errors ?? []).toEqual([]);
	expect(valid).toBe(true);
}

function interruptedRun(): RunEvent[] {
	return [
		...smallRunHead(),
		sample(1441, 'prompts', 50, 170, {promptId: 'b'}),
		{type: 'run-end', t: 1500, complete: false, reason: 'interrupted', finishedAt: '2025-01-01T00:00:01.500Z'},
	];
}

function noPromptRun(): RunEvent[] {
	return [
		runStart([]),
		{type: 'phase', t: 0, name: 'idle-before'},
		...Array.from({length: 12}, (_, i) => sample(100 + i * 100, 'idle-before', 0.5, 100)),
		{type: 'phase', t: 1300, name: 'done'},
		{type: 'run-end', t: 1300, complete: true, reason: 'done', finishedAt: '2025-01-01T00:00:01.300Z'},
	];
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('buildReport', () => {
	it('has every DESIGN.md key', () => {
		const report = reportFromEvents(smallRun());
		expect(Object.keys(report)).toEqual(
			expect.arrayContaining([
				'schema',
				'tool',
				'complete',
				'startedAt',
				'finishedAt',
				'host',
				'model',
				'config',
				'loadMs',
				'phases',
				'prompts',
				'metrics',
				'criteria',
				'verdict',
			]),
		);
		expect(report.schema).toBe('llmtop/report@2');
		expect(report.host).toMatchObject({
			os: 'Linux',
			arch: 'x64',
			cpuModel: 'Test CPU',
			logicalCores: 2,
			totalMemoryBytes: 8 * 1024 ** 3,
			node: 'v20.20.2',
			llamaCppRelease: 'b6500',
			engineBuild: 'prebuilt',
		});
		expect(Object.keys(report.model)).toEqual(
			expect.arrayContaining(['path', 'name', 'architecture', 'quantization', 'sizeBytes', 'parameterCount', 'synthetic']),
		);
		expect(Object.keys(report.config)).toEqual(
			expect.arrayContaining(['threads', 'contextSize', 'batchSize', 'gpuLayers', 'temperature', 'topP', 'maxTokens', 'intervalMs', 'idleSeconds', 'suite']),
		);
		expect(Object.keys(report.prompts[0] ?? {})).toEqual(
			expect.arrayContaining([
				'id',
				'promptTokens',
				'outputTokens',
				'ttftMs',
				'e2eMs',
				'tpotMs',
				'decodeTokensPerSec',
				'prefillTokensPerSec',
				'itlMs',
				'score',
				'checks',
				'response',
				'status',
			]),
		);
		const {metrics} = report;
		expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['cpu', 'systemCpu', 'observerCpu', 'rss', 'latency', 'itl', 'ttft', 'correctness', 'spikes']));
		expect(Object.keys(metrics.cpu.active)).toEqual(expect.arrayContaining(['mean', 'p50', 'p95', 'p99', 'max']));
		expect(Object.keys(metrics.cpu.idle)).toEqual(expect.arrayContaining(['mean', 'p99', 'max']));
		expect(Object.keys(metrics.latency)).toEqual(expect.arrayContaining(['mean', 'p50', 'p95', 'p99', 'max', 'p99OverP50']));
		expect(Object.keys(metrics.itl)).toEqual(expect.arrayContaining(['p50', 'p95', 'p99', 'max', 'p99OverP50']));
		expect(Object.keys(report.criteria[0] ?? {})).toEqual(expect.arrayContaining(['id', 'label', 'op', 'threshold', 'value', 'status', 'reason']));
	});

	it('a complete run: figures, verdict, validates against the schema', () => {
		const report = reportFromEvents(smallRun());
		expectValid(report);
		expect(report).toMatchObject({
			complete: true,
			endReason: 'done',
			startedAt: '2025-01-01T00:00:00.000Z',
			finishedAt: '2025-01-01T00:00:02.300Z',
			durationMs: 2300,
			tool: {name: 'llmtop', version: '0.1.0'},
			loadMs: 180,
			verdict: 'fail',
		});
		expect(report.prompts.map((prompt) => [prompt.id, prompt.status, prompt.e2eMs])).toEqual([
			['a', 'ok', 140],
			['b', 'ok', 90],
			['c', 'skipped', 55],
		]);
		expect(report.metrics.returnToIdleMs).toBe(336);
		expect(report.metrics.rss.riseAtLoadBytes).toBe(50_000_000);
		expect(report.warnings).toEqual([{t: 10, code: 'threads-equal-cores', message: 'threads = cores stalls decode'}]);
	});

	it('survives a JSON round trip unchanged (no undefined, NaN or Infinity)', () => {
		for (const events of [smallRun(), interruptedRun(), noPromptRun()]) {
			const report = reportFromEvents(events);
			expect(JSON.parse(JSON.stringify(report))).toEqual(report);
		}
	});

	it('rebuilt from the events equals the live one', () => {
		const live = new RunStore();
		const events = smallRun();
		events.forEach((event, i) => {
			live.apply(event);
			if (i % 7 === 0) buildReport(live);
		});
		expect(reportFromEvents(events)).toEqual(buildReport(live));
	});

	it('reads no clock', () => {
		vi.spyOn(Date, 'now').mockImplementation(() => {
			throw new Error('Date.now called');
		});
		vi.spyOn(performance, 'now').mockImplementation(() => {
			throw new Error('performance.now called');
		});
		expect(() => reportFromEvents(smallRun())).not.toThrow();
	});

	it('an interrupted run: complete false, under-minimum criteria pending, verdict inconclusive', () => {
		const report = reportFromEvents(interruptedRun());
		expectValid(report);
		expect(report).toMatchObject({complete: false, endReason: 'interrupted', finishedAt: '2025-01-01T00:00:01.500Z'});
		expect(report.prompts.map((prompt) => prompt.status)).toEqual(['ok', 'aborted', 'not-run']);
		expect(report.prompts[1]?.reason).toBe('the run ended before the prompt finished');
		const status = Object.fromEntries(report.criteria.map((criterion) => [criterion.id, criterion.status]));
		expect(status).toMatchObject({'idle-cpu': 'pass', 'active-cpu-mean': 'pending', 'latency-p95': 'pass', 'rss-peak': 'pass', 'prompt-errors': 'pass'});
		expect(report.criteria.find((criterion) => criterion.id === 'latency-p95')).toMatchObject({measure: 'max', n: 1});
		const pending = report.criteria.find((criterion) => criterion.id === 'active-cpu-mean');
		expect(pending?.reason).toBe('2 of 10 samples while prompts run when the run was interrupted');
		expect(report.verdict).toBe('inconclusive');
		expect(report.phases.prompts).toMatchObject({startMs: 1200, endMs: 1500});
		expect(report.phases['idle-after']).toBeNull();
	});

	it('an interrupted run with a failure fails', () => {
		const events = interruptedRun();
		events.splice(events.length - 1, 0, sample(1490, 'prompts', 50, (7 * 1024 ** 3) / 1e6));
		expect(reportFromEvents(events).verdict).toBe('fail');
	});

	it('no run-end at all is incomplete', () => {
		const report = reportFromEvents(smallRunHead());
		expectValid(report);
		expect(report).toMatchObject({complete: false, endReason: null, finishedAt: null, verdict: 'pending'});
		expect(report.prompts[1]?.status).toBe('running');
	});

	it('a run with no prompts: empty prompts, prompt criteria skipped for lack of data, verdict inconclusive', () => {
		const report = reportFromEvents(noPromptRun());
		expectValid(report);
		expect(report.prompts).toEqual([]);
		expect(report.metrics.latency).toMatchObject({count: 0, mean: null, p95: null});
		const byId = Object.fromEntries(report.criteria.map((criterion) => [criterion.id, criterion]));
		expect(byId['idle-cpu']?.status).toBe('pass');
		expect(byId['latency-p95']).toMatchObject({status: 'skip', skipClass: 'lack-of-data', reason: expect.stringMatching(/^no prompt completed/)});
		expect(byId['active-cpu-mean']).toMatchObject({status: 'skip', skipClass: 'lack-of-data', reason: expect.stringMatching(/^no samples while prompts ran/)});
		expect(byId['correctness']?.status).toBe('skip');
		expect(byId['prompt-errors']).toMatchObject({status: 'skip', skipClass: 'lack-of-data', n: 0});
		expect(report.model).toMatchObject({ref: 'synthetic:tiny', name: null, synthetic: null});
		expect(report.verdict).toBe('inconclusive');
	});

	it('a synthetic model skips correctness with that reason', () => {
		const events = smallRun().map((event) => (event.type === 'model-loaded' ? {...event, model: {...event.model, synthetic: true}} : event));
		const correctness = reportFromEvents(events).criteria.find((criterion) => criterion.id === 'correctness');
		expect(correctness).toMatchObject({status: 'skip', reason: expect.stringMatching(/synthetic model/)});
	});

	it('a run with probes validates (canary, PSI, load workers)', () => {
		const events: RunEvent[] = [
			runStart([]),
			{type: 'phase', t: 0, name: 'prompts'},
			sample(100, 'prompts', 10, 10, {canaryLateMs: [0.5], psiSomeTotalUs: 10, loadOps: 3, observerCpuPct: 0.1}),
			sample(200, 'prompts', 10, 10, {canaryLateMs: [0.7], psiSomeTotalUs: 20, loadOps: 3, observerCpuPct: 0.1}),
		];
		const report = reportFromEvents(events);
		expectValid(report);
		expect(report.metrics.canary?.phases.prompts?.count).toBe(2);
		expect(report.metrics.psi?.prompts?.stallMs).toBeCloseTo(0.01, 12);
	});

	it('the schema rejects a report missing a key', () => {
		const {verdict: _verdict, ...broken} = reportFromEvents(smallRun());
		expect(validate(broken)).toBe(false);
	});

	it('needs a run-start', () => {
		expect(() => reportFromEvents([])).toThrow(MissingRunStartError);
	});
});
