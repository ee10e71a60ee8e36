import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Engine} from '../../src/engine/types.js';
import {openTestEngine, tempCache} from './test-model.js';

const {cacheDir, cleanup} = tempCache();
let engine: Engine;

beforeAll(async () => {
	engine = await openTestEngine(cacheDir);
});

afterAll(async () => {
	await engine?.dispose();
	cleanup();
});

describe('--cpu-cap on the real engine', () => {
	const prompt = {
		id: 'p',
		prompt:
			'Decode this PowerShell and say what it does: powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA',
	};

	it('prefills in paced chunks to the same state: greedy answers match the uncapped run', async () => {
		const plain = await engine.runPrompt(prompt, {temperature: 0, topP: 1, maxTokens: 24});
		const capped = await engine.runPrompt(prompt, {temperature: 0, topP: 1, maxTokens: 24, cpuCapPct: 20, cpuCapWindowMs: 100});
		expect(capped.status).toBe('ok');
		expect(capped.promptTokens).toBe(plain.promptTokens);
		expect(capped.response).toBe(plain.response);
		expect(capped.paced?.pauses).toBeGreaterThan(0);
	});

	it('keeps one pacer across prompts: a second capped prompt starts with the first one in its window', async () => {
		const first = await engine.runPrompt(prompt, {temperature: 0, topP: 1, maxTokens: 16, cpuCapPct: 20, cpuCapWindowMs: 100});
		const second = await engine.runPrompt(prompt, {temperature: 0, topP: 1, maxTokens: 16, cpuCapPct: 20, cpuCapWindowMs: 100});
		expect(first.paced).toBeDefined();
		expect(second.paced?.pauses).toBeGreaterThan(0);
	});

	it('an abort during the paced prefill keeps the engine usable', async () => {
		const abort = new AbortController();
		const running = engine.runPrompt(prompt, {temperature: 0, topP: 1, maxTokens: 64, cpuCapPct: 1, cpuCapWindowMs: 1000, signal: abort.signal});
		setTimeout(() => abort.abort(), 20);
		const result = await running;
		expect(result.status).toBe('aborted');
		const after = await engine.runPrompt(prompt, {temperature: 0, topP: 1, maxTokens: 4});
		expect(after.status).toBe('ok');
	});
});
