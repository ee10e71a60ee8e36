import type {QuantName} from './file-types.js';
import {FILE_TYPES} from './file-types.js';
import type {GgmlTypeName} from './ggml-types.js';
import {typeTraits} from './ggml-types.js';
import type {LlamaShape, TensorSpec} from './llama-shape.js';

const FALLBACK: Partial<Record<GgmlTypeName, GgmlTypeName>> = {Q4_K: 'Q5_0', Q5_K: 'Q5_1', Q6_K: 'Q8_0'};

function wantsMoreBits(layer: number, layers: number): boolean {
	const eighth = Math.trunc(layers / 8);
	return layer < eighth || layer >= Math.trunc((7 * layers) / 8) || (layer - eighth) % 3 === 2;
}

function isQuantized(type: GgmlTypeName): boolean {
	return typeTraits(type).blockSize > 1;
}

function fitsRow(type: GgmlTypeName, rowLength: number): boolean {
	return rowLength % typeTraits(type).blockSize === 0;
}

function fallback(type: GgmlTypeName, rowLength: number): GgmlTypeName {
	if (fitsRow(type, rowLength)) return type;
	const smaller = FALLBACK[type] ?? type;
	return fitsRow(smaller, rowLength) ? smaller : 'F16';
}

function mixedType(tensor: TensorSpec, quant: QuantName, base: GgmlTypeName, shape: LlamaShape, tied: boolean): GgmlTypeName {
	const rowLength = tensor.dims[0] ?? 1;
	const kQuantM = quant === 'Q4_K_M' || quant === 'Q5_K_M';
	switch (tensor.role) {
		case 'output':
		case 'token_embd':
			if (tensor.role === 'token_embd' && !tied) return base;
			if (!fitsRow(base, rowLength)) return 'Q8_0';
			return base === 'Q8_0' ? 'Q8_0' : 'Q6_K';
		case 'attn_v': {
			let type = kQuantM && wantsMoreBits(tensor.layer, shape.blockCount) ? 'Q6_K' : base;
			const is70B = shape.blockCount === 80 && shape.headCountKv < shape.headCount;
			if (is70B && type === 'Q4_K') type = 'Q5_K';
			return type;
		}
		case 'ffn_down':
			return kQuantM && wantsMoreBits(tensor.layer, shape.blockCount) ? 'Q6_K' : base;
		default:
			return base;
	}
}

/**
 * The tensor types llama.cpp's `llama-quantize` gives a llama model for
 * `quant` (its `llama_tensor_get_type`, without imatrix or overrides): norms
 * stay F32; output (and tied token embeddings) go to Q6_K, or Q8_0 when the row
 * length does not fit the base type; Q4_K_M/Q5_K_M put Q6_K on attn_v and
 * ffn_down of the "use_more_bits" layers; a K-quant whose row length is not a
 * multiple of 256 falls back to Q5_0 (Q4_K), Q5_1 (Q5_K) or Q8_0 (Q6_K), and
 * to F16 when even that does not fit.
 */
export function chooseTensorTypes(tensors: readonly TensorSpec[], quant: QuantName, shape: LlamaShape): GgmlTypeName[] {
	const base = FILE_TYPES[quant].base;
	const tied = !tensors.some((tensor) => tensor.role === 'output');
	return tensors.map((tensor) => {
		const source = tensor.sourceType ?? (tensor.dims.length < 2 ? 'F32' : 'F16');
		if (tensor.dims.length < 2 || tensor.role === 'norm') return source;
		if (!isQuantized(base)) return base;
		return fallback(mixedType(tensor, quant, base, shape, tied), tensor.dims[0] ?? 1);
	});
}
