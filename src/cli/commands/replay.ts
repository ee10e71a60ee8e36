import type {CommandSpec} from '../command-spec.js';
import type {FlagSpecs} from '../args.js';
import {SHARE_FLAGS} from '../share-flags.js';

const REPLAY_FLAGS: FlagSpecs = {
	speed: {kind: 'number', min: 0, max: 1000, arg: 'X', help: 'playback speed (1 = real time, 0 = jump to the end state)'},
	headless: {kind: 'bool', help: 'print the summary instead of the dashboard'},
	'no-color': {kind: 'bool', help: 'no colour in the dashboard (as NO_COLOR=1 does)'},
	report: {kind: 'string', arg: 'FILE', help: 'write the rebuilt report here'},
	...SHARE_FLAGS,
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop replay`. */
export const REPLAY: CommandSpec = {
	name: 'replay',
	summary: 'watch a recorded run again',
	synopsis: 'EVENTS.jsonl [--speed X]',
	usage: `usage: llmtop replay EVENTS.jsonl [--speed X] [--headless] [--report FILE.json]
                     [--html FILE] [--junit FILE] [--summary-md FILE] [--redact]

Feeds a recorded events file (run --events) through the same store into the
dashboard, timed by the events: --speed 2 plays twice as fast, --speed 0 jumps
to the end state. Keys: p pause/resume the playback, > / < twice as fast /
half as fast, q quit, +/- chart window, arrows/Tab/Enter browse the prompts,
? help. --headless prints what a headless run prints. --report writes the
report rebuilt from the whole file (identical to the live one). A cut-off last
line is dropped and named on stderr.
Exit code: the recorded run's verdict (0 pass, 1 fail); 2 bad input.`,
	flags: REPLAY_FLAGS,
	maxPositionals: 1,
	load: async () => (await import('./replay-command.js')).replayCommand,
};
