import type {FlagSpecs} from '../args.js';

/** The model and engine flags `run` and `try` share. */
export const MODEL_FLAGS: FlagSpecs = {
	model: {kind: 'string', arg: 'REF', help: 'GGUF path, hf:USER/REPO[:QUANT] or synthetic:PRESET[:QUANT] (default synthetic:smollm2-135m:Q8_0)'},
	threads: {kind: 'int', min: 1, arg: 'N', help: 'inference threads (default: cores - 1, at least 1)'},
	'context-size': {kind: 'int', min: 16, arg: 'N', help: 'context size in tokens (default 2048)'},
	'batch-size': {kind: 'int', min: 1, arg: 'N', help: 'prefill batch size in tokens (default 512)'},
	'gpu-layers': {kind: 'int', min: 0, arg: 'N', help: 'layers to offload to a GPU (default 0: CPU only)'},
	temperature: {kind: 'number', min: 0, max: 10, arg: 'X', help: 'sampling temperature (default: the suite\'s, else 0)'},
	'top-p': {kind: 'number', min: 0, max: 1, arg: 'X', help: 'nucleus sampling top-p (default 0.95)'},
	'max-tokens': {kind: 'int', min: 1, arg: 'N', help: 'tokens to generate per prompt at most (default: the suite\'s, else 128)'},
	seed: {kind: 'int', min: 0, arg: 'N', help: 'sampling seed'},
	build: {kind: 'string', choices: ['prebuilt', 'local', 'auto'], arg: 'B', help: 'engine binary: prebuilt (default), local (see `llmtop engine build`), auto'},
	'wait-policy': {kind: 'string', choices: ['default', 'active', 'passive'], arg: 'P', help: 'OpenMP wait policy of a local build (default: the one `llmtop engine build` recorded, else OMP_WAIT_POLICY)'},
	nice: {kind: 'int', min: -20, max: 19, arg: 'N', help: 'run every inference thread at this nice value (Linux: per thread)'},
	'cpu-cap': {kind: 'number', min: 1, max: 100, arg: 'PCT', help: 'pace generation (and the prefill, in chunks) to stay within PCT % of the machine over every sampling interval and its whole multiples (other windows: see README)'},
	load: {kind: 'int', min: 0, max: 64, arg: 'N', help: 'run N busy background workers standing in for the user\'s own work'},
	baseline: {kind: 'string', arg: 'FILE', help: 'report of the same run without --load, to show what the load cost the model'},
	criteria: {kind: 'string', arg: 'FILE', help: 'criteria file (YAML or JSON) overriding the defaults'},
	interval: {kind: 'int', min: 10, max: 10_000, arg: 'MS', help: 'sampling interval in ms (default 100)'},
	'no-canary': {kind: 'bool', help: 'do not start the canary process that measures interactive delay'},
	headless: {kind: 'bool', help: 'print lines instead of the dashboard (automatic when stdout is not a TTY)'},
	report: {kind: 'string', arg: 'FILE', help: 'write the JSON report here (atomically)'},
	events: {kind: 'string', arg: 'FILE', help: 'write every event here as JSON lines, as they happen'},
};
