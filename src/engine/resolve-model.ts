import {join} from 'node:path';
import type {GgufFileInfo} from 'node-llama-cpp';
import type {ModelInfo} from '../run/types.js';
import {checkGgufFile} from './gguf-check.js';
import {checkHyperparameters} from './hparams-check.js';
import {modelFacts} from './model-facts.js';
import {parseModelRef, type ModelRef} from './model-ref.js';
import {resolveRemoteModel} from './resolve-remote.js';
import {resolveSyntheticModel} from './resolve-synthetic.js';

/** Options for {@link resolveModel}. */
export interface ResolveModelOptions {
	/**
	 * Cache root: synthetic models and `hf:` downloads (under `hf/`) go here.
	 * @default `LLMTOP_CACHE_DIR`; unset: src/synth's default and node-llama-cpp's models directory
	 */
	cacheDir?: string;
	signal?: AbortSignal;
	/** No-progress timeout of `hf:` lookups and downloads. @default 20000 */
	networkTimeoutMs?: number;
	/** `download` (hf:) or `synthesize` (synthetic:) progress, as a fraction. */
	onProgress?: (stage: 'download' | 'synthesize', fraction: number) => void;
}

/** A model reference resolved to a checked local GGUF file. */
export interface ResolvedModel {
	kind: ModelRef['kind'];
	facts: ModelInfo;
	info: GgufFileInfo;
	/** True when a synthetic model was written or a file downloaded just now. */
	created: boolean;
}

/**
 * Resolves `--model` (file path, `hf:` URI or URL, `synthetic:PRESET[:QUANT]`)
 * to a local GGUF file, checks it (see `checkGgufFile`) and reads its facts.
 * Nothing here loads llama.cpp.
 */
export async function resolveModel(ref: string, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
	const parsed = parseModelRef(ref);
	const cacheDir = options.cacheDir ?? process.env['LLMTOP_CACHE_DIR'];
	const fraction = (done: number, total: number): number => (total > 0 ? Math.min(1, done / total) : 0);
	let path: string;
	let preset: string | undefined;
	let created = false;
	switch (parsed.kind) {
		case 'path':
			path = parsed.path;
			break;
		case 'hf':
		case 'url':
			path = await resolveRemoteModel(parsed.ref, {
				...(cacheDir == null ? {} : {directory: join(cacheDir, 'hf')}),
				...(options.signal == null ? {} : {signal: options.signal}),
				...(options.networkTimeoutMs == null ? {} : {timeoutMs: options.networkTimeoutMs}),
				onProgress: (done, total) => {
					created = true;
					options.onProgress?.('download', fraction(done, total));
				},
			});
			break;
		case 'synthetic': {
			const synthetic = await resolveSyntheticModel(parsed.ref, {
				...(cacheDir == null ? {} : {cacheDir}),
				...(options.signal == null ? {} : {signal: options.signal}),
				onProgress: (done, total) => options.onProgress?.('synthesize', fraction(done, total)),
			});
			path = synthetic.path;
			preset = synthetic.preset;
			created = synthetic.created;
			break;
		}
		default:
			throw new Error(`unhandled model reference kind: ${(parsed satisfies never as ModelRef).kind}`);
	}
	const checked = await checkGgufFile(path, ref);
	checkHyperparameters(checked.header);
	const facts = modelFacts(checked.info, {ref, path, sizeBytes: checked.sizeBytes, ...(preset == null ? {} : {preset})});
	return {kind: parsed.kind, facts, info: checked.info, created};
}
