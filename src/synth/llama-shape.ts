import type {GgmlTypeName} from './ggml-types.js';
import {elementCount} from './ggml-types.js';

/** Hyperparameters of a llama-architecture model (the GGUF `llama.*` keys and the vocabulary size). */
export interface LlamaShape {
	vocabSize: number;
	embeddingLength: number;
	blockCount: number;
	feedForwardLength: number;
	headCount: number;
	headCountKv: number;
	/** Per-head width; `embeddingLength / headCount` when omitted. */
	headDim?: number;
	contextLength: number;
	ropeFreqBase: number;
	rmsEpsilon: number;
	/** The real model shares token embeddings with the output layer: no `output.weight` is written. */
	tiedEmbeddings: boolean;
}

/** What a tensor does, as llama.cpp's quantizer classifies it. */
export type TensorRole = 'token_embd' | 'output' | 'attn_q' | 'attn_k' | 'attn_v' | 'attn_output' | 'ffn_gate' | 'ffn_up' | 'ffn_down' | 'norm' | 'other';

/** A tensor of a model before its type is chosen. */
export interface TensorSpec {
	name: string;
	/** ggml order: `dims[0]` is the row length. */
	dims: readonly number[];
	role: TensorRole;
	/** Block index for `blk.N.*` tensors, else -1. */
	layer: number;
	/** The type the tensor has before quantization (what the HF converter writes). */
	sourceType?: GgmlTypeName;
}

/** Per-head width of `shape`. */
export function headDimOf(shape: LlamaShape): number {
	return shape.headDim ?? shape.embeddingLength / shape.headCount;
}

/**
 * The tensors of a llama model in the order llama.cpp's quantizer writes them
 * (non-block tensors by name, then each block's tensors by name).
 */
export function llamaTensors(shape: LlamaShape): TensorSpec[] {
	const embd = shape.embeddingLength;
	const qWidth = headDimOf(shape) * shape.headCount;
	const kvWidth = headDimOf(shape) * shape.headCountKv;
	const ff = shape.feedForwardLength;
	const tensors: TensorSpec[] = [];
	if (!shape.tiedEmbeddings) tensors.push({name: 'output.weight', dims: [embd, shape.vocabSize], role: 'output', layer: -1});
	tensors.push({name: 'output_norm.weight', dims: [embd], role: 'norm', layer: -1});
	tensors.push({name: 'token_embd.weight', dims: [embd, shape.vocabSize], role: 'token_embd', layer: -1});
	for (let i = 0; i < shape.blockCount; i++) {
		const blk = `blk.${i}`;
		tensors.push(
			{name: `${blk}.attn_k.weight`, dims: [embd, kvWidth], role: 'attn_k', layer: i},
			{name: `${blk}.attn_norm.weight`, dims: [embd], role: 'norm', layer: i},
			{name: `${blk}.attn_output.weight`, dims: [qWidth, embd], role: 'attn_output', layer: i},
			{name: `${blk}.attn_q.weight`, dims: [embd, qWidth], role: 'attn_q', layer: i},
			{name: `${blk}.attn_v.weight`, dims: [embd, kvWidth], role: 'attn_v', layer: i},
			{name: `${blk}.ffn_down.weight`, dims: [ff, embd], role: 'ffn_down', layer: i},
			{name: `${blk}.ffn_gate.weight`, dims: [embd, ff], role: 'ffn_gate', layer: i},
			{name: `${blk}.ffn_norm.weight`, dims: [embd], role: 'norm', layer: i},
			{name: `${blk}.ffn_up.weight`, dims: [embd, ff], role: 'ffn_up', layer: i},
		);
	}
	return tensors;
}

/** Total weights of `tensors`. */
export function parameterCount(tensors: readonly {dims: readonly number[]}[]): number {
	return tensors.reduce((sum, tensor) => sum + elementCount(tensor.dims), 0);
}
