import type {GgufHeader, GgufMetaValue} from '../synth/gguf-read.js';
import {BadHyperparameterError} from './errors.js';

/** LLAMA_MAX_LAYERS and LLAMA_MAX_EXPERTS in llama-hparams.h (v0.4.0, 80fb11a). */
const MAX_LAYERS = 512;
const MAX_EXPERTS = 1024;
/** llama-model.cpp's LLAMA_ROPE_SCALING_TYPES (an unknown name is GGML_ASSERT'ed). */
const ROPE_SCALING_TYPES = new Set(['none', 'linear', 'yarn', 'longrope']);
/** Tokenizer models llama-vocab.cpp's load() knows; anything else throws there. */
const TOKENIZERS = new Set(['llama', 'bert', 'gpt2', 'hybriddna', 'whitespace', 't5', 'rwkv', 'plamo2', 'gemma4', 'no_vocab', 'none']);
/** Tokenizers whose byte_to_token() looks up `<0xXX>` tokens with `.at()` (std::out_of_range when absent). */
const BYTE_TOKENIZERS = new Set(['llama', 'plamo2']);
/** Architectures without feed-forward blocks (recurrent state-space models). */
const NO_FFN = /mamba|rwkv/;

type Check = (key: string, value: GgufMetaValue | undefined) => void;

function numbers(value: GgufMetaValue | undefined): number[] | undefined {
	if (typeof value === 'number') return [value];
	if (typeof value === 'bigint') return [Number(value)];
	if (typeof value === 'object' && value.values?.every((v) => typeof v === 'number' || typeof v === 'bigint')) return value.values.map(Number);
	return undefined;
}

/**
 * Checks the hyperparameters llama.cpp (v0.4.0, 80fb11a) asserts on or
 * misuses, so a crafted file is a named error instead of an abort of the whole
 * process (GGML_ASSERT, std::out_of_range) or a NaN at the first decode:
 * block count in 1..512, non-zero head counts dividing the embedding width and
 * each other, expert counts, a non-zero feed-forward width, finite positive
 * epsilons, a known rope scaling type and tokenizer, and the `<0xXX>` byte
 * tokens an SPM vocabulary needs. Keys absent from the file are left to
 * llama.cpp's defaults and its own (non-fatal) errors.
 *
 * @throws BadHyperparameterError naming the key and value
 */
export function checkHyperparameters(header: GgufHeader): void {
	const meta = header.metadata;
	const bad = (key: string, value: unknown, expected: string): never => {
		throw new BadHyperparameterError(header.path, key, value, expected);
	};
	const arch = meta.get('general.architecture');
	if (typeof arch !== 'string' || arch === '') bad('general.architecture', arch, 'an architecture name');
	const a = arch as string;
	const get = (key: string): GgufMetaValue | undefined => meta.get(`${a}.${key}`);
	const integerIn =
		(min: number, max: number): Check =>
		(key, value) => {
			if (value === undefined) return;
			const list = numbers(value);
			if (!list || list.some((n) => !Number.isInteger(n) || n < min || n > max)) bad(`${a}.${key}`, value, `an integer from ${min} to ${max}`);
		};
	const positiveFinite: Check = (key, value) => {
		if (value === undefined) return;
		const list = numbers(value);
		if (!list || list.some((n) => !Number.isFinite(n) || n <= 0)) bad(`${a}.${key}`, value, 'a finite number above 0');
	};

	integerIn(1, MAX_LAYERS)('block_count', get('block_count'));
	integerIn(1, 2 ** 31)('embedding_length', get('embedding_length'));
	const embd = numbers(get('embedding_length'))?.[0];
	const heads = numbers(get('attention.head_count'));
	const kvHeads = numbers(get('attention.head_count_kv'));
	if (typeof get('attention.head_count') === 'number') {
		integerIn(1, 2 ** 20)('attention.head_count', get('attention.head_count'));
		const h = heads![0]!;
		if (embd !== undefined && get('attention.key_length') === undefined && embd % h !== 0) {
			bad(`${a}.attention.head_count`, h, `a divisor of ${a}.embedding_length ${embd}`);
		}
		if (typeof get('attention.head_count_kv') === 'number') {
			integerIn(1, h)('attention.head_count_kv', get('attention.head_count_kv'));
			if (h % kvHeads![0]! !== 0) bad(`${a}.attention.head_count_kv`, kvHeads![0], `a divisor of ${a}.attention.head_count ${h}`);
		}
	} else if (heads !== undefined && heads.every((n) => n === 0)) {
		bad(`${a}.attention.head_count`, get('attention.head_count'), 'at least one layer with heads');
	}

	const experts = numbers(get('expert_count'))?.[0] ?? 0;
	integerIn(0, MAX_EXPERTS)('expert_count', get('expert_count'));
	const used = numbers(get('expert_used_count'))?.[0] ?? 0;
	if (experts > 0) integerIn(1, experts)('expert_used_count', get('expert_used_count'));
	else if (used !== 0) bad(`${a}.expert_used_count`, used, `0, since ${a}.expert_count is 0`);
	if (!NO_FFN.test(a) && experts === 0) {
		const ffn = get('feed_forward_length');
		if (typeof ffn === 'number' || typeof ffn === 'bigint') integerIn(1, 2 ** 31)('feed_forward_length', ffn);
	}

	for (const key of ['attention.layer_norm_rms_epsilon', 'attention.layer_norm_epsilon', 'rope.freq_base']) positiveFinite(key, get(key));
	const ropeScale = get('rope.scaling.factor');
	if (ropeScale !== undefined && (typeof ropeScale !== 'number' || !Number.isFinite(ropeScale) || ropeScale < 0)) {
		bad(`${a}.rope.scaling.factor`, ropeScale, 'a finite number, 0 or above');
	}
	const scaling = get('rope.scaling.type');
	if (scaling !== undefined && (typeof scaling !== 'string' || !ROPE_SCALING_TYPES.has(scaling))) {
		bad(`${a}.rope.scaling.type`, scaling, [...ROPE_SCALING_TYPES].join(', '));
	}
	checkTokenizer(a, meta, bad);
}

function checkTokenizer(arch: string, meta: Map<string, GgufMetaValue>, bad: (key: string, value: unknown, expected: string) => never): void {
	const model = meta.get('tokenizer.ggml.model');
	if (model === undefined) return;
	if (typeof model !== 'string' || !TOKENIZERS.has(model)) bad('tokenizer.ggml.model', model, [...TOKENIZERS].join(', '));
	if (model === 'bert' && !arch.includes('bert'))
		bad('tokenizer.ggml.model', model, `a tokenizer for the ${arch} architecture (a WordPiece "bert" vocabulary has no BOS/EOS for it)`);
	if (model === 'none' || model === 'no_vocab') return;
	const tokens = meta.get('tokenizer.ggml.tokens');
	if (typeof tokens !== 'object' || tokens.itemType !== 8 || tokens.length === 0)
		bad('tokenizer.ggml.tokens', tokens === undefined ? 'absent' : tokens, 'a non-empty array of strings');
	// llama.cpp reads each token as a C string: it ends at the first NUL.
	const list = ((tokens as {values?: readonly unknown[]}).values ?? []).map((token) => String(token).split('\0', 1)[0]!);
	const vocab = new Set(list);
	if (vocab.size !== list.length) {
		const seen = new Set<string>();
		const twice = list.find((token) => seen.size === seen.add(token).size);
		bad(
			'tokenizer.ggml.tokens',
			`${JSON.stringify(Buffer.from(twice ?? '', 'latin1').toString('utf8'))} twice`,
			'unique token strings (llama.cpp asserts id_to_token.size() == token_to_id.size())',
		);
	}
	for (const key of ['tokenizer.ggml.scores', 'tokenizer.ggml.token_type']) {
		const parallel = meta.get(key);
		if (parallel !== undefined && (typeof parallel !== 'object' || parallel.length !== list.length)) {
			bad(key, typeof parallel === 'object' ? `${parallel.length} entries` : parallel, `one entry per token (${list.length})`);
		}
	}
	if (!BYTE_TOKENIZERS.has(model)) return;
	for (let byte = 0; byte < 256; byte++) {
		const hex = `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
		if (!vocab.has(hex) && !(byte < 0x80 && model === 'llama' && vocab.has(String.fromCharCode(byte)))) {
			bad('tokenizer.ggml.tokens', `no ${hex} token`, `the 256 byte tokens <0x00>..<0xFF> a "${model}" vocabulary falls back to`);
		}
	}
}
