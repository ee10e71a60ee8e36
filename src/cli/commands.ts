import type {FlagSpecs} from './args.js';

const MODEL_FLAGS: FlagSpecs = {
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
	'cpu-cap': {kind: 'number', min: 1, max: 100, arg: 'PCT', help: 'pace generation (and the prefill, in chunks) to stay within PCT % of the machine over every sampling interval'},
	load: {kind: 'int', min: 0, max: 64, arg: 'N', help: 'run N busy background workers standing in for the user\'s own work'},
	baseline: {kind: 'string', arg: 'FILE', help: 'report of the same run without --load, to show what the load cost the model'},
	criteria: {kind: 'string', arg: 'FILE', help: 'criteria file (YAML or JSON) overriding the defaults'},
	interval: {kind: 'int', min: 10, max: 10_000, arg: 'MS', help: 'sampling interval in ms (default 100)'},
	'no-canary': {kind: 'bool', help: 'do not start the canary process that measures interactive delay'},
	headless: {kind: 'bool', help: 'print lines instead of the dashboard (automatic when stdout is not a TTY)'},
	report: {kind: 'string', arg: 'FILE', help: 'write the JSON report here (atomically)'},
	events: {kind: 'string', arg: 'FILE', help: 'write every event here as JSON lines, as they happen'},
};

/** Flags of `llmtop run`. */
export const RUN_FLAGS: FlagSpecs = {
	...MODEL_FLAGS,
	suite: {kind: 'string', arg: 'FILE', help: 'prompt suite (default prompts/endpoint-security.yaml; `smoke` for the short one)'},
	tags: {kind: 'list', arg: 'a,b', help: 'run only prompts with one of these tags'},
	prompt: {kind: 'string', arg: 'ID', help: 'run only this prompt'},
	idle: {kind: 'number', min: 0, max: 3600, arg: 'S', help: 'seconds of idle before and after the prompts (default 5)'},
	learnings: {kind: 'string', arg: 'FILE', help: 'append an experiment-log entry (Markdown) for this run'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** Flags of `llmtop try`. */
export const TRY_FLAGS: FlagSpecs = {
	...MODEL_FLAGS,
	system: {kind: 'string', arg: 'TEXT', help: 'system prompt for the tryouts'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

export const COMPARE_FLAGS: FlagSpecs = {
	tolerance: {kind: 'number', min: 0, max: 1000, arg: 'PCT', help: 'changes smaller than this % are not regressions (default 5)'},
	json: {kind: 'bool', help: 'print the comparison as JSON'},
	headless: {kind: 'bool', help: 'plain table even in a terminal'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

export const REPLAY_FLAGS: FlagSpecs = {
	speed: {kind: 'number', min: 0, max: 1000, arg: 'X', help: 'playback speed (1 = real time, 0 = jump to the end state)'},
	headless: {kind: 'bool', help: 'print the summary instead of the dashboard'},
	report: {kind: 'string', arg: 'FILE', help: 'write the rebuilt report here'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

export const SYNTH_FLAGS: FlagSpecs = {
	out: {kind: 'string', arg: 'FILE', help: 'where to write the GGUF file'},
	quant: {kind: 'string', arg: 'Q', help: 'quantization (see --list)'},
	seed: {kind: 'int', min: 0, arg: 'N', help: 'random seed (same preset, quant and seed give the same bytes)'},
	like: {kind: 'string', arg: 'FILE', help: 'clone the shape and quantization of this GGUF file'},
	list: {kind: 'bool', help: 'list presets with parameter count and file size per quant'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

export const SCORE_FLAGS: FlagSpecs = {
	suite: {kind: 'string', arg: 'FILE', help: 'score against this suite (default: the report\'s)'},
	out: {kind: 'string', arg: 'FILE', help: 'write the re-scored report here instead of stdout'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

export const LEARNINGS_FLAGS: FlagSpecs = {
	date: {kind: 'string', arg: 'YYYY-MM-DD', help: 'date of the entry (default: the day the run started)'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

export const ENGINE_FLAGS: FlagSpecs = {
	'wait-policy': {kind: 'string', choices: ['passive', 'active', 'default'], arg: 'P', help: 'OpenMP wait policy `run --build local` uses with this build (default: default)'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** One-line synopsis per command, for `llmtop --help`. */
export const SYNOPSIS = `usage:
  llmtop [run] [--model REF] [--suite FILE] [options]   profile a model on a prompt suite (live dashboard in a terminal)
  llmtop try [--model REF] [options]                    type prompts and see what each costs
  llmtop compare A.json B.json [C.json...]              what got better or worse between runs
  llmtop replay EVENTS.jsonl [--speed X]                watch a recorded run again
  llmtop synth PRESET --out FILE | --like FILE.gguf --out FILE | --list
  llmtop score REPORT.json [--suite FILE]               re-score saved answers
  llmtop learnings REPORT.json FILE.md                  append an experiment-log entry
  llmtop engine build                                   build the engine from bundled source (optional)

llmtop COMMAND --help shows the options of a command.
exit codes: 0 pass, 1 a criterion failed (or compare found a regression), 2 bad usage or input,
            130 interrupted (Ctrl+C or q during a run), 143 terminated`;
