import type {FlagSpecs} from '../args.js';
import type {CommandSpec} from '../command-spec.js';

const HELP = {help: {kind: 'bool', short: 'h', help: 'show this help'}} as const satisfies FlagSpecs;

const ENGINE_BUILD_FLAGS: FlagSpecs = {
	'wait-policy': {kind: 'string', choices: ['passive', 'active', 'default'], arg: 'P', help: 'OpenMP wait policy `run --build local` uses with this build (default: default)'},
	...HELP,
};

const BUILD_USAGE = 'usage: llmtop engine build [--wait-policy passive|active|default]   build llama.cpp from the source bundled with node-llama-cpp (CPU, no network, a few minutes)';
const STATUS_USAGE = '       llmtop engine status                                          show the local build and its wait policy';
const NOTE = `The prebuilt engine stays the default; a run uses the local build with \`llmtop run --build local\`,
with the wait policy recorded here unless --wait-policy or OMP_WAIT_POLICY says otherwise.`;

/** What `llmtop engine --help` prints above the flags of its subcommands. */
export const ENGINE_USAGE = `${BUILD_USAGE}\n${STATUS_USAGE}\n\n${NOTE}`;

/** `llmtop engine build`. */
export const ENGINE_BUILD: CommandSpec = {
	name: 'engine build',
	summary: 'build the engine from bundled source (optional)',
	synopsis: '[--wait-policy P]',
	usage: `${BUILD_USAGE}\n\n${NOTE}`,
	flags: ENGINE_BUILD_FLAGS,
	maxPositionals: 0,
	load: async () => (await import('./engine-command.js')).engineBuildCommand,
};

/** `llmtop engine status`. */
export const ENGINE_STATUS: CommandSpec = {
	name: 'engine status',
	summary: 'show the local engine build and its wait policy',
	synopsis: '',
	usage: `usage: llmtop engine status   show the local build and its wait policy\n\n${NOTE}`,
	flags: {...HELP},
	maxPositionals: 0,
	load: async () => (await import('./engine-command.js')).engineStatusCommand,
};
