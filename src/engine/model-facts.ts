import {basename} from 'node:path';
import {GgufFileType, type GgufFileInfo} from 'node-llama-cpp';
import type {ModelInfo} from '../run/types.js';
import {hasSyntheticKey} from '../synth/index.js';
import {elementCount, ggmlTypeById, tensorByteSize} from '../synth/ggml-types.js';

/** Where a model came from, beside its header. */
export interface ModelOrigin {
	ref: string;
	path: string;
	sizeBytes: number;
	/** Synthetic preset, when the ref was `synthetic:`. */
	preset?: string;
}

/**
 * Model facts for the report, read from the GGUF header alone (no llama.cpp).
 * `chatTemplate` is filled in once the chat wrapper is chosen.
 */
export function modelFacts(info: GgufFileInfo, origin: ModelOrigin): ModelInfo {
	const general = info.metadata.general;
	const name = general?.name ?? basename(origin.path).replace(/\.gguf$/i, '');
	const tensors = info.fullTensorInfo ?? info.tensorInfo ?? [];
	const facts: ModelInfo = {
		ref: origin.ref,
		path: origin.path,
		name,
		architecture: general?.architecture ?? 'unknown',
		quantization: quantizationName(general?.file_type, tensors),
		sizeBytes: origin.sizeBytes,
		parameterCount: tensors.reduce((sum, t) => sum + elementCount(t.dimensions), 0),
		// Only the writer's own key says so: a real "...-Synthetic-SFT" model is not one, and a renamed synthetic file still is.
		synthetic: hasSyntheticKey(info.metadata),
	};
	if (origin.preset != null) facts.preset = origin.preset;
	const trainContext = (info.architectureMetadata as {context_length?: number} | undefined)?.context_length;
	if (typeof trainContext === 'number') facts.trainContextSize = trainContext;
	const vocabulary = vocabularySize(info);
	if (vocabulary != null) facts.vocabularySize = vocabulary;
	return facts;
}

/**
 * `general.file_type` as llama.cpp names it (`Q4_K_M`, `Q8_0`, `F16`); when the
 * header has none, the tensor type holding most bytes; else `unknown`.
 */
export function quantizationName(fileType: number | undefined, tensors: readonly {ggmlType: number; dimensions: readonly (number | bigint)[]}[] = []): string {
	if (fileType != null) {
		const enumName = (GgufFileType as unknown as Record<number, string | undefined>)[fileType];
		if (enumName != null) return enumName.replace(/^(MOSTLY|ALL)_/, '');
	}
	const bytesByType = new Map<number, number>();
	for (const t of tensors) {
		bytesByType.set(t.ggmlType, (bytesByType.get(t.ggmlType) ?? 0) + (tensorByteSize(t.ggmlType, t.dimensions) ?? 0));
	}
	let best: number | undefined;
	for (const [type, bytes] of bytesByType) {
		if (best === undefined || bytes > (bytesByType.get(best) ?? 0)) best = type;
	}
	return (best === undefined ? undefined : ggmlTypeById(best)?.name) ?? 'unknown';
}

function vocabularySize(info: GgufFileInfo): number | undefined {
	const tokens = info.metadata.tokenizer?.ggml?.tokens;
	if (Array.isArray(tokens)) return tokens.length;
	const fromArch = (info.architectureMetadata as {vocab_size?: number} | undefined)?.vocab_size;
	return typeof fromArch === 'number' ? fromArch : undefined;
}
