import {defaultCriteria} from '../../src/run/criteria.js';
import {EVENTS_SCHEMA, type RunEvent} from '../../src/run/events.js';
import type {CriterionResult} from '../../src/run/types.js';
import type {PromptRow} from '../../src/run/view-types.js';
import type {ChartView, DashboardView} from '../../src/ui/view.js';

/** A series sampled every `stepMs` from 0 to `endT`, with `f(t)` values. */
export function series(endT: number, stepMs: number, f: (t: number) => number): {t: number[]; v: number[]} {
	const t: number[] = [];
	const v: number[] = [];
	for (let time = 0; time <= endT; time += stepMs) {
		t.push(time);
		v.push(f(time));
	}
	return {t, v};
}

const END = 58_000;

function chart(id: ChartView['id'], f: (t: number) => number, extra: Partial<ChartView> = {}): ChartView {
	return {
		id,
		primary: series(END, 100, f),
		stats: {current: f(END), p50: 10, p99: 40, max: 85},
		threshold: null,
		thresholdOf: null,
		spikeTimes: [],
		...extra,
	};
}

export const CRITERIA: CriterionResult[] = [
	{id: 'idle-cpu', label: 'idle CPU mean', op: '<=', threshold: 2, unit: '%', enabled: true, value: 0.4, status: 'pass'},
	{
		id: 'active-cpu-mean',
		label: 'active CPU mean',
		op: '<=',
		threshold: 35,
		unit: '%',
		enabled: true,
		value: 41.5,
		status: 'fail',
		reason: '41.5 % is not <= 35.0 %',
	},
	{
		id: 'active-cpu-p99',
		label: 'active CPU p99',
		op: '<=',
		threshold: 50,
		unit: '%',
		enabled: true,
		value: 48,
		status: 'pending',
		reason: '12 of 20 samples while prompts run',
	},
	{id: 'rss-peak', label: 'RSS peak', op: '<=', threshold: 6 * 1024 ** 3, unit: 'bytes', enabled: true, value: 300 * 1024 ** 2, status: 'pass'},
	{id: 'latency-p95', label: 'E2E latency p95', op: '<=', threshold: 2500, unit: 'ms', enabled: true, value: 1200, status: 'pass'},
	{id: 'latency-ratio', label: 'ITL p99/p50', op: '<', threshold: 2, unit: 'ratio', enabled: true, value: 1.4, status: 'pass'},
	{
		id: 'correctness',
		label: 'correctness mean',
		op: '>=',
		threshold: 0.8,
		unit: 'score',
		enabled: true,
		value: null,
		status: 'skip',
		reason: 'synthetic model: answers are gibberish',
	},
	{
		id: 'interactive-delay-p99',
		label: 'interactive delay p99',
		op: '<=',
		threshold: 10,
		unit: 'ms',
		enabled: true,
		value: null,
		status: 'skip',
		reason: 'no canary data',
	},
];

export function promptRow(index: number, extra: Partial<PromptRow> = {}): PromptRow {
	return {
		id: `prompt-${index + 1}`,
		index,
		pass: 1,
		state: 'ok',
		tags: [],
		prompt: `Question number ${index + 1}?`,
		promptTokens: 12,
		outputTokens: 64,
		ttftMs: 120 + index,
		cold: index === 0,
		e2eMs: 900 + 10 * index,
		tpotMs: 12,
		decodeTokensPerSec: 72.5,
		prefillTokensPerSec: 100,
		itl: null,
		score: 0.9,
		checks: [],
		failedChecks: [],
		response: `Answer ${index + 1}: lorem ipsum dolor sit amet.`,
		reason: null,
		startMs: 1000 * index,
		endMs: 1000 * index + 900,
		...extra,
	};
}

/** A mid-run dashboard: one CPU spike at 30 s, prompt 4 of 6 running. */
export function viewFixture(extra: Partial<DashboardView> = {}): DashboardView {
	const prompts = [0, 1, 2].map((index) => promptRow(index));
	prompts.push(
		promptRow(3, {
			state: 'running',
			e2eMs: null,
			outputTokens: 17,
			decodeTokensPerSec: null,
			score: null,
			response: 'The quick brown fox jumps over the lazy dog. '.repeat(8),
		}),
	);
	prompts.push(promptRow(4, {state: 'pending', ttftMs: null, e2eMs: null, outputTokens: 0, decodeTokensPerSec: null, score: null, response: ''}));
	prompts.push(promptRow(5, {state: 'pending', ttftMs: null, e2eMs: null, outputTokens: 0, decodeTokensPerSec: null, score: null, response: ''}));
	return {
		header: {
			mode: 'run',
			modelName: 'SmolLM2-135M',
			architecture: 'llama',
			quantization: 'Q8_0',
			sizeBytes: 133 * 1024 * 1024,
			threads: 2,
			contextSize: 2048,
			batchSize: 512,
			gpuLayers: 0,
			levers: null,
			loading: null,
			logicalCores: 2,
			phase: 'prompts',
			promptNumber: 4,
			promptTotal: 6,
			elapsedMs: END,
			observerCpuPct: 0.31,
			paused: false,
			ended: false,
			verdict: 'fail',
		},
		charts: [
			chart('cpu', (t) => (t === 30_000 ? 95 : 20 + 5 * Math.sin(t / 3000)), {
				secondary: series(END, 100, (t) => 35 + 5 * Math.cos(t / 4000)),
				threshold: 50,
				thresholdOf: 'active-cpu-p99',
				spikeTimes: [30_000],
			}),
			chart('rss', (t) => 200 * 1024 ** 2 + t * 1000, {threshold: 6 * 1024 ** 3, thresholdOf: 'rss-peak'}),
			chart('itl', (t) => (t > 40_000 ? 12 + (t % 700 === 0 ? 30 : 0) : Number.NaN), {threshold: 24, thresholdOf: 'latency-ratio'}),
			chart('tokensPerSec', (t) => (t > 40_000 ? 70 + (t % 1300) / 100 : Number.NaN)),
			chart('canary', (t) => 2 + (t % 9000 === 0 ? 6 : 0), {threshold: 10, thresholdOf: 'interactive-delay-p99'}),
		],
		endT: END,
		spikeCount: 1,
		latestSpikes: [{metric: 'cpu', t: 30_000, startT: 29_900, value: 95, baseline: 20, durationMs: 100, samples: 1, phase: 'prompts', promptId: 'prompt-2'}],
		criteria: CRITERIA,
		prompts,
		runningIndex: 3,
		focusIndex: 3,
		warnings: [],
		spikeRule: 'A spike is a short burst above the recent baseline, not a plateau.',
		...extra,
	};
}

/** Events of a small run: 3 listed prompts, the first done, the second running, samples with a CPU spike. */
export function runEvents(mode: 'run' | 'try' = 'run'): RunEvent[] {
	const events: RunEvent[] = [
		{
			type: 'run-start',
			t: 0,
			schema: EVENTS_SCHEMA,
			startedAt: '2025-01-01T00:00:00.000Z',
			mode,
			host: {
				os: 'linux',
				platform: 'linux',
				release: '6',
				arch: 'x64',
				cpuModel: 'test',
				logicalCores: 2,
				totalMemoryBytes: 8 * 1024 ** 3,
				node: 'v20',
				llamaCppRelease: 'b1',
				engineBuild: 'prebuilt',
			},
			model: {ref: 'synthetic:tiny', path: '/tmp/tiny.gguf'},
			config: {
				threads: 2,
				contextSize: 1024,
				batchSize: 256,
				gpuLayers: 0,
				temperature: 0,
				topP: 1,
				maxTokens: 32,
				intervalMs: 100,
				idleSeconds: 1,
				suite: 'test',
			},
			criteria: defaultCriteria(),
			suite:
				mode === 'try'
					? {name: 'try', path: 'try', prompts: []}
					: {name: 'test', path: 'test.yaml', prompts: ['p1', 'p2', 'p3'].map((id) => ({id, prompt: `prompt ${id}`}))},
		},
		{
			type: 'model-loaded',
			t: 5,
			loadMs: 5,
			model: {
				ref: 'synthetic:tiny',
				path: '/tmp/tiny.gguf',
				name: 'tiny-test-model',
				architecture: 'llama',
				quantization: 'Q8_0',
				sizeBytes: 1024 ** 2,
				parameterCount: 1e6,
				synthetic: true,
			},
		},
		{type: 'phase', t: 6, name: 'idle-before'},
	];
	for (let t = 100; t <= 3000; t += 100) {
		const cpuPct = t === 1500 ? 60 : 1;
		events.push({
			type: 'sample',
			t,
			phase: 'idle-before',
			cpuPct,
			cores: cpuPct / 50,
			rssBytes: 100 * 1024 ** 2,
			systemCpuPct: cpuPct + 2,
			observerCpuPct: 0.2,
		});
	}
	events.push({type: 'phase', t: 3001, name: 'prompts'});
	const prompt = (id: string, index: number, start: number, end: boolean) => {
		events.push({type: 'prompt-start', t: start, promptId: id, index, total: mode === 'try' ? 0 : 3, promptTokens: 4, prompt: `prompt ${id}`});
		for (let token = 0; token < 20; token++) events.push({type: 'token', t: start + 50 + 10 * token, promptId: id, index: token, text: `${id}-word${token} `});
		if (end)
			events.push({
				type: 'prompt-end',
				t: start + 260,
				promptId: id,
				status: 'ok',
				response: Array.from({length: 20}, (_, token) => `${id}-word${token} `).join(''),
				outputTokens: 20,
				score: null,
			});
	};
	prompt('p1', 0, 3100, true);
	prompt('p2', 1, 3500, false);
	return events;
}
