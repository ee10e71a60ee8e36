import type {ModelPlan} from './model-plan.js';
import {planLlamaModel} from './model-plan.js';
import {checkOutputPath} from './output-path.js';
import {resolvePreset, resolveQuant, resolveSeed} from './preset-options.js';
import type {WrittenModel} from './write-plan.js';
import {writePlan} from './write-plan.js';

/** Options for {@link writeSyntheticModel}. */
export interface WriteOptions {
	/** A preset name from `listPresets()`. */
	preset: string;
	/**
	 * Whole-file quantization (case-insensitive).
	 * @default the preset's `defaultQuant`
	 */
	quant?: string;
	/**
	 * Seed of the random weights; the same preset, quant and seed give a byte-identical file.
	 * @default 0
	 */
	seed?: number;
	/** Output file; its directory must exist. Written atomically (temp file + rename). */
	out: string;
	signal?: AbortSignal;
	onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

/** The layout of a preset at a quantization and seed (validated; nothing is written). */
export function planPreset(presetName: string, quantName?: string, seedValue?: number): ModelPlan {
	const preset = resolvePreset(presetName);
	const quant = resolveQuant(preset, quantName);
	const seed = resolveSeed(seedValue);
	return planLlamaModel({name: `synthetic ${preset.name}`, origin: preset.name, shape: preset.shape, quant, seed, chatml: preset.chatml});
}

/**
 * Writes a preset as a GGUF file with random weights, streaming tensor data
 * chunk by chunk. Throws `UnknownPresetError`, `UnknownQuantError`,
 * `InvalidSeedError` or `OutputPathError` before writing anything; an abort
 * or failure leaves no file behind.
 */
export async function writeSyntheticModel(opts: WriteOptions): Promise<WrittenModel> {
	const plan = planPreset(opts.preset, opts.quant, opts.seed);
	const path = await checkOutputPath(opts.out);
	return writePlan(path, plan, {signal: opts.signal, onProgress: opts.onProgress});
}
