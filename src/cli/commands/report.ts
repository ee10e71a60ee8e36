import type {CommandSpec} from '../command-spec.js';
import type {FlagSpecs} from '../args.js';
import {SHARE_FLAGS} from '../share-flags.js';

const REPORT_FLAGS: FlagSpecs = {
	...SHARE_FLAGS,
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop report`. */
export const REPORT: CommandSpec = {
	name: 'report',
	summary: 'share a run: HTML report, JUnit, Markdown summary',
	synopsis: 'EVENTS.jsonl|REPORT.json --html FILE',
	usage: `usage: llmtop report EVENTS.jsonl|REPORT.json [--html FILE] [--junit FILE] [--summary-md FILE] [--redact]

Writes a run's shareable files from its events file (run --events; the report
is rebuilt from it) or from its JSON report (run --report). --html: one
self-contained page that works offline (charts need a report written by this
version, or an events file). --redact leaves out answers, prompts, paths and
host names. Exit code: 0 when written; 2 on bad input or a file that cannot be written.`,
	flags: REPORT_FLAGS,
	maxPositionals: 1,
	load: async () => (await import('./report-command.js')).reportCommand,
};
