import type {FlagSpecs} from '../args.js';
import type {CommandSpec} from '../command-spec.js';
import {MODEL_FLAGS} from './model-flags.js';
import {RUN_FLAGS} from './run.js';

/** `run` flags a sweep passes to every configuration unchanged (in this order). */
export const SHARED_RUN_FLAGS = ['suite', 'tags', 'prompt', 'idle', 'criteria', 'interval', 'no-canary', 'build', 'wait-policy', 'gpu-layers', 'temperature', 'top-p', 'max-tokens', 'seed', 'load'] as const;

/** The suite and idle time of a sweep's runs unless given: short, yet enough data for every criterion's minimum. */
export const SWEEP_DEFAULTS = {suite: 'smoke', idle: 2} as const;

const shared = Object.fromEntries(SHARED_RUN_FLAGS.map((name) => [name, RUN_FLAGS[name] ?? MODEL_FLAGS[name]!]));

/** Flags of `llmtop sweep`. */
export const SWEEP_FLAGS: FlagSpecs = {
	model: {kind: 'list', arg: 'a,b', help: 'models to sweep: GGUF paths, hf: URIs or synthetic:PRESET[:QUANT], comma-separated'},
	threads: {kind: 'list', arg: 'N,M', help: 'thread counts to sweep (default: cores - 1)'},
	'cpu-cap': {kind: 'list', arg: 'off,PCT', help: 'CPU caps to sweep, % of the machine; off = no cap'},
	nice: {kind: 'list', arg: 'N,M', help: 'nice values to sweep; off = unchanged'},
	'batch-size': {kind: 'list', arg: 'N,M', help: 'prefill batch sizes to sweep (default 512)'},
	'context-size': {kind: 'list', arg: 'N,M', help: 'context sizes to sweep (default 2048)'},
	matrix: {kind: 'string', arg: 'FILE', help: 'YAML matrix instead of the lists: model: [...], threads: [...], cpu-cap: [...], ...'},
	'out-dir': {kind: 'string', arg: 'DIR', help: 'folder of the reports, events, sweep.json and sweep.md (a rerun skips configurations already done)'},
	'quiet-wait': {kind: 'number', min: 0, max: 3600, arg: 'S', help: 'wait up to S seconds for a quiet machine before each run, else mark it noisy (default 15)'},
	...shared,
	suite: {...RUN_FLAGS['suite']!, help: 'prompt suite of every run (default smoke: 4 short prompts)'},
	idle: {...RUN_FLAGS['idle']!, help: 'seconds of idle before and after the prompts (default 2)'},
	headless: {kind: 'bool', help: 'print a line per configuration instead of the live table'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop sweep`. */
export const SWEEP: CommandSpec = {
	name: 'sweep',
	summary: 'run a matrix of configurations and recommend the cheapest that passes',
	synopsis: '--model a,b [--threads 1,2] [--cpu-cap off,35] ... --out-dir DIR',
	usage: `usage: llmtop sweep --model REF[,REF...] [--threads N,M] [--cpu-cap off,PCT] [--nice N] [--batch-size N] [--context-size N] --out-dir DIR
       llmtop sweep --matrix FILE.yaml --out-dir DIR

Each configuration (every combination of the lists) is one \`llmtop run --headless\` in a child
process of its own, one after another, writing DIR/<id>.report.json and DIR/<id>.events.jsonl;
the summary goes to DIR/sweep.json and DIR/sweep.md. The id is a hash of the configuration and
the shared run flags: a rerun skips every configuration whose complete report is there, and
Ctrl+C keeps the finished ones. By default each run is the smoke suite (4 short prompts) with
2 s of idle before and after: enough data for every criterion's minimum; a criterion a run
could not judge is named. Exit: 0 a configuration passes, 1 none does, 3 none could be judged,
2 bad input.`,
	flags: SWEEP_FLAGS,
	maxPositionals: 0,
	load: async () => (await import('./sweep-command.js')).sweepHandler,
};
