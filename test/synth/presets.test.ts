import {describe, expect, it} from 'vitest';
import type {QuantName} from '../../src/synth/file-types.js';
import {QUANTS} from '../../src/synth/file-types.js';
import {estimateFileSize, listPresets} from '../../src/synth/index.js';
import {llamaTensors} from '../../src/synth/llama-shape.js';
import {PRESETS, findPreset} from '../../src/synth/presets.js';
import {chooseTensorTypes} from '../../src/synth/quant-mix.js';
import {planPreset} from '../../src/synth/write-model.js';

function typesOf(presetName: string, quant: QuantName): Map<string, string> {
	const preset = findPreset(presetName)!;
	const tensors = llamaTensors(preset.shape);
	const types = chooseTensorTypes(tensors, quant, preset.shape);
	return new Map(tensors.map((tensor, i) => [tensor.name, types[i]!]));
}

function histogram(types: Map<string, string>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const type of types.values()) out[type] = (out[type] ?? 0) + 1;
	return out;
}

describe('presets', () => {
	it('lists every preset with its published source and what it does not reproduce', () => {
		const presets = listPresets();
		expect(presets.map((p) => p.name)).toEqual(['tiny', 'smollm2-135m', 'qwen2.5-0.5b', 'llama-3.2-1b', 'tinyllama-1.1b', 'lfm2.5-1.2b', 'llama-3.2-3b']);
		for (const preset of presets) {
			expect(preset.architecture).toBe('llama');
			expect(preset.quants).toEqual([...QUANTS]);
			expect(preset.quants).toContain(preset.defaultQuant);
			expect(preset.notReproduced.length).toBeGreaterThan(0);
			if (preset.name !== 'tiny') expect(preset.source).toMatch(/^https:\/\/huggingface\.co\//);
		}
	});

	it.each(PRESETS.filter((p) => p.publishedParameters > 0).map((p) => [p.name, p] as const))('%s has the published parameter count', (name, preset) => {
		const count = listPresets().find((p) => p.name === name)!.parameterCount;
		const tolerance = name === 'lfm2.5-1.2b' ? 0.07 : 0.015;
		expect(Math.abs(count - preset.publishedParameters) / preset.publishedParameters).toBeLessThan(tolerance);
	});

	it('has head widths that divide evenly and fit quant blocks', () => {
		for (const {shape} of PRESETS) {
			expect(shape.embeddingLength % shape.headCount).toBe(0);
			expect(shape.headCount % shape.headCountKv).toBe(0);
			expect(shape.embeddingLength % 32).toBe(0);
			expect(shape.feedForwardLength % 32).toBe(0);
		}
	});

	it('keeps the tiny preset under 5 MB at every quantization', () => {
		for (const quant of QUANTS) expect(estimateFileSize('tiny', quant)).toBeLessThan(5_000_000);
	});

	it.each(PRESETS.map((p) => p.name))('%s: the header math gives the sizes and shapes written', (name) => {
		const preset = findPreset(name)!;
		for (const quant of QUANTS) {
			const plan = planPreset(name, quant);
			expect(plan.layout.totalBytes).toBe(estimateFileSize(name, quant));
			expect(plan.layout.header.length % 32).toBe(0);
			const embd = plan.layout.tensors.find((t) => t.name === 'token_embd.weight')!;
			expect(embd.dims).toEqual([preset.shape.embeddingLength, preset.shape.vocabSize]);
			expect(plan.layout.tensors.some((t) => t.name === 'output.weight')).toBe(!preset.shape.tiedEmbeddings);
			expect(plan.layout.tensors.length).toBe(2 + 9 * preset.shape.blockCount + (preset.shape.tiedEmbeddings ? 0 : 1));
		}
	});
});

describe('Q4_K_M and friends as llama-quantize lays them out', () => {
	it('a 576-wide model (SmolLM2-135M) is mostly Q5_0 and Q8_0', () => {
		const types = typesOf('smollm2-135m', 'Q4_K_M');
		expect(types.get('token_embd.weight')).toBe('Q8_0');
		expect(types.get('blk.0.attn_q.weight')).toBe('Q5_0');
		expect(types.get('blk.0.attn_v.weight')).toBe('Q8_0');
		expect(types.get('blk.4.attn_v.weight')).toBe('Q5_0');
		expect(types.get('blk.5.attn_v.weight')).toBe('Q8_0');
		expect(types.get('blk.0.ffn_down.weight')).toBe('Q6_K');
		expect(types.get('blk.4.ffn_down.weight')).toBe('Q4_K');
		expect(types.get('blk.0.attn_norm.weight')).toBe('F32');
		// 30 layers: use_more_bits is true for 0-2, 26-29 and 5, 8, ..., 23 (14 layers)
		expect(histogram(types)).toEqual({F32: 61, Q8_0: 15, Q5_0: 166, Q6_K: 14, Q4_K: 16});
	});

	it('an 896-wide model (Qwen2.5-0.5B) falls back the same way', () => {
		const counts = histogram(typesOf('qwen2.5-0.5b', 'Q4_K_M'));
		expect((counts.Q5_0 ?? 0) + (counts.Q8_0 ?? 0)).toBeGreaterThan((counts.Q4_K ?? 0) + (counts.Q6_K ?? 0));
	});

	it('Llama-3.2-1B gets Q6_K on tied embeddings and on attn_v/ffn_down of the use_more_bits layers', () => {
		const types = typesOf('llama-3.2-1b', 'Q4_K_M');
		expect(types.get('token_embd.weight')).toBe('Q6_K');
		const moreBits = [0, 1, 4, 7, 10, 13, 14, 15];
		for (let layer = 0; layer < 16; layer++) {
			const expected = moreBits.includes(layer) ? 'Q6_K' : 'Q4_K';
			expect(types.get(`blk.${layer}.attn_v.weight`)).toBe(expected);
			expect(types.get(`blk.${layer}.ffn_down.weight`)).toBe(expected);
			expect(types.get(`blk.${layer}.attn_q.weight`)).toBe('Q4_K');
		}
	});

	it('TinyLlama keeps token embeddings at the base type when the output is untied', () => {
		const types = typesOf('tinyllama-1.1b', 'Q4_K_M');
		expect(types.get('token_embd.weight')).toBe('Q4_K');
		expect(types.get('output.weight')).toBe('Q6_K');
		expect(typesOf('tinyllama-1.1b', 'Q4_0').get('output.weight')).toBe('Q6_K');
		expect(typesOf('tinyllama-1.1b', 'Q8_0').get('output.weight')).toBe('Q8_0');
		expect(typesOf('tinyllama-1.1b', 'Q5_K_M').get('blk.0.ffn_down.weight')).toBe('Q6_K');
		expect(typesOf('tinyllama-1.1b', 'Q5_K_M').get('blk.3.ffn_down.weight')).toBe('Q5_K');
	});

	it('Q5_K_M falls back to Q5_1 on rows that are not a multiple of 256', () => {
		expect(typesOf('smollm2-135m', 'Q5_K_M').get('blk.3.attn_q.weight')).toBe('Q5_1');
	});

	it('F16 keeps 2D tensors F16 and norms F32', () => {
		expect(histogram(typesOf('tiny', 'F16'))).toEqual({F32: 5, F16: 15});
	});

	it('comes out at the size quantizers publish for TinyLlama-1.1B Q4_K_M (about 670 MB)', () => {
		expect(Math.abs(estimateFileSize('tinyllama-1.1b', 'Q4_K_M') / 670e6 - 1)).toBeLessThan(0.02);
	});
});
