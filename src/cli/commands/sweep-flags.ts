import type {FlagSpecs} from '../args.js';
import {MODEL_FLAGS} from './model-flags.js';
import {SHARE_FLAGS} from '../share-flags.js';
import {RUN_FLAGS} from './run.js';

/** `run` flags a sweep passes to every configuration unchanged (in this order). */
export const SHARED_RUN_FLAGS = [
	'suite',
	'tags',
	'prompt',
	'idle',
	'criteria',
	'interval',
	'no-canary',
	'allow-busy',
	'build',
	'wait-policy',
	'gpu-layers',
	'temperature',
	'top-p',
	'max-tokens',
	'seed',
	'load',
] as const;

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
	'quiet-wait': {
		kind: 'number',
		min: 0,
		max: 3600,
		arg: 'S',
		help: 'wait up to S seconds for a quiet machine before each run, else mark it noisy (default 15)',
	},
	...shared,
	suite: {...RUN_FLAGS['suite']!, help: 'prompt suite of every run (default smoke: 4 short prompts)'},
	idle: {...RUN_FLAGS['idle']!, help: 'seconds of idle before and after the prompts (default 2)'},
	...SHARE_FLAGS,
	headless: {kind: 'bool', help: 'print a line per configuration instead of the live table'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};
