import {ensureSyntheticModel} from '../synth/index.js';
import {EngineAbortedError, SyntheticModelError, oneLine} from './errors.js';

/** What `ensureSyntheticModel` of `src/synth` returns. */
export type SyntheticModel = Awaited<ReturnType<typeof ensureSyntheticModel>>;

/** Options for {@link resolveSyntheticModel}. */
export interface ResolveSyntheticOptions {
	/** Cache directory of synthetic models. @default src/synth's (`LLMTOP_CACHE_DIR`, `XDG_CACHE_HOME/llmtop`, `~/.cache/llmtop`) */
	cacheDir?: string;
	signal?: AbortSignal;
	onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

/**
 * Makes (or finds in the cache) the synthetic GGUF for `synthetic:PRESET[:QUANT]`.
 * src/synth's errors (unknown preset or quant, unwritable cache) come back as
 * {@link SyntheticModelError} with their message, and the original as `cause`.
 *
 * @throws SyntheticModelError, EngineAbortedError
 */
export async function resolveSyntheticModel(ref: string, options: ResolveSyntheticOptions = {}): Promise<SyntheticModel> {
	try {
		return await ensureSyntheticModel(ref, {
			...(options.cacheDir == null ? {} : {cacheDir: options.cacheDir}),
			...(options.signal == null ? {} : {signal: options.signal}),
			...(options.onProgress == null ? {} : {onProgress: options.onProgress}),
		});
	} catch (error) {
		if (options.signal?.aborted) throw new EngineAbortedError('making the synthetic model');
		throw new SyntheticModelError(ref, oneLine(error), error);
	}
}
