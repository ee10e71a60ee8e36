import type {GgmlTypeName} from '../ggml-types.js';
import {encodeBF16, encodeF16, encodeF32} from './float.js';
import {quantizeQ4_K, quantizeQ5_K, quantizeQ6_K} from './kquants.js';
import {quantizeQ4_0, quantizeQ4_1, quantizeQ5_0, quantizeQ5_1, quantizeQ8_0} from './legacy.js';

const ENCODERS: Record<GgmlTypeName, (values: Float32Array) => Uint8Array> = {
	F32: encodeF32,
	F16: encodeF16,
	BF16: encodeBF16,
	Q4_0: quantizeQ4_0,
	Q4_1: quantizeQ4_1,
	Q5_0: quantizeQ5_0,
	Q5_1: quantizeQ5_1,
	Q8_0: quantizeQ8_0,
	Q4_K: quantizeQ4_K,
	Q5_K: quantizeQ5_K,
	Q6_K: quantizeQ6_K,
};

/**
 * Encodes float weights into ggml blocks of `type` by round-to-nearest (a
 * reference quantizer: exact block layouts, not llama.cpp's error-minimising search).
 */
export function quantize(type: GgmlTypeName, values: Float32Array): Uint8Array {
	return ENCODERS[type](values);
}
