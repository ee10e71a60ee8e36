import type {CommandSpec} from '../command-spec.js';
import {SWEEP_FLAGS} from './sweep-flags.js';

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
