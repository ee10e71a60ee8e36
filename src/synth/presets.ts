import type {QuantName} from './file-types.js';
import type {LlamaShape} from './llama-shape.js';

/** A built-in synthetic model: the published shape of a real model, written as a llama GGUF. */
export interface Preset {
	name: string;
	description: string;
	/** The published config the numbers come from. */
	source: string;
	/** What the synthetic file does not reproduce of the real model. */
	notReproduced: readonly string[];
	shape: LlamaShape;
	defaultQuant: QuantName;
	/** The parameter count as its publisher states it ("135M", "1.23B"), for checking the shape math; 0 when there is none. */
	publishedParameters: number;
	/** Add ChatML control tokens and template, as the real instruct model has. */
	chatml: boolean;
}

const TOKENIZER = 'tokenizer: an English word-piece SentencePiece vocabulary of the same size, not the real one';

/** The built-in presets, smallest first. */
export const PRESETS: readonly Preset[] = [
	{
		name: 'tiny',
		description: 'test model: 2 blocks, 64 wide, 24,576-token vocabulary; loads and generates in milliseconds',
		source: 'none (llmtop test shape)',
		notReproduced: ['not a real model'],
		shape: {
			vocabSize: 24576,
			embeddingLength: 64,
			blockCount: 2,
			feedForwardLength: 256,
			headCount: 2,
			headCountKv: 1,
			contextLength: 2048,
			ropeFreqBase: 10000,
			rmsEpsilon: 1e-5,
			tiedEmbeddings: true,
		},
		defaultQuant: 'Q8_0',
		publishedParameters: 0,
		chatml: false,
	},
	{
		name: 'smollm2-135m',
		description: 'SmolLM2-135M shape: 30 blocks, 576 wide, GQA 9/3, 49,152-token vocabulary, tied embeddings',
		source: 'https://huggingface.co/HuggingFaceTB/SmolLM2-135M/blob/main/config.json',
		notReproduced: ["the instruct template's default system prompt (plain ChatML is used)", TOKENIZER],
		shape: {
			vocabSize: 49152,
			embeddingLength: 576,
			blockCount: 30,
			feedForwardLength: 1536,
			headCount: 9,
			headCountKv: 3,
			contextLength: 8192,
			ropeFreqBase: 100000,
			rmsEpsilon: 1e-5,
			tiedEmbeddings: true,
		},
		defaultQuant: 'Q8_0',
		publishedParameters: 135_000_000,
		chatml: true,
	},
	{
		name: 'qwen2.5-0.5b',
		description: 'Qwen2.5-0.5B shape: 24 blocks, 896 wide, GQA 14/2, 151,936-token vocabulary, tied embeddings',
		source: 'https://huggingface.co/Qwen/Qwen2.5-0.5B/blob/main/config.json',
		notReproduced: [
			'qwen2 architecture: written as llama, without the q/k/v projection biases',
			"the instruct template's default system prompt and tool calls (plain ChatML is used)",
			TOKENIZER,
		],
		shape: {
			vocabSize: 151936,
			embeddingLength: 896,
			blockCount: 24,
			feedForwardLength: 4864,
			headCount: 14,
			headCountKv: 2,
			contextLength: 32768,
			ropeFreqBase: 1_000_000,
			rmsEpsilon: 1e-6,
			tiedEmbeddings: true,
		},
		defaultQuant: 'Q4_K_M',
		publishedParameters: 490_000_000,
		chatml: true,
	},
	{
		name: 'llama-3.2-1b',
		description: 'Llama-3.2-1B shape: 16 blocks, 2048 wide, GQA 32/8, 128,256-token vocabulary, tied embeddings',
		source: 'https://huggingface.co/meta-llama/Llama-3.2-1B/blob/main/config.json',
		notReproduced: ['llama3 RoPE scaling (rope_freqs.weight and its factors)', TOKENIZER],
		shape: {
			vocabSize: 128256,
			embeddingLength: 2048,
			blockCount: 16,
			feedForwardLength: 8192,
			headCount: 32,
			headCountKv: 8,
			contextLength: 131072,
			ropeFreqBase: 500000,
			rmsEpsilon: 1e-5,
			tiedEmbeddings: true,
		},
		defaultQuant: 'Q4_K_M',
		publishedParameters: 1_230_000_000,
		chatml: false,
	},
	{
		name: 'tinyllama-1.1b',
		description: 'TinyLlama-1.1B shape: 22 blocks, 2048 wide, GQA 32/4, 32,000-token vocabulary, untied output',
		source: 'https://huggingface.co/TinyLlama/TinyLlama-1.1B-Chat-v1.0/blob/main/config.json',
		notReproduced: ['chat template (Zephyr-style)', TOKENIZER],
		shape: {
			vocabSize: 32000,
			embeddingLength: 2048,
			blockCount: 22,
			feedForwardLength: 5632,
			headCount: 32,
			headCountKv: 4,
			contextLength: 2048,
			ropeFreqBase: 10000,
			rmsEpsilon: 1e-5,
			tiedEmbeddings: false,
		},
		defaultQuant: 'Q4_K_M',
		publishedParameters: 1_100_000_000,
		chatml: false,
	},
	{
		name: 'lfm2.5-1.2b',
		description: 'LFM2.5-1.2B-sized llama stand-in: 16 attention blocks, 2048 wide, GQA 32/8, 65,536-token vocabulary, tied embeddings',
		source:
			'https://huggingface.co/LiquidAI/LFM2.5-1.2B-Base (16 layers, 65,536 vocabulary, 32,768 context) with the widths of https://huggingface.co/LiquidAI/LFM2-1.2B/blob/main/config.json (hidden 2048, block_ff_dim 12288 auto-adjusted to 8192, 32 heads, 8 KV heads)',
		notReproduced: [
			'lfm2 architecture: its 10 double-gated short-convolution blocks are written as attention blocks (16 attention blocks instead of 6: more KV cache, attention cost that grows with context)',
			'about 5% fewer parameters than the published 1.17B (an attention block is smaller than a conv block)',
			'QK layer norms',
			"the chat template's <|startoftext|> and tool calls (plain ChatML is used)",
			TOKENIZER,
		],
		shape: {
			vocabSize: 65536,
			embeddingLength: 2048,
			blockCount: 16,
			feedForwardLength: 8192,
			headCount: 32,
			headCountKv: 8,
			contextLength: 32768,
			ropeFreqBase: 1_000_000,
			rmsEpsilon: 1e-5,
			tiedEmbeddings: true,
		},
		defaultQuant: 'Q4_K_M',
		publishedParameters: 1_170_000_000,
		chatml: true,
	},
	{
		name: 'llama-3.2-3b',
		description: 'Llama-3.2-3B shape: 28 blocks, 3072 wide, GQA 24/8, 128,256-token vocabulary, tied embeddings',
		source: 'https://huggingface.co/meta-llama/Llama-3.2-3B/blob/main/config.json',
		notReproduced: ['llama3 RoPE scaling (rope_freqs.weight and its factors)', TOKENIZER],
		shape: {
			vocabSize: 128256,
			embeddingLength: 3072,
			blockCount: 28,
			feedForwardLength: 8192,
			headCount: 24,
			headCountKv: 8,
			contextLength: 131072,
			ropeFreqBase: 500000,
			rmsEpsilon: 1e-5,
			tiedEmbeddings: true,
		},
		defaultQuant: 'Q4_K_M',
		publishedParameters: 3_210_000_000,
		chatml: false,
	},
];

/** The preset called `name`, if any. */
export function findPreset(name: string): Preset | undefined {
	return PRESETS.find((preset) => preset.name === name);
}
