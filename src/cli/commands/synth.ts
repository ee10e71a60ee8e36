import type {FlagSpecs} from '../args.js';
import type {CommandSpec} from '../command-spec.js';

const SYNTH_FLAGS: FlagSpecs = {
	out: {kind: 'string', arg: 'FILE', help: 'where to write the GGUF file'},
	quant: {kind: 'string', arg: 'Q', help: 'quantization (see --list)'},
	seed: {kind: 'int', min: 0, arg: 'N', help: 'random seed (same preset, quant and seed give the same bytes)'},
	like: {kind: 'string', arg: 'FILE', help: 'clone the shape and quantization of this GGUF file'},
	list: {kind: 'bool', help: 'list presets with parameter count and file size per quant'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop synth`. */
export const SYNTH: CommandSpec = {
	name: 'synth',
	summary: 'write a synthetic GGUF model (random weights, a real shape)',
	synopsis: 'PRESET --out FILE | --like FILE.gguf --out FILE | --list',
	usage: 'usage: llmtop synth PRESET --out FILE [--quant Q] [--seed N] | --like FILE.gguf --out FILE | --list',
	flags: SYNTH_FLAGS,
	maxPositionals: 1,
	load: async () => (await import('./synth-command.js')).synthCommand,
};
