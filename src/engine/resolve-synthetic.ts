import {EngineAbortedError, SyntheticModelError, oneLine} from './errors.js';

/** What `ensureSyntheticModel` of `src/synth` returns. */
export interface SyntheticModel {
	path: string;
	preset: string;
	quant: string;
	created: boolean;
}

/** Options for {@link resolveSyntheticModel}. */
export interface ResolveSyntheticOptions {
	/** Cache directory of synthetic models. @default src/synth's default (`LLMTOP_CACHE_DIR`, ...) */
	cacheDir?: string;
	signal?: AbortSignal;
	onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

interface SynthModule {
	ensureSyntheticModel(
		ref: string,
		opts?: {cacheDir?: string; signal?: AbortSignal; onProgress?: (written: number, total: number) => void},
	): Promise<SyntheticModel>;
}

const SYNTH_MODULE = '../synth/index.js';

/**
 * Makes (or finds in the cache) the synthetic GGUF for `synthetic:PRESET[:QUANT]`.
 *
 * @throws SyntheticModelError (unknown preset or quant, write failure), EngineAbortedError
 */
export async function resolveSyntheticModel(ref: string, options: ResolveSyntheticOptions = {}): Promise<SyntheticModel> {
	const synth = (await import(SYNTH_MODULE)) as SynthModule;
	try {
		return await synth.ensureSyntheticModel(ref, {
			...(options.cacheDir == null ? {} : {cacheDir: options.cacheDir}),
			...(options.signal == null ? {} : {signal: options.signal}),
			...(options.onProgress == null ? {} : {onProgress: options.onProgress}),
		});
	} catch (error) {
		if (options.signal?.aborted) throw new EngineAbortedError('making the synthetic model');
		throw new SyntheticModelError(ref, oneLine(error));
	}
}
