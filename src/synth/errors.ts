/** Base class of every error `src/synth` throws on bad input; the CLI maps it to exit code 2. */
export class SynthError extends Error {
	constructor(message: string) {
		super(message);
		this.name = new.target.name;
	}
}

/** The preset name is not one of the built-in presets. */
export class UnknownPresetError extends SynthError {
	constructor(
		readonly preset: string,
		readonly validPresets: readonly string[],
	) {
		super(`unknown synthetic preset "${preset}" (valid presets: ${validPresets.join(', ')})`);
	}
}

/** The quantization is not one a preset can be written in. */
export class UnknownQuantError extends SynthError {
	constructor(
		readonly quant: string,
		readonly validQuants: readonly string[],
	) {
		super(`unknown quantization "${quant}" (valid quantizations: ${validQuants.join(', ')})`);
	}
}

/** The seed is not an integer in [0, 2^32). */
export class InvalidSeedError extends SynthError {
	constructor(readonly seed: unknown) {
		super(`invalid seed ${String(seed)}: expected an integer from 0 to 4294967295`);
	}
}

/** A model reference that is not `synthetic:PRESET[:QUANT]`. */
export class InvalidSyntheticRefError extends SynthError {
	constructor(readonly ref: string) {
		super(`invalid synthetic model reference "${ref}" (expected synthetic:PRESET[:QUANT])`);
	}
}

/** The output file cannot be written where asked. */
export class OutputPathError extends SynthError {
	constructor(
		readonly path: string,
		readonly reason: string,
	) {
		super(`cannot write ${path}: ${reason}`);
	}
}

/** The `--like` file cannot be cloned. */
export class LikeModelError extends SynthError {
	constructor(
		readonly path: string,
		readonly reason: string,
	) {
		super(`cannot clone ${path}: ${reason}`);
	}
}

/** A `synth` command line that asks for nothing or for two things at once. */
export class SynthUsageError extends SynthError {
	constructor(readonly problem: string) {
		super(`${problem} (usage: llmtop synth PRESET --out FILE [--quant Q] [--seed N] | --like FILE.gguf --out FILE | --list)`);
	}
}

/** A GGUF header that cannot be real: a length past the end of the file, an impossible count or shape. */
export class GgufHeaderError extends SynthError {
	constructor(
		readonly path: string,
		readonly offset: number,
		readonly reason: string,
		readonly kind: 'truncated' | 'corrupt' | 'not-gguf',
	) {
		super(`bad GGUF header in ${path} at byte ${offset}: ${reason}`);
	}
}
