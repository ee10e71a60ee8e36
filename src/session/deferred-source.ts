import type {SampleSource} from '../sampler/index.js';

/**
 * A sample source that starts in the background (the canary: compiling it
 * and starting its process can take a while on a first run), so nothing
 * waits for it: until it is there it adds nothing to the samples; then it
 * is primed and contributes like any other source.
 */
export class DeferredSource implements SampleSource {
	#source: SampleSource | null = null;
	#primed = false;

	/** The source once it started (`null` before, and when it never does). */
	get source(): SampleSource | null {
		return this.#source;
	}

	/** Hands over the started source; it is primed at once if the sampler primed this one already. */
	resolve(source: SampleSource): void {
		this.#source = source;
		if (this.#primed) source.prime();
	}

	prime(): void {
		this.#primed = true;
		this.#source?.prime();
	}

	contribute(...args: Parameters<SampleSource['contribute']>): void {
		this.#source?.contribute(...args);
	}
}
