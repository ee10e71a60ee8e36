import type {FlagSpecs} from '../args.js';
import type {CommandSpec} from '../command-spec.js';

const HELP = {help: {kind: 'bool', short: 'h', help: 'show this help'}} as const satisfies FlagSpecs;

const ENGINE_BUILD_FLAGS: FlagSpecs = {
	'wait-policy': {
		kind: 'string',
		choices: ['passive', 'active', 'default'],
		arg: 'P',
		help: 'OpenMP wait policy `run --build local` uses with this build (default: default)',
	},
	server: {
		kind: 'bool',
		help: 'build llama-server and llama-bench from the bundled llama.cpp source instead (cached per version; only the server path on stdout)',
	},
	...HELP,
};

const BUILD_USAGE = `usage: llmtop engine build [--wait-policy passive|active|default]   build llama.cpp from the source bundled with node-llama-cpp (CPU, no network, a few minutes)
       llmtop engine build --server                                  build llama-server and llama-bench (cached per version; prints the server's path)`;
const STATUS_USAGE = '       llmtop engine status                                          show the local build, its wait policy, and llama-server';
const NOTE = `The prebuilt engine stays the default; a run uses the local build with \`llmtop run --build local\`,
with the wait policy recorded here unless --wait-policy or OMP_WAIT_POLICY says otherwise.`;

/** What `llmtop engine --help` prints above the flags of its subcommands. */
export const ENGINE_USAGE = `${BUILD_USAGE}\n${STATUS_USAGE}\n\n${NOTE}`;

/** `llmtop engine build`. */
export const ENGINE_BUILD: CommandSpec = {
	name: 'engine build',
	summary: 'build the engine from bundled source (optional)',
	synopsis: '[--wait-policy P] | --server',
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
