import {getLlama, type Llama, type LlamaModel} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {IncrementalDetokenizer} from '../../src/engine/detokenizer.js';
import {openEngine} from '../../src/engine/open-engine.js';
import {needsSharedModel, SHARED_MODEL} from './gguf-fixture.js';

// A second opinion on a GGUF made by the upstream converter, with the real
// 32,000-token Llama-2 vocabulary (byte-fallback tokens for multi-byte text).
describe.skipIf(needsSharedModel())('the shared Llama-2 tiny model', () => {
	let llama: Llama;
	let model: LlamaModel;

	beforeAll(async () => {
		llama = await getLlama({gpu: false, build: 'never', progressLogs: false});
		model = await llama.loadModel({modelPath: SHARED_MODEL});
	});

	afterAll(async () => {
		await model?.dispose();
		await llama?.dispose();
	});

	it('incremental detokenization never splits a character on the real vocabulary', () => {
		const text = 'Zürich, 東京 and 🙂🚀 — naïve café';
		const tokens = model.tokenize(text);
		const detokenizer = new IncrementalDetokenizer((t, last) => model.detokenize(t, false, last));
		const pieces = tokens.map((token) => detokenizer.push(token));
		expect(pieces.some((p) => p === '')).toBe(true);
		expect(pieces.join('').includes('\uFFFD')).toBe(false);
		expect(pieces.join('') + detokenizer.flush()).toBe(model.detokenize(tokens));
	});

	it('runs a chat prompt through the General wrapper with one callback per token', async () => {
		await using engine = await openEngine({model: SHARED_MODEL, threads: 1, contextSize: 512});
		expect(engine.model).toMatchObject({name: 'LLaMA v2', chatTemplate: 'General (the model has no chat template)', synthetic: false});
		const texts: string[] = [];
		const result = await engine.runPrompt(
			{id: 's', prompt: 'What is 2 + 2?', system: 'Answer briefly.'},
			{
				temperature: 0.7,
				topP: 0.9,
				seed: 11,
				maxTokens: 40,
				onToken: (_i, text) => texts.push(text),
			},
		);
		expect(result.status).toBe('ok');
		expect(texts).toHaveLength(result.outputTokens);
		if (result.stopReason !== 'stop-trigger') expect(texts.join('')).toBe(result.response);
	});
});
