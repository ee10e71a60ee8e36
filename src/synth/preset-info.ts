import {QUANTS} from './file-types.js';
import {placeTensors} from './gguf-layout.js';
import {llamaTensors, parameterCount} from './llama-shape.js';
import {resolvePreset, resolveQuant} from './preset-options.js';
import {chooseTensorTypes} from './quant-mix.js';
import {PRESETS} from './presets.js';
import {planPreset} from './write-model.js';

/** What `listPresets()` tells about a preset. */
export interface SynthPresetInfo {
	name: string;
	description: string;
	/** The published config the shape comes from. */
	source: string;
	/** What the synthetic file does not reproduce of the real model. */
	notReproduced: string[];
	architecture: 'llama';
	parameterCount: number;
	defaultQuant: string;
	quants: string[];
}

/** The built-in presets, smallest first. */
export function listPresets(): SynthPresetInfo[] {
	return PRESETS.map((preset) => ({
		name: preset.name,
		description: preset.description,
		source: preset.source,
		notReproduced: [...preset.notReproduced],
		architecture: 'llama',
		parameterCount: parameterCount(llamaTensors(preset.shape)),
		defaultQuant: preset.defaultQuant,
		quants: [...QUANTS],
	}));
}

const headerSizes = new Map<string, number>();

/**
 * The exact size in bytes of the file `writeSyntheticModel` writes for
 * `preset` at `quant` (any seed). Throws `UnknownPresetError` / `UnknownQuantError`.
 */
export function estimateFileSize(preset: string, quant: string): number {
	const found = resolvePreset(preset);
	const quantName = resolveQuant(found, quant);
	let header = headerSizes.get(found.name);
	if (header === undefined) {
		header = planPreset(found.name).layout.dataStart;
		headerSizes.set(found.name, header);
	}
	const tensors = llamaTensors(found.shape);
	const types = chooseTensorTypes(tensors, quantName, found.shape);
	return header + placeTensors(tensors.map((tensor, i) => ({...tensor, type: types[i]!, init: 'random' as const}))).dataBytes;
}
