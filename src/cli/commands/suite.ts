import type {FlagSpecs} from '../args.js';
import type {CommandSpec} from '../command-spec.js';

const SUITE_CHECK_FLAGS: FlagSpecs = {
	'max-gamed': {kind: 'number', min: 0, max: 1, arg: 'X', help: 'a suite is gameable when an adversary scores this much suite-wide (default 0.30)'},
	json: {kind: 'bool', help: 'print the findings as JSON'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop suite check`. */
export const SUITE_CHECK: CommandSpec = {
	name: 'suite check',
	summary: 'lint a suite and audit how gameable its rubric is',
	synopsis: '[FILE] [--max-gamed X] [--json]',
	usage: `usage: llmtop suite check [FILE] [--max-gamed X] [--json]

Lints a prompt suite (FILE, or a shipped suite by name; without FILE every
shipped suite) and audits how gameable its rubric is: built-in adversarial
answers written without reading the question (blank, the prompt echoed, every
label, every check value in one dump, one universal JSON object with and
without repeated keys, each other prompt's reference answer, a label line
above the dump) are scored against every prompt. Prints the best adversary per
prompt and suite-wide. Exit code: 0 sound, 1 an adversary scores >= --max-gamed
suite-wide, 2 a suite does not load.`,
	flags: SUITE_CHECK_FLAGS,
	maxPositionals: 1,
	load: async () => (await import('./suite-command.js')).suiteCheckCommand,
};
