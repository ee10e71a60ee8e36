import type {CommandSpec} from '../command-spec.js';
import type {FlagSpecs} from '../args.js';

const SCORE_FLAGS: FlagSpecs = {
	suite: {kind: 'string', arg: 'FILE', help: "score against this suite (default: the report's)"},
	out: {kind: 'string', arg: 'FILE', help: 'write the re-scored report here instead of stdout'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop score`. */
export const SCORE: CommandSpec = {
	name: 'score',
	summary: 're-score saved answers',
	synopsis: 'REPORT.json [--suite FILE]',
	usage: `usage: llmtop score REPORT.json [--suite FILE] [--out FILE.json]

Re-scores the report's saved responses against the suite (default: the one the
run used, report.suite.path; a shipped suite is found by name when that path is
gone), recomputes correctness, every criterion and the verdict, and writes the
new report to stdout or --out. Exit code: 0 pass, 1 fail, 2 bad input.
Synthetic models: the responses are scored anyway, but the correctness criterion
stays skip (random weights) and the report says so in "rescored".`,
	flags: SCORE_FLAGS,
	maxPositionals: 1,
	load: async () => (await import('./score-command.js')).scoreCommand,
};
