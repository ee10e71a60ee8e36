import type {Token} from 'node-llama-cpp';

/** `model.detokenize(tokens, false, lastTokens)`, as a plain function. */
export type Detokenize = (tokens: readonly Token[], lastTokens: readonly Token[]) => string;

const REPLACEMENT = '\uFFFD';
/** A UTF-8 character spans at most 4 bytes, so at most 4 byte tokens. */
const MAX_PENDING = 4;
/** Preceding tokens given as context (leading-space rules of SentencePiece and friends). */
const CONTEXT_TOKENS = 3;

/**
 * Turns tokens into text one at a time without breaking multi-byte
 * characters: a token that ends inside a character yields `''` and is held
 * until the character completes (or {@link MAX_PENDING} tokens pass, then the
 * replacement character is let through). The concatenation of every `push`
 * plus `flush` is the text of all tokens.
 */
export class IncrementalDetokenizer {
	readonly #detokenize: Detokenize;
	readonly #done: Token[] = [];
	#pending: Token[] = [];

	constructor(detokenize: Detokenize) {
		this.#detokenize = detokenize;
	}

	/** Text completed by `token` (`''` while a character is incomplete). */
	push(token: Token): string {
		this.#pending.push(token);
		const text = this.#detokenize(this.#pending, this.#done.slice(-CONTEXT_TOKENS));
		if (text.endsWith(REPLACEMENT) && this.#pending.length < MAX_PENDING) return '';
		this.#commit();
		return text;
	}

	/** Text of tokens still held (an incomplete character at the end of the stream). */
	flush(): string {
		if (this.#pending.length === 0) return '';
		const text = this.#detokenize(this.#pending, this.#done.slice(-CONTEXT_TOKENS));
		this.#commit();
		return text;
	}

	#commit(): void {
		this.#done.push(...this.#pending);
		if (this.#done.length > CONTEXT_TOKENS) this.#done.splice(0, this.#done.length - CONTEXT_TOKENS);
		this.#pending = [];
	}
}
