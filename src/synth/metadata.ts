import type {GgufKv} from './gguf-encode.js';
import type {LlamaShape} from './llama-shape.js';
import {headDimOf} from './llama-shape.js';
import type {Vocabulary} from './vocab.js';

/** The ChatML template (the one SmolLM2-Instruct and Qwen2.5-Instruct use, without their default system prompts). */
export const CHATML_TEMPLATE =
	"{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/**
 * The GGUF key that marks a file as one of llmtop's random-weight models (a
 * bool, `true`): the only thing llmtop reads to tell a synthetic model, never
 * its name. Beside it: `llmtop.synthetic_origin` (preset, or `like:FILE`),
 * `llmtop.synthetic_seed` and `llmtop.writer_version` (flat keys: a key that
 * is also a prefix of others would not nest in readers such as node-llama-cpp's).
 */
export const SYNTHETIC_KEY = 'llmtop.synthetic';

/** True when parsed GGUF metadata (nested by dots, as node-llama-cpp gives it) carries {@link SYNTHETIC_KEY} = true. */
export function hasSyntheticKey(metadata: unknown): boolean {
	const llmtop = (metadata as {llmtop?: unknown} | null | undefined)?.llmtop;
	return typeof llmtop === 'object' && llmtop !== null && (llmtop as {synthetic?: unknown}).synthetic === true;
}

/** Identity of a synthetic file, written to `general.*` and the `llmtop.*` keys. */
export interface SyntheticIdentity {
	/** `general.name`; always says "synthetic". */
	name: string;
	/** Preset name, or `like:FILE` for a clone. */
	origin: string;
	seed: number;
	writerVersion: number;
}

function u32(key: string, value: number): GgufKv {
	return {key, value: {type: 'uint32', value}};
}

function f32(key: string, value: number): GgufKv {
	return {key, value: {type: 'float32', value}};
}

/** The `llama.*` hyperparameter keys of `shape`. */
export function llamaHyperparameters(shape: LlamaShape): GgufKv[] {
	const kvs = [
		u32('llama.context_length', shape.contextLength),
		u32('llama.embedding_length', shape.embeddingLength),
		u32('llama.block_count', shape.blockCount),
		u32('llama.feed_forward_length', shape.feedForwardLength),
		u32('llama.rope.dimension_count', headDimOf(shape)),
		f32('llama.rope.freq_base', shape.ropeFreqBase),
		u32('llama.attention.head_count', shape.headCount),
		u32('llama.attention.head_count_kv', shape.headCountKv),
		f32('llama.attention.layer_norm_rms_epsilon', shape.rmsEpsilon),
		u32('llama.vocab_size', shape.vocabSize),
	];
	if (shape.headDim !== undefined && shape.headDim !== shape.embeddingLength / shape.headCount) {
		kvs.push(u32('llama.attention.key_length', shape.headDim), u32('llama.attention.value_length', shape.headDim));
	}
	return kvs;
}

/** The `tokenizer.ggml.*` keys (SentencePiece "llama" model) of `vocabulary`, plus the ChatML template when it has those tokens. */
export function tokenizerMetadata(vocabulary: Vocabulary): GgufKv[] {
	const kvs: GgufKv[] = [
		{key: 'tokenizer.ggml.model', value: {type: 'string', value: 'llama'}},
		{key: 'tokenizer.ggml.tokens', value: {type: 'array', itemType: 'string', values: vocabulary.tokens}},
		{key: 'tokenizer.ggml.scores', value: {type: 'array', itemType: 'float32', values: vocabulary.scores}},
		{key: 'tokenizer.ggml.token_type', value: {type: 'array', itemType: 'int32', values: vocabulary.types}},
		u32('tokenizer.ggml.bos_token_id', vocabulary.bosId),
		u32('tokenizer.ggml.eos_token_id', vocabulary.eosId),
		u32('tokenizer.ggml.unknown_token_id', vocabulary.unkId),
		{key: 'tokenizer.ggml.add_bos_token', value: {type: 'bool', value: true}},
		{key: 'tokenizer.ggml.add_eos_token', value: {type: 'bool', value: false}},
	];
	if (vocabulary.chatml) {
		kvs.push(u32('tokenizer.ggml.eot_token_id', vocabulary.chatml.imEndId));
		kvs.push({key: 'tokenizer.chat_template', value: {type: 'string', value: CHATML_TEMPLATE}});
	}
	return kvs;
}

/** The complete metadata of a synthetic llama model, given its `llama.*` keys. */
export function syntheticMetadata(identity: SyntheticIdentity, hyperparameters: readonly GgufKv[], fileType: number, vocabulary: Vocabulary): GgufKv[] {
	return [
		{key: 'general.architecture', value: {type: 'string', value: 'llama'}},
		{key: 'general.name', value: {type: 'string', value: identity.name}},
		u32('general.file_type', fileType),
		u32('general.quantization_version', 2),
		...hyperparameters,
		...tokenizerMetadata(vocabulary),
		{key: SYNTHETIC_KEY, value: {type: 'bool', value: true}},
		{key: 'llmtop.synthetic_origin', value: {type: 'string', value: identity.origin}},
		u32('llmtop.synthetic_seed', identity.seed),
		u32('llmtop.writer_version', identity.writerVersion),
	];
}
