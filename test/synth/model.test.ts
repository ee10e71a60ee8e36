import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {LlamaChatSession, readGgufFileInfo, resolveChatWrapper} from 'node-llama-cpp';
import type {LlamaModel} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {writeSyntheticModel} from '../../src/synth/index.js';
import {planLlamaModel} from '../../src/synth/model-plan.js';
import {writePlan} from '../../src/synth/write-plan.js';
import {cpuLlama, tempDir} from './helpers.js';

const sha256 = async (path: string): Promise<string> =>
	createHash('sha256')
		.update(await readFile(path))
		.digest('hex');

async function generate(model: LlamaModel, prompt: string, count: number): Promise<{tokens: number[]; confidences: number[]}> {
	const context = await model.createContext({contextSize: 256, threads: 1});
	try {
		const sequence = context.getSequence();
		const tokens: number[] = [];
		const confidences: number[] = [];
		for await (const {token, confidence} of sequence.evaluateWithMetadata(model.tokenize(prompt), {confidence: true}, {temperature: 0.8, seed: 1})) {
			tokens.push(token);
			confidences.push(confidence);
			if (tokens.length >= count) break;
		}
		return {tokens, confidences};
	} finally {
		await context.dispose();
	}
}

describe('synthetic models in the real node-llama-cpp', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	beforeAll(async () => ({dir, cleanup} = await tempDir()));
	afterAll(() => cleanup());

	it('the tiny preset loads and generates tokens with finite probabilities', async () => {
		const result = await writeSyntheticModel({preset: 'tiny', out: join(dir, 'tiny.gguf')});
		expect(result).toMatchObject({quant: 'Q8_0', parameterCount: 1_696_064});
		expect(result.bytes).toBeLessThan(5_000_000);
		const model = await (await cpuLlama()).loadModel({modelPath: result.path});
		try {
			const {tokens, confidences} = await generate(model, 'The security of the network', 16);
			expect(tokens.length).toBe(16);
			for (const confidence of confidences) expect(confidence).toBeGreaterThan(0);
			expect(model.detokenize(tokens as never).length).toBeGreaterThan(0);
		} finally {
			await model.dispose();
		}
	});

	it.each(['Q4_K_M', 'Q5_K_M', 'Q6_K', 'Q4_0', 'F16'])('tiny at %s (every block type in use) gives finite logits', async (quant) => {
		const {path} = await writeSyntheticModel({preset: 'tiny', quant, out: join(dir, `tiny-${quant}.gguf`)});
		const model = await (await cpuLlama()).loadModel({modelPath: path});
		try {
			const {confidences} = await generate(model, 'Defenders respond by reducing the attack surface', 8);
			for (const confidence of confidences) {
				expect(Number.isFinite(confidence)).toBe(true);
				expect(confidence).toBeGreaterThan(0);
			}
		} finally {
			await model.dispose();
		}
	});

	it('parses back with the metadata and tensor shapes of the preset', async () => {
		const {path} = await writeSyntheticModel({preset: 'tiny', quant: 'Q4_K_M', seed: 3, out: join(dir, 'tiny-meta.gguf')});
		const info = await readGgufFileInfo(path, {logWarnings: false});
		const {general, llama, tokenizer} = info.metadata as unknown as Record<string, Record<string, unknown>>;
		expect(general).toMatchObject({architecture: 'llama', file_type: 15, quantization_version: 2});
		expect(String(general!.name)).toContain('synthetic');
		expect(llama).toMatchObject({
			context_length: 2048,
			embedding_length: 64,
			block_count: 2,
			feed_forward_length: 256,
			vocab_size: 24576,
			rope: {dimension_count: 32, freq_base: 10000},
			attention: {head_count: 2, head_count_kv: 1},
		});
		expect((tokenizer!.ggml as Record<string, unknown>).model).toBe('llama');
		expect(((tokenizer!.ggml as Record<string, unknown>).tokens as string[]).length).toBe(24576);
		const shapes = Object.fromEntries((info.fullTensorInfo ?? []).map((t) => [t.name, t.dimensions.map(Number)]));
		expect(shapes).toMatchObject({
			'token_embd.weight': [64, 24576],
			'output_norm.weight': [64],
			'blk.1.attn_q.weight': [64, 64],
			'blk.1.attn_k.weight': [64, 32],
			'blk.1.attn_v.weight': [64, 32],
			'blk.1.attn_output.weight': [64, 64],
			'blk.1.ffn_gate.weight': [64, 256],
			'blk.1.ffn_up.weight': [64, 256],
			'blk.1.ffn_down.weight': [256, 64],
		});
		expect(shapes['output.weight']).toBeUndefined();
	});

	it('is deterministic: same preset, quant and seed give byte-identical files; another seed does not', async () => {
		const a = await writeSyntheticModel({preset: 'tiny', quant: 'Q4_K_M', seed: 7, out: join(dir, 'a.gguf')});
		const b = await writeSyntheticModel({preset: 'tiny', quant: 'Q4_K_M', seed: 7, out: join(dir, 'b.gguf')});
		const c = await writeSyntheticModel({preset: 'tiny', quant: 'Q4_K_M', seed: 8, out: join(dir, 'c.gguf')});
		expect(await sha256(b.path)).toBe(await sha256(a.path));
		expect(await sha256(c.path)).not.toBe(await sha256(a.path));
	});

	it('reports monotonic progress up to the file size', async () => {
		const seen: number[] = [];
		const result = await writeSyntheticModel({preset: 'tiny', out: join(dir, 'progress.gguf'), onProgress: (written, total) => seen.push(written / total)});
		expect(seen.length).toBeGreaterThan(0);
		expect([...seen].sort((x, y) => x - y)).toEqual(seen);
		expect(seen.at(-1)).toBe(1);
		expect(result.bytes).toBe((await readFile(result.path)).length);
	});

	it("a vocabulary with ChatML tokens resolves to node-llama-cpp's ChatML wrapper and chats", async () => {
		const plan = planLlamaModel({
			name: 'synthetic chatml probe',
			origin: 'test',
			quant: 'Q8_0',
			seed: 0,
			chatml: true,
			shape: {
				vocabSize: 8192,
				embeddingLength: 64,
				blockCount: 1,
				feedForwardLength: 128,
				headCount: 2,
				headCountKv: 1,
				contextLength: 512,
				ropeFreqBase: 10000,
				rmsEpsilon: 1e-5,
				tiedEmbeddings: true,
			},
		});
		const {path} = await writePlan(join(dir, 'chatml.gguf'), plan);
		const model = await (await cpuLlama()).loadModel({modelPath: path});
		try {
			expect(resolveChatWrapper(model, {warningLogs: false}).wrapperName).toBe('ChatML');
			const context = await model.createContext({contextSize: 256, threads: 1});
			const session = new LlamaChatSession({contextSequence: context.getSequence()});
			const answer = await session.prompt('Is the server patched?', {maxTokens: 8, temperature: 0.8, seed: 1});
			expect(typeof answer).toBe('string');
			await context.dispose();
		} finally {
			await model.dispose();
		}
	});
});
