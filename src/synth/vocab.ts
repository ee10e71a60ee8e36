import {englishPieces, FILL_ALPHABETS, SPACE_MARK, transliterate} from './vocab-candidates.js';

export {SPACE_MARK} from './vocab-candidates.js';

/** llama.cpp token types (`tokenizer.ggml.token_type`). */
export const TokenType = {normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6} as const;

/** A SentencePiece-style ("llama") vocabulary. */
export interface Vocabulary {
	tokens: readonly string[];
	scores: Float32Array;
	types: Int32Array;
	unkId: number;
	bosId: number;
	eosId: number;
	/** Ids of ChatML's `<|im_start|>` / `<|im_end|>`, when the vocabulary has them. */
	chatml?: {imStartId: number; imEndId: number};
}

/** Options for {@link buildVocabulary}. */
export interface VocabularyOptions {
	/**
	 * Add ChatML control tokens (`<|im_start|>`, `<|im_end|>`).
	 * @default false
	 */
	chatml?: boolean;
}

/**
 * At most this many English pieces: beyond it, real vocabularies spend their
 * tokens on other languages and code, so English gets no cheaper.
 */
export const ENGLISH_BUDGET = 64_000;

/** The smallest vocabulary {@link buildVocabulary} can build (fixed tokens, single characters and one piece). */
export const MIN_VOCABULARY_SIZE = 3 + 256 + 2 + 1 + 94 + 1;

const cache = new Map<string, Vocabulary>();

class VocabularyBuilder {
	readonly tokens: string[] = [];
	readonly types: number[] = [];
	readonly #index = new Set<string>();

	constructor(readonly size: number) {}

	get full(): boolean {
		return this.tokens.length >= this.size;
	}

	add(text: string, type: number): void {
		if (this.full || this.#index.has(text)) return;
		this.#index.add(text);
		this.tokens.push(text);
		this.types.push(type);
	}

	addWithPrefixes(piece: string): void {
		for (let end = 2; end <= piece.length; end++) this.add(piece.slice(0, end), TokenType.normal);
	}
}

function addFixedTokens(builder: VocabularyBuilder, chatml: boolean): void {
	builder.add('<unk>', TokenType.unknown);
	builder.add('<s>', TokenType.control);
	builder.add('</s>', TokenType.control);
	for (let b = 0; b < 256; b++) builder.add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, TokenType.byte);
	if (chatml) {
		builder.add('<|im_start|>', TokenType.control);
		builder.add('<|im_end|>', TokenType.control);
	}
	builder.add(SPACE_MARK, TokenType.normal);
	for (let c = 0x21; c < 0x7f; c++) builder.add(String.fromCharCode(c), TokenType.normal);
}

function addPieces(builder: VocabularyBuilder): void {
	const english = englishPieces();
	const englishEnd = Math.min(builder.size, builder.tokens.length + ENGLISH_BUDGET);
	for (const piece of english) {
		if (builder.tokens.length >= englishEnd) break;
		builder.addWithPrefixes(piece);
	}
	for (const alphabet of FILL_ALPHABETS) {
		for (const letter of alphabet) builder.add(letter, TokenType.normal);
		for (const piece of english) {
			if (builder.full) return;
			builder.addWithPrefixes(transliterate(piece, alphabet));
		}
	}
	for (let i = 0; !builder.full; i++) builder.add(`<unused${i}>`, TokenType.unused);
}

/**
 * Builds a deterministic vocabulary of exactly `size` tokens: `<unk>`, `<s>`,
 * `</s>`, byte fallbacks `<0x00>`..`<0xFF>`, single characters, then English
 * word pieces from the SUBTLEX-US frequency list (up to {@link ENGLISH_BUDGET}),
 * then transliterated (Cyrillic, Greek) pieces standing in for other
 * languages. Every piece's prefixes are in the vocabulary too, because
 * llama.cpp's SPM tokenizer only merges two symbols when their concatenation
 * is itself a token. Scores fall with rank, so frequent pieces merge first.
 * Results are cached per size.
 */
export function buildVocabulary(size: number, options: VocabularyOptions = {}): Vocabulary {
	const chatml = options.chatml === true;
	const key = `${size}:${chatml}`;
	const hit = cache.get(key);
	if (hit) return hit;
	if (!Number.isInteger(size) || size < MIN_VOCABULARY_SIZE) throw new RangeError(`vocabulary size ${size} is below the minimum of ${MIN_VOCABULARY_SIZE}`);
	const builder = new VocabularyBuilder(size);
	addFixedTokens(builder, chatml);
	addPieces(builder);
	const scores = new Float32Array(size);
	for (let i = 0; i < size; i++) scores[i] = builder.types[i] === TokenType.normal ? -i : 0;
	const vocabulary: Vocabulary = {
		tokens: builder.tokens,
		scores,
		types: Int32Array.from(builder.types),
		unkId: 0,
		bosId: 1,
		eosId: 2,
		...(chatml ? {chatml: {imStartId: builder.tokens.indexOf('<|im_start|>'), imEndId: builder.tokens.indexOf('<|im_end|>')}} : {}),
	};
	cache.set(key, vocabulary);
	return vocabulary;
}
