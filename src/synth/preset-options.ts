import {InvalidSeedError, UnknownPresetError, UnknownQuantError} from './errors.js';
import type {QuantName} from './file-types.js';
import {isQuantName, QUANTS} from './file-types.js';
import type {Preset} from './presets.js';
import {findPreset, PRESETS} from './presets.js';

/** The seed used when none is given. */
export const DEFAULT_SEED = 0;

/** The preset called `name`; throws {@link UnknownPresetError} listing the valid ones. */
export function resolvePreset(name: string): Preset {
	const preset = findPreset(name.trim().toLowerCase());
	if (!preset)
		throw new UnknownPresetError(
			name,
			PRESETS.map((p) => p.name),
		);
	return preset;
}

/** The quantization `quant` (case-insensitive), or the preset's default; throws {@link UnknownQuantError}. */
export function resolveQuant(preset: Preset, quant: string | undefined): QuantName {
	if (quant === undefined) return preset.defaultQuant;
	const upper = quant.trim().toUpperCase();
	if (!isQuantName(upper)) throw new UnknownQuantError(quant, QUANTS);
	return upper;
}

/** A valid uint32 seed, or {@link DEFAULT_SEED}; throws {@link InvalidSeedError}. */
export function resolveSeed(seed: number | undefined): number {
	if (seed === undefined) return DEFAULT_SEED;
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InvalidSeedError(seed);
	return seed;
}
