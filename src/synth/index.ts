/**
 * Synthetic GGUF models: valid llama-architecture files with random weights in
 * the exact shape and quantization of real models, so their compute and memory
 * cost can be measured without downloading weights. Imports nothing of llmtop's.
 */
export {
	InvalidSeedError,
	InvalidSyntheticRefError,
	LikeModelError,
	OutputPathError,
	SynthError,
	SynthUsageError,
	UnknownPresetError,
	UnknownQuantError,
} from './errors.js';
export {QUANTS} from './file-types.js';
export type {QuantName} from './file-types.js';
export {cachedModelFileName, ensureSyntheticModel, isSyntheticRef, parseSyntheticRef, syntheticCacheDir} from './model-ref.js';
export type {EnsureOptions, SyntheticRef} from './model-ref.js';
export {WRITER_VERSION} from './model-plan.js';
export {DEFAULT_SEED} from './preset-options.js';
export {estimateFileSize, listPresets} from './preset-info.js';
export type {SynthPresetInfo} from './preset-info.js';
export {writeSyntheticModel} from './write-model.js';
export type {WriteOptions} from './write-model.js';
export {writeLikeModel} from './write-like.js';
export type {WriteLikeOptions} from './write-like.js';
export type {WrittenModel} from './write-plan.js';
