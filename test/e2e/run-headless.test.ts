import {beforeAll, describe, expect, it} from 'vitest';
import {reportFromEvents} from '../helpers/report-from-events.js';
import type {Report} from '../../src/report/types.js';
import type {RunEvent, SampleEvent, TokenEvent} from '../../src/run/events.js';
import {expectValidReport, runWithFiles, tempDir, type CliResult} from './helpers.js';
import {needsBuild} from '../setup/skip.js';

const describeBuilt = needsBuild() ? describe.skip : describe;

/**
 * A headless run through the real node-llama-cpp on a 138 MiB synthetic
 * model (SmolLM2-135M shape, Q8_0): the report, the events file and the exit
 * code must agree with each other and with the metric definitions.
 */
describeBuilt('llmtop run --headless on a synthetic model (end to end)', () => {
	const dir = tempDir();
	let result: CliResult;
	let report: Report;
	let events: RunEvent[];

	beforeAll(async () => {
		({result, report, events} = await runWithFiles(
			['run', '--headless', '--model', 'synthetic:smollm2-135m:Q8_0', '--suite', 'smoke', '--idle', '1.5', '--context-size', '512', '--batch-size', '128'],
			dir,
		));
	}, 120_000);

	it('exits with the verdict and prints one line per prompt, then the summary', () => {
		expect(result.stderr).toBe('');
		expect(result.code).toBe({fail: 1, inconclusive: 3, pending: 3, pass: 0}[report.verdict]);
		const promptLines = result.stdout.split('\n').filter((line) => /^\[\d+\] smoke-/.test(line));
		expect(promptLines).toHaveLength(4);
		for (const line of promptLines) expect(line).toMatch(/prompt \d+ tok {2}output \d+ tok {2}TTFT [\d.]+ ms.* {2}E2E [\d.]+ ms {2}decode [\d.]+ tok\/s/);
		expect(result.stdout).toMatch(/^criteria$/m);
		expect(result.stdout).toMatch(new RegExp(`^verdict: ${report.verdict.toUpperCase()}`, 'm'));
	});

	it('writes a report that validates against the JSON Schema', () => {
		expectValidReport(report);
		expect(report.complete).toBe(true);
		expect(report.model.synthetic).toBe(true);
	});

	it('counts every generated token: outputTokens equals the token events of each prompt', () => {
		expect(report.prompts).toHaveLength(4);
		for (const prompt of report.prompts) {
			const tokens = events.filter((event): event is TokenEvent => event.type === 'token' && event.promptId === prompt.id);
			expect(prompt.status).toBe('ok');
			expect(prompt.outputTokens).toBeGreaterThan(0);
			expect(tokens).toHaveLength(prompt.outputTokens);
			expect(tokens.map((token) => token.index)).toEqual([...tokens.keys()]);
		}
	});

	it('has finite, ordered ITL percentiles', () => {
		const {p50, p95, p99, max} = report.metrics.itl;
		for (const value of [p50, p95, p99, max]) expect(Number.isFinite(value)).toBe(true);
		expect(p50!).toBeLessThanOrEqual(p95!);
		expect(p95!).toBeLessThanOrEqual(p99!);
		expect(p99!).toBeLessThanOrEqual(max!);
		for (const prompt of report.prompts) {
			const itl = prompt.itlMs;
			expect(itl.p50!).toBeLessThanOrEqual(itl.p95!);
			expect(itl.p95!).toBeLessThanOrEqual(itl.p99!);
			expect(itl.p99!).toBeLessThanOrEqual(itl.max!);
		}
	});

	it('keeps every CPU figure within [0, 100] % of the machine', () => {
		const samples = events.filter((event): event is SampleEvent => event.type === 'sample');
		expect(samples.length).toBeGreaterThan(20);
		for (const sample of samples) {
			for (const value of [sample.cpuPct, sample.systemCpuPct, sample.observerCpuPct ?? 0]) {
				expect(value).toBeGreaterThanOrEqual(0);
				expect(value).toBeLessThanOrEqual(100);
			}
		}
		expect(new Set(samples.map((sample) => sample.phase))).toEqual(new Set(['load', 'idle-before', 'prompts', 'idle-after']));
	});

	it('sees RSS rise by about the model size when it loads', () => {
		const size = report.model.sizeBytes!;
		const rise = report.metrics.rss.riseAtLoadBytes!;
		expect(rise).toBeGreaterThan(0.9 * size);
		expect(rise).toBeLessThan(1.5 * size);
	});

	it('gives every criterion a status, and correctness is skipped on a synthetic model', () => {
		expect(report.criteria.map((criterion) => criterion.id)).toEqual([
			'idle-cpu',
			'active-cpu-mean',
			'active-cpu-p99',
			'rss-peak',
			'latency-p95',
			'latency-ratio',
			'correctness',
			'interactive-delay-p99',
			'prompt-errors',
		]);
		for (const criterion of report.criteria) expect(['pass', 'fail', 'skip']).toContain(criterion.status);
		const correctness = report.criteria.find((criterion) => criterion.id === 'correctness');
		expect(correctness).toMatchObject({status: 'skip', skipClass: 'by-design'});
		expect(correctness?.reason).toMatch(/synthetic/);
		expect(report.criteria.find((criterion) => criterion.id === 'prompt-errors')).toMatchObject({status: 'pass', value: 0, n: 4});
		for (const criterion of report.criteria) expect(typeof criterion.n, criterion.id).toBe('number');
		expect(report.host.cpusAvailable).toBeGreaterThan(0);
	});

	it('rebuilds the same report from the events file alone', () => {
		const rebuilt = JSON.parse(JSON.stringify(reportFromEvents(events))) as Report;
		expect(rebuilt).toEqual(report);
	});
});
