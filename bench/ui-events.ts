/**
 * Synthetic run event streams for the dashboard benchmark and demos: an idle
 * stream (samples only) and an active one (back-to-back prompts streaming
 * tokens, CPU samples with the odd spike), played back in real time.
 */
import {defaultCriteria} from '../src/run/criteria.js';
import {EVENTS_SCHEMA, type RunEvent, type RunStartEvent} from '../src/run/events.js';
import {mulberry32} from './lib/mulberry32.js';

/** What the stream does. */
export type ScenarioKind = 'idle' | 'active';

/** Options of {@link buildScenario}. */
export interface ScenarioOptions {
	/** Decode rate while a prompt runs. @default 60 */
	tokensPerSec?: number;
	/** Tokens per prompt. @default 120 */
	tokensPerPrompt?: number;
	/** Sampling interval. @default 100 */
	intervalMs?: number;
	/** Seed of the pseudo-random jitter. @default 1 */
	seed?: number;
}

const WORDS = [
	'the',
	'model',
	'answers',
	'quickly',
	'with',
	'tokens',
	'that',
	'stream',
	'into',
	'a',
	'terminal',
	'dashboard',
	'while',
	'charts',
	'scroll',
	'left',
];

/** The first event of a synthetic run. */
export function syntheticRunStart(mode: 'run' | 'try', prompts: number, intervalMs: number): RunStartEvent {
	return {
		type: 'run-start',
		t: 0,
		schema: EVENTS_SCHEMA,
		startedAt: '2025-01-01T00:00:00.000Z',
		mode,
		host: {
			os: 'linux',
			platform: 'linux',
			release: '6.0',
			arch: 'x64',
			cpuModel: 'synthetic',
			logicalCores: 2,
			totalMemoryBytes: 8 * 1024 ** 3,
			node: process.version,
			llamaCppRelease: 'b0',
			engineBuild: 'prebuilt',
		},
		model: {ref: 'synthetic:tiny', path: '/tmp/tiny.gguf', name: 'tiny-synthetic', architecture: 'llama', quantization: 'Q8_0', sizeBytes: 44 * 1024 ** 2},
		config: {
			threads: 2,
			contextSize: 2048,
			batchSize: 512,
			gpuLayers: 0,
			temperature: 0,
			topP: 1,
			maxTokens: 128,
			intervalMs,
			idleSeconds: 5,
			suite: 'synthetic',
		},
		criteria: defaultCriteria(),
		suite: {
			name: 'synthetic',
			path: 'synthetic',
			prompts: Array.from({length: prompts}, (_, index) => ({id: `p${index + 1}`, prompt: `Synthetic prompt number ${index + 1}?`})),
		},
	};
}

/** The model every simulated stream reports as loaded. */
const TINY_MODEL = {
	ref: 'synthetic:tiny',
	path: '/tmp/tiny.gguf',
	name: 'tiny-synthetic',
	architecture: 'llama',
	quantization: 'Q8_0',
	sizeBytes: 44 * 1024 ** 2,
	parameterCount: 1e7,
	synthetic: true,
};

/** All events of a `kind` stream lasting `durationMs`, in time order. */
export function buildScenario(kind: ScenarioKind, durationMs: number, options: ScenarioOptions = {}): RunEvent[] {
	const intervalMs = options.intervalMs ?? 100;
	const tokenGap = 1000 / (options.tokensPerSec ?? 60);
	const perPrompt = options.tokensPerPrompt ?? 120;
	const next = mulberry32(options.seed ?? 1);
	const promptMs = 150 + perPrompt * tokenGap + 100;
	const promptCount = kind === 'active' ? Math.ceil(durationMs / promptMs) + 1 : 3;
	const start = syntheticRunStart('run', promptCount, intervalMs);
	const events: RunEvent[] = [start, {type: 'model-loaded', t: 1, model: TINY_MODEL, loadMs: 1}];
	events.push({type: 'phase', t: 2, name: kind === 'active' ? 'prompts' : 'idle-before'});
	const tokens: RunEvent[] = [];
	const running: {start: number; end: number; id: string}[] = [];
	if (kind === 'active') {
		let t = 50;
		for (let index = 0; index < promptCount && t < durationMs; index++) {
			const id = `p${index + 1}`;
			const start = t;
			tokens.push({type: 'prompt-start', t, promptId: id, index, total: promptCount, promptTokens: 12});
			t += 150;
			let text = '';
			for (let token = 0; token < perPrompt && t < durationMs; token++) {
				const word = `${WORDS[Math.floor(next() * WORDS.length)] ?? 'x'} `;
				text += word;
				tokens.push({type: 'token', t, promptId: id, index: token, text: word});
				t += tokenGap * (0.8 + 0.4 * next()) + (next() < 0.01 ? 60 : 0);
			}
			tokens.push({type: 'prompt-end', t, promptId: id, status: 'ok', response: text, outputTokens: text.split(' ').length - 1, score: null});
			running.push({start, end: t, id});
			t += 100;
		}
	}
	let runningIndex = 0;
	for (let t = intervalMs; t <= durationMs; t += intervalMs) {
		while (running[runningIndex] && (running[runningIndex]?.end ?? 0) < t) runningIndex++;
		const prompt = running[runningIndex];
		const active = prompt !== undefined && prompt.start <= t;
		const cpuPct = active ? 45 + 10 * next() + (next() < 0.02 ? 40 : 0) : 0.2 + 0.3 * next() + (next() < 0.01 ? 15 : 0);
		tokens.push({
			type: 'sample',
			t,
			phase: active ? 'prompts' : kind === 'active' ? 'prompts' : 'idle-before',
			...(active && prompt ? {promptId: prompt.id} : {}),
			cpuPct,
			cores: (cpuPct * 2) / 100,
			rssBytes: 120 * 1024 ** 2 + 2000 * t,
			systemCpuPct: cpuPct + 3 + 5 * next(),
			observerCpuPct: 0.3 + 0.2 * next(),
		});
	}
	tokens.sort((a, b) => a.t - b.t);
	return [...events, ...tokens];
}

/** Handle of a playback. */
export interface Playback {
	stop(): void;
	/** Settles when every event was applied (or `stop` was called). */
	done: Promise<void>;
}

/**
 * Applies `events` in real time (event `t` = ms after the call), waking only
 * when an event is due, as a worker posting events would.
 */
export function playEvents(events: readonly RunEvent[], apply: (event: RunEvent) => void): Playback {
	const startedAt = performance.now();
	let index = 0;
	let timer: NodeJS.Timeout | null = null;
	let finish = () => {};
	const done = new Promise<void>((resolve) => {
		finish = resolve;
	});
	const step = () => {
		const now = performance.now() - startedAt;
		while (index < events.length && (events[index]?.t ?? 0) <= now) apply(events[index++] as RunEvent);
		if (index >= events.length) {
			finish();
			return;
		}
		timer = setTimeout(step, Math.max(0, (events[index]?.t ?? 0) - now));
	};
	step();
	return {
		stop: () => {
			if (timer) clearTimeout(timer);
			finish();
		},
		done,
	};
}

/** A live `try` session on a store: idle samples every 100 ms, and synthetic tryouts on demand. */
export class SyntheticTrySession {
	readonly #apply: (event: RunEvent) => void;
	readonly #startedAt = performance.now();
	readonly #sampler: NodeJS.Timeout;
	#tokenTimer: NodeJS.Timeout | null = null;
	#running: {id: string; text: string; tokens: number} | null = null;
	#count = 0;
	readonly #next = mulberry32(7);

	constructor(apply: (event: RunEvent) => void) {
		this.#apply = apply;
		const start = syntheticRunStart('try', 0, 100);
		apply({...start, suite: {name: 'try', path: 'try', prompts: []}});
		apply({
			type: 'model-loaded',
			t: 1,
			model: TINY_MODEL,
			loadMs: 1,
		});
		apply({type: 'phase', t: 2, name: 'prompts'});
		this.#sampler = setInterval(() => {
			const t = this.#now();
			const cpuPct = this.#running ? 45 + 10 * this.#next() : 0.3 * this.#next();
			apply({
				type: 'sample',
				t,
				phase: 'prompts',
				...(this.#running ? {promptId: this.#running.id} : {}),
				cpuPct,
				cores: cpuPct / 50,
				rssBytes: 120 * 1024 ** 2,
				systemCpuPct: cpuPct + 3,
				observerCpuPct: 0.3,
			});
		}, 100);
	}

	/** Runs a tryout of ~80 tokens at ~60 tokens/s. */
	submit(prompt: string): void {
		if (this.#running) return;
		const id = `try-${++this.#count}`;
		this.#running = {id, text: '', tokens: 0};
		this.#apply({type: 'prompt-start', t: this.#now(), promptId: id, index: this.#count - 1, total: 0, promptTokens: prompt.length, prompt});
		this.#tokenTimer = setInterval(() => this.#token(), 16);
	}

	/** Aborts the running tryout. */
	abort(): void {
		this.#end('aborted');
	}

	stop(): void {
		clearInterval(this.#sampler);
		if (this.#tokenTimer) clearInterval(this.#tokenTimer);
	}

	#token(): void {
		const running = this.#running;
		if (!running) return;
		const word = `${WORDS[Math.floor(this.#next() * WORDS.length)] ?? 'x'} `;
		running.text += word;
		this.#apply({type: 'token', t: this.#now(), promptId: running.id, index: running.tokens++, text: word});
		if (running.tokens >= 80) this.#end('ok');
	}

	#end(status: 'ok' | 'aborted'): void {
		const running = this.#running;
		if (!running) return;
		if (this.#tokenTimer) clearInterval(this.#tokenTimer);
		this.#tokenTimer = null;
		this.#running = null;
		this.#apply({type: 'prompt-end', t: this.#now(), promptId: running.id, status, response: running.text, outputTokens: running.tokens, score: null});
	}

	#now(): number {
		return performance.now() - this.#startedAt;
	}
}
