import {basename} from 'node:path';
import {LikeModelError} from './errors.js';
import {fileTypeName} from './file-types.js';
import type {GgmlTypeName} from './ggml-types.js';
import {likeHyperparameters} from './like-metadata.js';
import type {LikeSource} from './like-source.js';
import {readLikeSource} from './like-source.js';
import type {TensorSpec} from './llama-shape.js';
import type {ModelPlan} from './model-plan.js';
import {planModel} from './model-plan.js';
import {checkOutputPath} from './output-path.js';
import {resolveSeed} from './preset-options.js';
import {MIN_VOCABULARY_SIZE} from './vocab.js';
import type {WrittenModel} from './write-plan.js';
import {writePlan} from './write-plan.js';

/** Options for {@link writeLikeModel}. */
export interface WriteLikeOptions {
	/** An existing llama-architecture GGUF whose shape and quantization are cloned. */
	like: string;
	out: string;
	/** @default 0 */
	seed?: number;
	signal?: AbortSignal;
	onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

const FILE_TYPE_BY_TENSOR: Partial<Record<GgmlTypeName, number>> = {
	F32: 0,
	F16: 1,
	Q4_0: 2,
	Q4_1: 3,
	Q8_0: 7,
	Q5_0: 8,
	Q5_1: 9,
	Q4_K: 15,
	Q5_K: 17,
	Q6_K: 18,
	BF16: 32,
};

function guessFileType(source: LikeSource): number {
	const counts = new Map<GgmlTypeName, number>();
	for (const tensor of source.tensors) {
		if (tensor.dims.length >= 2) counts.set(tensor.type, (counts.get(tensor.type) ?? 0) + 1);
	}
	const [dominant] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['F32'];
	return FILE_TYPE_BY_TENSOR[dominant] ?? 0;
}

function specOf(tensor: LikeSource['tensors'][number]): TensorSpec {
	return {name: tensor.name, dims: tensor.dims, layer: -1, role: tensor.name.includes('_norm') ? 'norm' : 'other', sourceType: tensor.type};
}

/** The plan of a clone of `source`: same tensors (names, shapes, types), same `llama.*` hyperparameters, our vocabulary. */
export function planLike(source: LikeSource, seed: number): ModelPlan {
	if (source.vocabSize < MIN_VOCABULARY_SIZE) {
		throw new LikeModelError(source.path, `vocabulary of ${source.vocabSize} tokens is below the ${MIN_VOCABULARY_SIZE} a synthetic vocabulary needs`);
	}
	const fileType = source.fileType ?? guessFileType(source);
	return planModel({
		name: `synthetic clone of ${source.name ?? basename(source.path)}`,
		origin: `like:${basename(source.path)}`,
		vocabSize: source.vocabSize,
		hyperparameters: likeHyperparameters(source.path, source.llama, source.vocabSize),
		seed,
		fileType,
		quant: fileTypeName(fileType),
		tensors: source.tensors.map(specOf),
		types: source.tensors.map((tensor) => tensor.type),
	});
}

/**
 * Writes a GGUF with random weights in the exact tensor shapes and types of an
 * existing llama-architecture GGUF (read from its header only), so a model's
 * cost can be profiled without its weights. Throws `LikeModelError` for a
 * missing, non-GGUF, truncated or non-llama file, `OutputPathError` for a bad
 * output path; nothing is left behind on failure.
 */
export async function writeLikeModel(opts: WriteLikeOptions): Promise<WrittenModel> {
	const seed = resolveSeed(opts.seed);
	const source = await readLikeSource(opts.like);
	const plan = planLike(source, seed);
	const path = await checkOutputPath(opts.out);
	return writePlan(path, plan, {signal: opts.signal, onProgress: opts.onProgress});
}
