/**
 * Every command of `llmtop`, in the order `llmtop --help` lists them. Adding a
 * command is one module in `commands/` (its flags, usage and a lazy handler)
 * and one row here.
 */
import type {CommandSpec} from './command-spec.js';
import {COMPARE} from './commands/compare.js';
import {ENGINE_BUILD, ENGINE_STATUS} from './commands/engine.js';
import {LEARNINGS} from './commands/learnings.js';
import {REPLAY} from './commands/replay.js';
import {REPORT} from './commands/report.js';
import {RUN, TRY} from './commands/run.js';
import {SCORE} from './commands/score.js';
import {SUITE_CHECK} from './commands/suite.js';
import {SWEEP} from './commands/sweep.js';
import {SYNTH} from './commands/synth.js';
import {WATCH} from './commands/watch.js';

/** The command table. */
export const COMMAND_TABLE: readonly CommandSpec[] = [
	RUN,
	TRY,
	COMPARE,
	REPLAY,
	WATCH,
	REPORT,
	SWEEP,
	SYNTH,
	SCORE,
	SUITE_CHECK,
	LEARNINGS,
	ENGINE_BUILD,
	ENGINE_STATUS,
];

/** The first word of every command, each once: `run`, `try`, ..., `engine`. */
export function commandWords(table: readonly CommandSpec[] = COMMAND_TABLE): string[] {
	return [...new Set(table.map((spec) => spec.name.split(' ')[0] ?? spec.name))];
}

/** The subcommands of a group such as `engine` (empty when `word` names a plain command). */
export function subcommandsOf(word: string, table: readonly CommandSpec[] = COMMAND_TABLE): CommandSpec[] {
	return table.filter((spec) => spec.name.startsWith(`${word} `));
}

/** `llmtop --help`: one line per command, generated from the table. */
export function synopsis(table: readonly CommandSpec[] = COMMAND_TABLE): string {
	const lefts = table.map((spec) => `  llmtop ${spec.name === 'run' ? '[run]' : spec.name}${spec.synopsis ? ` ${spec.synopsis}` : ''}`);
	const width = Math.max(...lefts.map((left) => left.length)) + 3;
	const rows = table.map((spec, i) => `${(lefts[i] ?? '').padEnd(width)}${spec.summary}`);
	return `usage:
${rows.join('\n')}

llmtop COMMAND --help shows the options of a command.
exit codes: 0 pass, 1 a criterion failed (or compare found a regression), 2 bad usage or input
            (or an output that cannot be written), 3 inconclusive (a criterion lacked data),
            129 SIGHUP, 130 interrupted (Ctrl+C or q during a run), 143 terminated, 141 stdout closed,
            70 internal error; when several apply: signals > 141 > 70 > 2 > fail 1 > inconclusive 3 > pass 0`;
}
