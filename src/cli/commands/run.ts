import type {CommandSpec} from '../command-spec.js';
import type {FlagSpecs} from '../args.js';
import {FLEET_FLAGS, SHARE_FLAGS} from '../share-flags.js';
import {MODEL_FLAGS} from './model-flags.js';

/** Flags of `llmtop run`. */
export const RUN_FLAGS: FlagSpecs = {
	...MODEL_FLAGS,
	suite: {kind: 'string', arg: 'FILE', help: 'prompt suite (default prompts/endpoint-security.yaml; `smoke` for the short one)'},
	tags: {kind: 'list', arg: 'a,b', help: 'run only prompts with one of these tags'},
	prompt: {kind: 'string', arg: 'ID', help: 'run only this prompt'},
	idle: {
		kind: 'number',
		min: 0,
		max: 3600,
		arg: 'S',
		help: 'seconds of idle before and after the prompts (default 5; 0 leaves idle-cpu without data: inconclusive)',
	},
	learnings: {kind: 'string', arg: 'FILE', help: 'append an experiment-log entry (Markdown) for this run'},
	repeat: {kind: 'int', min: 1, max: 1_000_000, arg: 'N', help: 'soak: run the suite N times (figures over every pass; RSS growth per hour in the report)'},
	duration: {
		kind: 'string',
		arg: 'D',
		help: 'soak: run the suite again and again for D (90s, 30m, 2h) of prompts, then finish the running prompt; not with --repeat',
	},
	detach: {
		kind: 'bool',
		help: 'run in the background, detached from the terminal (events and report under ~/.local/state/llmtop/runs/ unless given); prints the watch command',
	},
	...SHARE_FLAGS,
	...FLEET_FLAGS,
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** Flags of `llmtop try`. */
export const TRY_FLAGS: FlagSpecs = {
	...MODEL_FLAGS,
	system: {kind: 'string', arg: 'TEXT', help: 'system prompt for the tryouts'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop [run]`: the default command. */
export const RUN: CommandSpec = {
	name: 'run',
	summary: 'profile a model on a prompt suite (live dashboard in a terminal)',
	synopsis: '[--model REF] [--suite FILE] [options]',
	usage: `usage: llmtop run [options]

Exit code from the verdict: 0 pass, 1 fail, 3 inconclusive (a criterion that
applies lacked its minimum data: too few samples or gaps, failed prompts, or
--idle 0; the README's "Criteria: minimum data" table and the dashboard's help
(?) list each criterion's minimum); 2 bad input or a model that cannot run.`,
	flags: RUN_FLAGS,
	maxPositionals: 0,
	load: async () => (await import('./run-command.js')).runHandler('run'),
};

/** `llmtop try`. */
export const TRY: CommandSpec = {
	name: 'try',
	summary: 'type prompts and see what each costs',
	synopsis: '[--model REF] [options]',
	usage: 'usage: llmtop try [options]',
	flags: TRY_FLAGS,
	maxPositionals: 0,
	load: async () => (await import('./run-command.js')).runHandler('try'),
};
