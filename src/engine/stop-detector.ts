import type {LlamaText, Token, Tokenizer} from 'node-llama-cpp';

/**
 * Detects the chat wrapper's stop triggers in a generated stream. Triggers of
 * plain text are matched in the decoded text (so a trigger split over tokens
 * differently than its own tokenization is still found); triggers holding
 * special tokens are matched as token sequences at the tail of the stream.
 */
export class StopDetector {
	readonly #tokenTriggers: readonly (readonly Token[])[];
	readonly #textTriggers: readonly string[];
	readonly #longestText: number;

	constructor(tokenTriggers: readonly (readonly Token[])[], textTriggers: readonly string[]) {
		this.#tokenTriggers = tokenTriggers.filter((t) => t.length > 0);
		this.#textTriggers = textTriggers.filter((t) => t !== '');
		this.#longestText = Math.max(0, ...this.#textTriggers.map((t) => t.length));
	}

	/** Splits LlamaText triggers into text and token triggers. */
	static fromTriggers(triggers: readonly LlamaText[], tokenizer: Tokenizer): StopDetector {
		const tokenTriggers: Token[][] = [];
		const textTriggers: string[] = [];
		for (const trigger of triggers) {
			if (trigger.values.every((v) => typeof v === 'string')) textTriggers.push(trigger.values.join(''));
			else tokenTriggers.push(trigger.tokenize(tokenizer));
		}
		return new StopDetector(tokenTriggers, textTriggers);
	}

	/** Length of the token trigger that `generated` ends with, or 0. */
	matchTokens(generated: readonly Token[]): number {
		for (const trigger of this.#tokenTriggers) {
			if (trigger.length > generated.length) continue;
			const offset = generated.length - trigger.length;
			if (trigger.every((token, i) => generated[offset + i] === token)) return trigger.length;
		}
		return 0;
	}

	/**
	 * Index where the earliest text trigger starts in `text`, or -1. Only
	 * matches that end after `checkedLength` (text already searched) are new.
	 */
	matchText(text: string, checkedLength: number): number {
		if (this.#longestText === 0) return -1;
		const from = Math.max(0, checkedLength - this.#longestText + 1);
		let earliest = -1;
		for (const trigger of this.#textTriggers) {
			const at = text.indexOf(trigger, from);
			if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
		}
		return earliest;
	}
}
