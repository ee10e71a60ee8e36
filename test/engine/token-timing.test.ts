import {getLlama, type Llama, type LlamaContext, type LlamaModel} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runDecodeLoop} from '../../src/engine/decode-loop.js';
import {resolveModel} from '../../src/engine/resolve-model.js';
import {StopDetector} from '../../src/engine/stop-detector.js';
import {busyWait, TEST_MODEL, sharedTestEngine} from './test-model.js';

const test = sharedTestEngine();

const SAMPLING = {temperature: 0.8, topP: 0.95, seed: 42};
const PROMPT = {id: 'p1', prompt: 'Write a short story about a lighthouse keeper.', system: 'You are terse.'};

describe('runPrompt on synthetic:tiny (real node-llama-cpp)', () => {
	it('reports prompt tokens first, then one callback per token with strictly increasing stamps', async () => {
		const events: string[] = [];
		const stamps: number[] = [];
		const texts: string[] = [];
		const result = await test.engine.runPrompt(PROMPT, {
			...SAMPLING,
			maxTokens: 48,
			onPromptTokens: (n) => events.push(`prompt:${n}`),
			onToken: (index, text, t) => {
				events.push(`token:${index}`);
				stamps.push(t);
				texts.push(text);
			},
		});
		expect(result.status).toBe('ok');
		expect(result.outputTokens).toBeGreaterThan(5);
		expect(events[0]).toBe(`prompt:${result.promptTokens}`);
		expect(result.promptTokens).toBeGreaterThan(10);
		expect(stamps).toHaveLength(result.outputTokens);
		expect(events.slice(1)).toEqual(stamps.map((_, i) => `token:${i}`));
		for (let i = 1; i < stamps.length; i++) expect(stamps[i]!).toBeGreaterThan(stamps[i - 1]!);
		if (result.stopReason !== 'stop-trigger') expect(texts.join('')).toBe(result.response);
		expect(['max-tokens', 'eos', 'stop-trigger']).toContain(result.stopReason);
	});

	it('stamps each token with the injected clock, read right before its callback', async () => {
		const log: string[] = [];
		let tick = 1000;
		const result = await test.engine.runPrompt(PROMPT, {
			...SAMPLING,
			maxTokens: 20,
			now: () => {
				tick += 1;
				log.push(`now:${tick}`);
				return tick;
			},
			onToken: (index, _text, t) => log.push(`token:${index}@${t}`),
		});
		const tokenLines = log.filter((line) => line.startsWith('token:'));
		expect(tokenLines).toHaveLength(result.outputTokens);
		for (const [i, line] of log.entries()) {
			if (!line.startsWith('token:')) continue;
			// The clock reading immediately before the callback is the token's stamp.
			expect(log[i - 1]).toBe(`now:${line.split('@')[1]}`);
		}
	});

	it('a slow consumer delays the next token, not the stamp of the token it is handling', async () => {
		const k = 5;
		let slow: {enteredAt: number; exitedAt: number} | undefined;
		const stamps: number[] = [];
		const result = await test.engine.runPrompt(PROMPT, {
			...SAMPLING,
			maxTokens: 12,
			onToken: (index, _text, t) => {
				stamps.push(t);
				if (index === k) slow = busyWait(20);
			},
		});
		expect(result.outputTokens).toBeGreaterThan(k + 1);
		const own = stamps[k]!;
		const next = stamps[k + 1]!;
		// Token k was stamped before its callback started...
		expect(own).toBeLessThanOrEqual(slow!.enteredAt);
		// ...and token k+1 could only be produced after the callback returned:
		// the 20 ms busy-wait sits inside the gap that follows token k.
		expect(next).toBeGreaterThanOrEqual(slow!.exitedAt);
		expect(next - own).toBeGreaterThanOrEqual(20);
	});

	it('starts every prompt from a clean sequence: the same greedy prompt gives the same answer', async () => {
		const greedy = {temperature: 0, topP: 1, maxTokens: 24};
		const first = await test.engine.runPrompt(PROMPT, greedy);
		await test.engine.runPrompt({id: 'other', prompt: 'Something else entirely, to fill the context.'}, greedy);
		const again = await test.engine.runPrompt(PROMPT, greedy);
		expect(again.promptTokens).toBe(first.promptTokens);
		expect(again.response).toBe(first.response);
		expect(again.outputTokens).toBe(first.outputTokens);
	});

	it('awaits the pace hook between decode steps, and its pause shows in the gaps', async () => {
		const paced: number[] = [];
		const stamps: number[] = [];
		const result = await test.engine.runPrompt(PROMPT, {
			...SAMPLING,
			maxTokens: 8,
			onToken: (_i, _text, t) => stamps.push(t),
			pace: ({index}) => {
				paced.push(index);
				return 15;
			},
		});
		expect(result.outputTokens).toBe(8);
		// Between tokens only: none after the last one.
		expect(paced).toEqual([0, 1, 2, 3, 4, 5, 6]);
		for (let i = 1; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 1]!).toBeGreaterThanOrEqual(14);
	});
});

describe('the decode loop does not run ahead of its consumer', () => {
	let llama: Llama;
	let model: LlamaModel;
	let context: LlamaContext;

	beforeAll(async () => {
		const {facts} = await resolveModel(TEST_MODEL, {cacheDir: test.cacheDir});
		llama = await getLlama({gpu: false, build: 'never', progressLogs: false});
		model = await llama.loadModel({modelPath: facts.path});
		context = await model.createContext({contextSize: 512, threads: 1});
	});

	afterAll(async () => {
		await context?.dispose();
		await model?.dispose();
		await llama?.dispose();
	});

	it('when token k is delivered, only the prompt and tokens 0..k-1 have been evaluated', async () => {
		// If tokens were produced ahead and delivered in batches (as the high-level
		// callbacks sometimes do), the context would already hold later tokens here.
		const sequence = context.getSequence();
		const prompt = model.tokenize('Once upon a time');
		const seen: [number, number][] = [];
		const result = await runDecodeLoop(sequence, model, prompt, {
			...SAMPLING,
			maxTokens: 16,
			contextSize: context.contextSize,
			stop: new StopDetector([], []),
			now: () => performance.now(),
			onToken: (index) => seen.push([index, sequence.nextTokenIndex]),
		});
		expect(seen).toHaveLength(result.outputTokens);
		for (const [index, evaluated] of seen) expect(evaluated).toBe(prompt.length + index);
		sequence.dispose();
	});
});
