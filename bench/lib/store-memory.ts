/**
 * llmtop's memory over a long run, without waiting for one: a synthetic
 * event stream shaped like a real run (100 ms samples with canary and PSI
 * fields; prompts of 128 tokens at ~7 ms per token with their text; a
 * response per prompt) fed through the real run store, with the report built
 * at every checkpoint. Heap (after a full GC) and RSS are read every
 * simulated 5 minutes. Runs in a child with `--expose-gc`.
 *
 * Child entry: `node --expose-gc dist/bench/lib/store-memory.js '<StoreMemoryOptions JSON>'`.
 */
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {buildReport} from '../../src/report/report.js';
import type {RunEvent, SampleEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import type {Phase} from '../../src/run/types.js';
import {mulberry32} from './mulberry32.js';
import {spawnCollect} from './spawn-collect.js';

/** The simulated run. */
export interface StoreMemoryOptions {
	/** Simulated run time, minutes. */
	minutes: number;
	/** Minutes between checkpoints. */
	checkpointMinutes: number;
	tokensPerPrompt: number;
	/** Mean gap between tokens, ms. */
	gapMs: number;
	/** Token text and responses (false: empty, to isolate growth per token and sample from the responses kept per prompt). */
	text: boolean;
	intervalMs: number;
}

/** One checkpoint. */
export interface MemoryPoint {
	minutes: number;
	rssBytes: number;
	heapUsedBytes: number;
	events: number;
	prompts: number;
}

/** What the child measured. */
export interface StoreMemoryResult {
	options: StoreMemoryOptions;
	points: MemoryPoint[];
	wallMs: number;
	tokens: number;
}

/** Runs the stream in a fresh child process. */
export async function runStoreMemory(options: StoreMemoryOptions): Promise<StoreMemoryResult> {
	const {code, stdout, stderr} = await spawnCollect(
		process.execPath,
		['--expose-gc', fileURLToPath(import.meta.url), JSON.stringify(options)],
		process.env,
		600_000,
	);
	if (code !== 0) throw new Error(`store memory exited ${code}: ${stderr.trim()}`);
	return JSON.parse(stdout) as StoreMemoryResult;
}

const WORDS = ['the', 'keeper', 'light', 'sea', 'storm', 'night', 'wave', 'ship', 'rock', 'lamp', 'shore', 'wind'];

function child(options: StoreMemoryOptions): StoreMemoryResult {
	const gc = (globalThis as {gc?: () => void}).gc;
	if (!gc) throw new Error('run with --expose-gc');
	const random = mulberry32(7);
	const store = new RunStore();
	let events = 0;
	let tokens = 0;
	const apply = (event: RunEvent): void => {
		store.apply(event);
		events++;
	};
	let phase: Phase = 'load';
	let psiUs = 0;
	let nextSample = options.intervalMs;
	const sample = (t: number, promptId: string | undefined): SampleEvent => {
		const busy = phase === 'prompts';
		psiUs += Math.round(random() * (busy ? 30_000 : 2_000));
		const event: SampleEvent = {
			type: 'sample',
			t,
			phase,
			cpuPct: busy ? 48 + random() * 4 : random() * 0.5,
			cores: 1,
			rssBytes: 350e6 + random() * 1e6,
			systemCpuPct: 55 + random() * 10,
			systemMemUsedBytes: 4e9 + random() * 1e7,
			observerCpuPct: 0.3 + random() * 0.2,
			inferenceCpuPct: busy ? 48 : 0,
			canaryLateMs: Array.from({length: 10}, () => Math.round(random() * 3000) / 1000),
			canaryCpuPct: 0.4,
			psiSomeTotalUs: psiUs,
		};
		if (promptId !== undefined) event.promptId = promptId;
		return event;
	};
	const advanceTo = (t: number, promptId?: string): void => {
		while (nextSample <= t) {
			apply(sample(nextSample, promptId));
			nextSample += options.intervalMs;
		}
	};
	apply({
		type: 'run-start',
		t: 0,
		schema: 'llmtop/events@2',
		startedAt: new Date(0).toISOString(),
		mode: 'run',
		host: {
			os: 'linux',
			platform: 'linux',
			release: '',
			arch: 'x64',
			cpuModel: 'bench',
			logicalCores: 2,
			totalMemoryBytes: 25e9,
			node: process.version,
			llamaCppRelease: 'bench',
			engineBuild: 'prebuilt',
		},
		model: {ref: 'synthetic:smollm2-135m:Q8_0', path: '/bench.gguf'},
		config: {
			threads: 1,
			contextSize: 2048,
			batchSize: 512,
			gpuLayers: 0,
			temperature: 0.8,
			topP: 0.95,
			maxTokens: options.tokensPerPrompt,
			intervalMs: options.intervalMs,
			idleSeconds: 5,
			suite: 'bench',
		},
		criteria: [],
		suite: {name: 'bench', path: 'bench', prompts: []},
	});
	apply({type: 'phase', t: 0, name: phase});
	apply({
		type: 'model-loaded',
		t: 500,
		model: {
			ref: 'synthetic:smollm2-135m:Q8_0',
			path: '/bench.gguf',
			name: 'bench',
			architecture: 'llama',
			quantization: 'Q8_0',
			sizeBytes: 144e6,
			parameterCount: 135e6,
			synthetic: true,
		},
		loadMs: 500,
	});
	advanceTo(500);
	phase = 'idle-before';
	apply({type: 'phase', t: 500, name: phase});
	advanceTo(5500);
	phase = 'prompts';
	apply({type: 'phase', t: 5500, name: phase});
	const endT = options.minutes * 60_000;
	const points: MemoryPoint[] = [];
	let nextCheckpoint = 0;
	let t = 5500;
	let prompt = 0;
	const start = performance.now();
	while (t < endT) {
		if (t >= nextCheckpoint) {
			buildReport(store);
			gc();
			gc();
			const usage = process.memoryUsage();
			points.push({minutes: t / 60_000, rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, events, prompts: prompt});
			nextCheckpoint += options.checkpointMinutes * 60_000;
		}
		const promptId = `p${++prompt}`;
		advanceTo(t);
		apply({type: 'prompt-start', t, promptId, index: prompt - 1, total: 0, promptTokens: 20});
		t += 60;
		const pieces: string[] = [];
		for (let index = 0; index < options.tokensPerPrompt; index++) {
			t += index === 0 ? 0 : options.gapMs * (0.85 + random() * 0.3);
			advanceTo(t, promptId);
			const text = options.text ? ` ${WORDS[Math.floor(random() * WORDS.length)]}` : '';
			pieces.push(text);
			apply({type: 'token', t, promptId, index, text});
			tokens++;
		}
		apply({
			type: 'prompt-end',
			t,
			promptId,
			status: 'ok',
			response: pieces.join(''),
			outputTokens: options.tokensPerPrompt,
			score: null,
			reason: 'synthetic model',
		});
		t += 100;
	}
	buildReport(store);
	gc();
	gc();
	const usage = process.memoryUsage();
	points.push({minutes: t / 60_000, rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, events, prompts: prompt});
	return {options, points, wallMs: performance.now() - start, tokens};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.stdout.write(JSON.stringify(child(JSON.parse(process.argv[2] ?? '{}') as StoreMemoryOptions)));
}
