import {LikeModelError} from './errors.js';
import type {GgufKv, GgufNumberType} from './gguf-encode.js';

const KEY_TYPES: Record<string, GgufNumberType | 'string' | 'bool'> = {
	context_length: 'uint32',
	embedding_length: 'uint32',
	block_count: 'uint32',
	feed_forward_length: 'uint32',
	'rope.dimension_count': 'uint32',
	'rope.freq_base': 'float32',
	'rope.scaling.type': 'string',
	'rope.scaling.factor': 'float32',
	'rope.scaling.original_context_length': 'uint32',
	'rope.scaling.finetuned': 'bool',
	'attention.head_count': 'uint32',
	'attention.head_count_kv': 'uint32',
	'attention.layer_norm_rms_epsilon': 'float32',
	'attention.key_length': 'uint32',
	'attention.value_length': 'uint32',
	expert_count: 'uint32',
	expert_used_count: 'uint32',
};

const REQUIRED = ['embedding_length', 'block_count', 'feed_forward_length', 'attention.head_count'];

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, child] of Object.entries(value)) flatten(child, prefix === '' ? key : `${prefix}.${key}`, out);
	} else {
		out.set(prefix, value);
	}
	return out;
}

function toKv(key: string, type: GgufNumberType | 'string' | 'bool', value: unknown): GgufKv | undefined {
	if (type === 'string') return typeof value === 'string' ? {key, value: {type, value}} : undefined;
	if (type === 'bool') return typeof value === 'boolean' ? {key, value: {type, value}} : undefined;
	if (typeof value === 'number' || typeof value === 'bigint') return {key, value: {type, value: Number(value)}};
	if (Array.isArray(value) && value.every((item) => typeof item === 'number' || typeof item === 'bigint')) {
		return {key, value: {type: 'array', itemType: type === 'float32' ? 'float32' : 'int32', values: value.map(Number)}};
	}
	return undefined;
}

/**
 * The `llama.*` keys of a cloned model with the GGUF types llama.cpp expects
 * (node-llama-cpp's parsed metadata loses the stored types); keys this package
 * does not know are dropped, and `vocab_size` is set to the clone's.
 */
export function likeHyperparameters(path: string, llama: Record<string, unknown>, vocabSize: number): GgufKv[] {
	const values = flatten(llama);
	for (const key of REQUIRED) {
		if (!values.has(key)) throw new LikeModelError(path, `missing metadata key llama.${key}`);
	}
	const kvs: GgufKv[] = [];
	for (const [key, type] of Object.entries(KEY_TYPES)) {
		const kv = toKv(`llama.${key}`, type, values.get(key));
		if (kv) kvs.push(kv);
	}
	kvs.push({key: 'llama.vocab_size', value: {type: 'uint32', value: vocabSize}});
	return kvs;
}
