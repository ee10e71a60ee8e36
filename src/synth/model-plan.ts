import type {QuantName} from './file-types.js';
import {FILE_TYPES} from './file-types.js';
import type {GgufKv} from './gguf-encode.js';
import type {GgufLayout, TensorPlan} from './gguf-layout.js';
import {layoutGguf} from './gguf-layout.js';
import type {LlamaShape, TensorSpec} from './llama-shape.js';
import {llamaTensors, parameterCount} from './llama-shape.js';
import {llamaHyperparameters, syntheticMetadata} from './metadata.js';
import {chooseTensorTypes} from './quant-mix.js';
import {buildVocabulary} from './vocab.js';

/** Bumped whenever the bytes written for the same preset, quant and seed change. */
export const WRITER_VERSION = 2;

/** Everything needed to write one synthetic file. */
export interface ModelPlan {
	layout: GgufLayout;
	parameterCount: number;
	quant: string;
	/** The seed of the random weights (also written to `llmtop.synthetic_seed`). */
	seed: number;
}

/** What a model plan is built from. */
export interface ModelRecipe {
	name: string;
	origin: string;
	vocabSize: number;
	/** The `llama.*` metadata keys. */
	hyperparameters: readonly GgufKv[];
	seed: number;
	fileType: number;
	quant: string;
	tensors: readonly TensorSpec[];
	types: readonly TensorPlan['type'][];
	chatml?: boolean;
}

function initOf(tensor: TensorSpec): TensorPlan['init'] {
	if (tensor.role === 'norm') return 'ones';
	if (tensor.name.endsWith('.bias')) return 'zeros';
	if (tensor.name.startsWith('rope_freqs')) return 'ones';
	return 'random';
}

/** Lays out a model from an explicit recipe (tensor list, types, metadata). */
export function planModel(recipe: ModelRecipe): ModelPlan {
	const vocabulary = buildVocabulary(recipe.vocabSize, {chatml: recipe.chatml === true});
	const identity = {name: recipe.name, origin: recipe.origin, seed: recipe.seed, writerVersion: WRITER_VERSION};
	const kvs = syntheticMetadata(identity, recipe.hyperparameters, recipe.fileType, vocabulary);
	const plans: TensorPlan[] = recipe.tensors.map((tensor, i) => ({name: tensor.name, dims: tensor.dims, type: recipe.types[i]!, init: initOf(tensor)}));
	return {layout: layoutGguf(kvs, plans), parameterCount: parameterCount(recipe.tensors), quant: recipe.quant, seed: recipe.seed};
}

/** Lays out a llama model of `shape` quantized as llama.cpp would quantize it to `quant`. */
export function planLlamaModel(options: {name: string; origin: string; shape: LlamaShape; quant: QuantName; seed: number; chatml?: boolean}): ModelPlan {
	const tensors = llamaTensors(options.shape);
	return planModel({
		...options,
		vocabSize: options.shape.vocabSize,
		hyperparameters: llamaHyperparameters(options.shape),
		fileType: FILE_TYPES[options.quant].id,
		tensors,
		types: chooseTensorTypes(tensors, options.quant, options.shape),
	});
}
