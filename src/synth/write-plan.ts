import {dirname} from 'node:path';
import {removeStaleTempFiles, writeFileAtomically} from '../files/atomic-file.js';
import type {ModelPlan} from './model-plan.js';
import {outputPathError} from './output-path.js';
import {streamGguf} from './write-gguf.js';

/** The result of writing a synthetic model. */
export interface WrittenModel {
	path: string;
	bytes: number;
	parameterCount: number;
	quant: string;
}

/** Options for {@link writePlan}. */
export interface WritePlanOptions {
	signal?: AbortSignal;
	onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

/** Streams `plan` (weights from its seed) to `path` atomically (clearing temp files a killed writer left for it); file-system failures become `OutputPathError`. */
export async function writePlan(path: string, plan: ModelPlan, options: WritePlanOptions = {}): Promise<WrittenModel> {
	await removeStaleTempFiles(dirname(path), path);
	try {
		await writeFileAtomically(path, (file) => streamGguf(file, plan.layout, {...options, seed: plan.seed}));
	} catch (error) {
		throw outputPathError(path, error) ?? error;
	}
	return {path, bytes: plan.layout.totalBytes, parameterCount: plan.parameterCount, quant: plan.quant};
}
