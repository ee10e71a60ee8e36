import type {CommandSpec} from '../command-spec.js';
import type {FlagSpecs} from '../args.js';

const LEARNINGS_FLAGS: FlagSpecs = {
	date: {kind: 'string', arg: 'YYYY-MM-DD', help: 'date of the entry (default: the day the run started)'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop learnings`. */
export const LEARNINGS: CommandSpec = {
	name: 'learnings',
	summary: 'append an experiment-log entry',
	synopsis: 'REPORT.json FILE.md',
	usage: `usage: llmtop learnings REPORT.json FILE.md [--date YYYY-MM-DD]

Appends one experiment-log entry for the report to FILE.md (created with a
title if missing): date, model and quantization, configuration, results, each
criterion met or missed, and the findings the data supports.`,
	flags: LEARNINGS_FLAGS,
	maxPositionals: 2,
	load: async () => (await import('./learnings-command.js')).learningsCommand,
};
