import type {CommandSpec} from '../command-spec.js';
import type {FlagSpecs} from '../args.js';
import {SHARE_FLAGS} from '../share-flags.js';
import {UNIT_FLOORS} from '../../report/compare-metrics.js';

const COMPARE_FLAGS: FlagSpecs = {
	tolerance: {kind: 'number', min: 0, max: 1000, arg: 'PCT', help: 'changes smaller than this % are not regressions (default 5)'},
	json: {kind: 'bool', help: 'print the comparison as JSON'},
	headless: {kind: 'bool', help: 'plain table even in a terminal'},
	...SHARE_FLAGS,
	help: {kind: 'bool', short: 'h', help: 'show this help'},
};

/** `llmtop compare`. */
export const COMPARE: CommandSpec = {
	name: 'compare',
	summary: 'what got better or worse between runs',
	synopsis: 'A.json B.json [C.json...]',
	usage: `usage: llmtop compare A.json B.json [C.json...] [--tolerance PCT] [--json] [--headless]
                      [--html FILE] [--junit FILE] [--summary-md FILE] [--redact]

Compares every report with the first (the baseline). A regression is a change
in the worse direction larger than --tolerance % of the baseline value AND than
the unit's floor (${floors()}), a figure a criterion is judged on going from a
value to none, a criterion going pass -> fail, skip (even disabled) or pending, the
verdict going from pass to anything else, a prompt going ok -> error, aborted or
not-run, or a prompt's score dropping likewise. llmtop's own CPU and the whole
machine's CPU (other tenants' load) are shown as context, never a regression.
The output opens with a headline:
the criteria that flipped and the biggest moves. --html overlays the runs' charts
and lists the regressions first.
Exit code: 1 when there is a regression, else 0; 2 on bad input.`,
	flags: COMPARE_FLAGS,
	maxPositionals: Number.POSITIVE_INFINITY,
	load: async () => (await import('./compare-command.js')).compareCommand,
};

function floors(): string {
	return `${UNIT_FLOORS['%']} pt of CPU, ${UNIT_FLOORS.ms} ms, 1 MiB, ${UNIT_FLOORS.ratio} of a ratio, ${UNIT_FLOORS.score} of a score, ${UNIT_FLOORS['tok/s']} tok/s, ${UNIT_FLOORS.count} spike`;
}
