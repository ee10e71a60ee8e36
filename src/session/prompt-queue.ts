/**
 * The prompts a `try` session is asked to run, in order: typed in the
 * dashboard or read from stdin. `next()` waits for one, or resolves
 * `undefined` once input has ended and nothing is queued.
 */
export class PromptQueue {
	#items: string[] = [];
	#wake: (() => void) | undefined;
	#ended = false;

	/** Queues a prompt; blank ones and those after the end are ignored. */
	push(text: string): void {
		const prompt = text.trim();
		if (prompt === '' || this.#ended) return;
		this.#items.push(prompt);
		this.#wake?.();
	}

	/** How many prompts wait to run (not the one running). */
	get size(): number {
		return this.#items.length;
	}

	/** No more prompts will come; with `drop`, queued ones are forgotten too. */
	end(options: {drop?: boolean} = {}): void {
		this.#ended = true;
		if (options.drop) this.#items = [];
		this.#wake?.();
	}

	/** The next prompt, waiting for one; `undefined` when input has ended and the queue is empty. */
	async next(): Promise<string | undefined> {
		for (;;) {
			const item = this.#items.shift();
			if (item !== undefined) return item;
			if (this.#ended) return undefined;
			await new Promise<void>((resolve) => (this.#wake = resolve));
			this.#wake = undefined;
		}
	}
}
