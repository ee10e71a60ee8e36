/**
 * Synthetic GGUF models: valid llama-architecture files with random weights in
 * the exact shape and quantization of real models, so their compute and memory
 * cost can be measured without downloading weights. Imports nothing of llmtop's.
 */
export {
	InvalidSeedError,
	InvalidSyntheticRefError,
	GgufHeaderError,
	LikeModelError,
	OutputPathError,
	SynthError,
	SynthUsageError,
	UnknownPresetError,
	UnknownQuantError,
} from './errors.js';
export {cachedModelFileName, ensureSyntheticModel, isSyntheticRef, parseSyntheticRef, syntheticCacheDir} from './model-ref.js';
export {WRITER_VERSION} from './model-plan.js';
export {hasSyntheticKey, SYNTHETIC_KEY} from './metadata.js';
export {estimateFileSize, listPresets} from './preset-info.js';
export {writeSyntheticModel} from './write-model.js';
export {writeLikeModel} from './write-like.js';
export {readGgufHeader, type GgufArray, type GgufHeader, type GgufMetaValue, type GgufTensorEntry} from './gguf-read.js';
export {checkSplitParts} from './gguf-split.js';
