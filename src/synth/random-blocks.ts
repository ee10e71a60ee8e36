import {toF16Bits} from './f16.js';
import type {GgmlTypeName} from './ggml-types.js';
import {typeTraits} from './ggml-types.js';
import type {XorShift128} from './prng.js';

/** How a tensor's values are made: random weights, or a constant for norms (1) and biases (0). */
export type TensorInit = 'random' | 'ones' | 'zeros';

interface ScalePatch {
	/** Byte offset of the f16 scale (`d`) inside a block. */
	dAt: number;
	/** Byte offset of the f16 min / dmin field, when the type has one. */
	mAt?: number;
	/** 256 candidate f16 bit patterns for `d`, picked per block by a random byte. */
	d: Uint16Array;
	m?: Uint16Array;
}

function table(lowest: number, minFactor?: number): {d: Uint16Array; m?: Uint16Array} {
	const d = new Uint16Array(256);
	const m = minFactor === undefined ? undefined : new Uint16Array(256);
	for (let i = 0; i < 256; i++) {
		const value = lowest * (1 + i / 256);
		d[i] = toF16Bits(value);
		if (m) m[i] = toF16Bits(value * minFactor!);
	}
	return m ? {d, m} : {d};
}

const PATCHES: Partial<Record<GgmlTypeName, ScalePatch>> = {
	Q4_0: {dAt: 0, ...table(2 ** -8)},
	Q4_1: {dAt: 0, mAt: 2, ...table(2 ** -8, -7.5)},
	Q5_0: {dAt: 0, ...table(2 ** -9)},
	Q5_1: {dAt: 0, mAt: 2, ...table(2 ** -9, -15.5)},
	Q8_0: {dAt: 0, ...table(2 ** -12)},
	Q4_K: {dAt: 0, mAt: 2, ...table(2 ** -14, 7.5)},
	Q5_K: {dAt: 0, mAt: 2, ...table(2 ** -15, 15.5)},
	Q6_K: {dAt: 208, ...table(2 ** -16)},
};

function patchScales(bytes: Uint8Array, patch: ScalePatch, blockBytes: number): void {
	const {dAt, mAt, d, m} = patch;
	for (let o = 0; o + blockBytes <= bytes.length; o += blockBytes) {
		const pick = bytes[o + dAt + 1] ?? 0;
		const dBits = d[pick] ?? 0;
		bytes[o + dAt] = dBits & 0xff;
		bytes[o + dAt + 1] = dBits >>> 8;
		if (m !== undefined && mAt !== undefined) {
			const mBits = m[pick] ?? 0;
			bytes[o + mAt] = mBits & 0xff;
			bytes[o + mAt + 1] = mBits >>> 8;
		}
	}
}

function shapeF16(words: Uint32Array): void {
	for (let i = 0; i < words.length; i++) {
		const r = words[i] ?? 0;
		words[i] = (r & 0x83ff83ff) | ((((r >>> 10) & 3) + 7) << 10) | ((((r >>> 26) & 3) + 7) << 26);
	}
}

function shapeBF16(words: Uint32Array): void {
	for (let i = 0; i < words.length; i++) {
		const r = words[i] ?? 0;
		words[i] = (r & 0x807f807f) | ((((r >>> 7) & 3) + 119) << 7) | ((((r >>> 23) & 3) + 119) << 23);
	}
}

function shapeF32(words: Uint32Array): void {
	for (let i = 0; i < words.length; i++) {
		const r = words[i] ?? 0;
		words[i] = (r & 0x807fffff) | ((((r >>> 23) & 3) + 119) << 23);
	}
}

function fillConstant(type: GgmlTypeName, words: Uint32Array, init: 'ones' | 'zeros'): boolean {
	if (init === 'zeros' && (type === 'F32' || type === 'F16' || type === 'BF16')) {
		words.fill(0);
		return true;
	}
	if (type === 'F32') words.fill(0x3f800000);
	else if (type === 'F16') words.fill(0x3c003c00);
	else if (type === 'BF16') words.fill(0x3f803f80);
	else return false;
	return true;
}

/**
 * Fills `words` (a chunk of one tensor's data, a whole number of blocks, padded
 * to 4 bytes) with valid ggml data of `type`: random quants with small, finite
 * scales (weights of roughly ±0.02-0.06), or constants for norms and biases.
 * Consumes exactly `words.length` values of `rng`.
 */
export function fillTensorChunk(type: GgmlTypeName, words: Uint32Array, rng: XorShift128, init: TensorInit = 'random'): void {
	if (init !== 'random' && fillConstant(type, words, init)) return;
	rng.fill(words);
	if (type === 'F16') return shapeF16(words);
	if (type === 'BF16') return shapeBF16(words);
	if (type === 'F32') return shapeF32(words);
	const patch = PATCHES[type];
	if (!patch) throw new RangeError(`no block generator for ${type}`);
	patchScales(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), patch, typeTraits(type).blockBytes);
}
