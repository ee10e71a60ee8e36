import type {CommandSpec} from '../command-spec.js';
import type {FlagSpecs} from '../args.js';

const WATCH_FLAGS: FlagSpecs = {
	headless: {kind: 'bool', help: 'print the live lines instead of the dashboard'},
	wait: {kind: 'number', min: 0, max: 86_400, arg: 'S', help: 'wait up to S seconds for the events file to appear (default 30)'},
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop watch`. */
export const WATCH: CommandSpec = {
	name: 'watch',
	summary: 'follow a run another llmtop is writing',
	synopsis: '[EVENTS.jsonl] [--headless]',
	usage: `usage: llmtop watch [EVENTS.jsonl] [--headless] [--wait S]

Without a path: the newest run started with run --detach.
Opens the dashboard on a run that another llmtop is writing (run --events):
it catches up from the start of the file at once, then follows the lines as
they are appended, through the same store and views as run and replay. The
footer shows the writer's state (live, ended after run-end, writer gone when
its process died without run-end, from the events lock and the events), the
age of the last event and the watcher's own CPU. q leaves the watcher only;
the run goes on. A watcher only reads: any number can follow one run.
--headless prints the lines a piped run prints and exits when the run ends.
A file truncated or replaced under the watcher is named and no longer read.
Exit code: the run's (its verdict: 0 pass, 1 fail, 3 inconclusive; 130/143
when it was interrupted/terminated); 1 when the writer is gone; 0 for q on a
live run; 2 bad input, a file truncated or replaced, or no file after --wait.`,
	flags: WATCH_FLAGS,
	maxPositionals: 1,
	load: async () => (await import('./watch-command.js')).watchCommand,
};
