import {describe, expect, it} from 'vitest';
import {toBf16Bits, toF16Bits} from '../../src/synth/f16.js';
import type {GgmlTypeName} from '../../src/synth/ggml-types.js';
import {typeTraits} from '../../src/synth/ggml-types.js';
import {XorShift128} from '../../src/synth/prng.js';
import {quantize} from '../../src/synth/quant/index.js';
import {fillTensorChunk} from '../../src/synth/random-blocks.js';
import {blockOf, dequantize, f16ToFloat} from './dequantize.js';

function randomValues(count: number, seed: number, scale = 1): Float32Array {
	let state = seed >>> 0;
	const out = new Float32Array(count);
	for (let i = 0; i < count; i++) {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		out[i] = ((state / 2 ** 32) * 2 - 1) * scale;
	}
	return out;
}

function blockStats(values: Float32Array, start: number, size: number): {amax: number; range: number} {
	let min = Infinity;
	let max = -Infinity;
	for (let i = start; i < start + size; i++) {
		min = Math.min(min, values[i]!);
		max = Math.max(max, values[i]!);
	}
	return {amax: Math.max(Math.abs(min), Math.abs(max)), range: max - Math.min(min, 0)};
}

/** Largest error the round-to-nearest encoder may make on one block, from the block's values. */
const TOLERANCE: Record<GgmlTypeName, (block: {amax: number; range: number}) => number> = {
	F32: () => 0,
	F16: ({amax}) => amax * 2 ** -11,
	BF16: ({amax}) => amax * 2 ** -8,
	Q8_0: ({amax}) => amax / 127,
	Q4_0: ({amax}) => amax / 8,
	Q4_1: ({range}) => range / 15,
	Q5_0: ({amax}) => amax / 16,
	Q5_1: ({range}) => range / 31,
	Q4_K: ({range}) => (2 * range) / 15,
	Q5_K: ({range}) => (2 * range) / 31,
	Q6_K: ({amax}) => (2 * amax) / 32,
};

const TYPES = Object.keys(TOLERANCE) as GgmlTypeName[];

describe('f16 conversion', () => {
	it.each([
		[1, 0x3c00],
		[-2, 0xc000],
		[0, 0],
		[65504, 0x7bff],
		[70000, 0x7c00],
		[2 ** -24, 1],
		[1e-9, 0],
		[1 + 2 ** -11, 0x3c00],
		[1 + 3 * 2 ** -11, 0x3c02],
		[0.1, 0x2e66],
	])('%d -> %i', (value, bits) => {
		expect(toF16Bits(value)).toBe(bits);
	});

	it('round-trips every finite half', () => {
		for (let bits = 0; bits < 0x7c00; bits++) expect(toF16Bits(f16ToFloat(bits))).toBe(bits);
	});

	it('bfloat16 keeps the top half of float32', () => {
		expect(toBf16Bits(1)).toBe(0x3f80);
		expect(toBf16Bits(-0.5)).toBe(0xbf00);
	});
});

describe('quant block encoders against the reference dequantizer', () => {
	it.each(TYPES)('%s blocks decode to the encoded values within one quantization step', (type) => {
		const {weights, bytes} = blockOf(type);
		expect(typeTraits(type)).toMatchObject({blockSize: weights, blockBytes: bytes});
		for (const scale of [1, 0.02, 300]) {
			const values = randomValues(4 * 256, 7 + scale, scale);
			const encoded = quantize(type, values);
			expect(encoded.length).toBe((values.length / weights) * bytes);
			const decoded = dequantize(type, encoded);
			const group = Math.max(weights, 32);
			for (let start = 0; start < values.length; start += group) {
				const limit = TOLERANCE[type](blockStats(values, start, group)) + 1e-12;
				for (let i = start; i < start + group; i++) {
					expect(Math.abs(decoded[i]! - Math.fround(values[i]!))).toBeLessThanOrEqual(limit);
				}
			}
		}
	});

	it.each(TYPES)('%s encodes all-zero input as zeros', (type) => {
		const decoded = dequantize(type, quantize(type, new Float32Array(256)));
		expect([...decoded].every((value) => value === 0)).toBe(true);
	});

	it.each(TYPES)('%s survives a block with one outlier', (type) => {
		const values = randomValues(256, 3, 0.01);
		values[17] = 5;
		const decoded = dequantize(type, quantize(type, values));
		expect([...decoded].every(Number.isFinite)).toBe(true);
		expect(Math.abs(decoded[17]! - 5)).toBeLessThan(0.5);
	});

	it('rejects lengths that are not whole blocks', () => {
		expect(() => quantize('Q4_0', new Float32Array(33))).toThrow(RangeError);
		expect(() => quantize('Q6_K', new Float32Array(128))).toThrow(RangeError);
	});
});

describe('random blocks for model weights', () => {
	it.each(TYPES)('%s random data decodes to small finite weights', (type) => {
		const {weights, bytes} = blockOf(type);
		const blocks = 4 * (256 / weights) * 8;
		const words = new Uint32Array(Math.ceil((blocks * bytes) / 4));
		fillTensorChunk(type, words, new XorShift128(42, 1));
		const decoded = dequantize(type, new Uint8Array(words.buffer, 0, blocks * bytes));
		let sumSquares = 0;
		for (const value of decoded) {
			expect(Number.isFinite(value)).toBe(true);
			expect(Math.abs(value)).toBeLessThan(0.5);
			sumSquares += value * value;
		}
		const rms = Math.sqrt(sumSquares / decoded.length);
		expect(rms).toBeGreaterThan(0.005);
		expect(rms).toBeLessThan(0.1);
	});

	it('fills norms with ones and biases with zeros', () => {
		const words = new Uint32Array(8);
		fillTensorChunk('F32', words, new XorShift128(1), 'ones');
		expect([...new Float32Array(words.buffer)]).toEqual(new Array(8).fill(1));
		fillTensorChunk('F16', words, new XorShift128(1), 'zeros');
		expect([...words]).toEqual(new Array(8).fill(0));
	});

	it('is deterministic per seed and stream', () => {
		const a = new Uint32Array(64);
		const b = new Uint32Array(64);
		const c = new Uint32Array(64);
		new XorShift128(5, 9).fill(a);
		new XorShift128(5, 9).fill(b);
		new XorShift128(5, 10).fill(c);
		expect(b).toEqual(a);
		expect(c).not.toEqual(a);
	});
});
