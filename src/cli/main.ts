/**
 * The `llmtop` command: finds the command in the table, parses its
 * arguments, runs it, and maps errors to one clear line and an exit code
 * (README "Commands").
 */
import {EngineError} from '../engine/errors.js';
import {FileError} from '../files/errors.js';
import {toolVersion} from '../package-info.js';
import {ListenAddressError} from '../export/listen-address.js';
import {MetricsServerError} from '../export/metrics-server.js';
import {PushgatewayUrlError} from '../export/pushgateway.js';
import {ShareFileError} from '../export/share-files.js';
import {EventsFileError} from '../report/events-file.js';
import {EventsLockedError} from '../report/events-lock.js';
import {ReportFileError} from '../report/read-report.js';
import {CriteriaFileError} from '../run/criteria-file-error.js';
import {sanitizeLine} from '../run/sanitize.js';
import {SessionError} from '../session/errors.js';
import {SuiteError} from '../suite/errors.js';
import {SynthError} from '../synth/errors.js';
import {formatFlags, parseCommand} from './args.js';
import type {CommandSpec} from './command-spec.js';
import {COMMAND_TABLE, commandWords, subcommandsOf, synopsis} from './command-table.js';
import {ENGINE_USAGE} from './commands/engine.js';
import {InputError, UnknownCommandError, UsageError} from './errors.js';
import {EXIT} from './exit-codes.js';
import type {Io} from './io.js';

/** The first word of every command (`run`, `try`, ..., `engine`). */
export const COMMANDS: readonly string[] = commandWords();

/** What a group's `--help` prints above its subcommands' flags. */
const GROUP_USAGE: Readonly<Record<string, string>> = {engine: ENGINE_USAGE};

/** Runs one command line; resolves with the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
	const first = argv[0];
	if (first === '--help' || first === '-h' || first === 'help') {
		io.out(synopsis());
		return EXIT.pass;
	}
	if (first === '--version' || first === '-V') {
		io.out(`llmtop ${toolVersion()}`);
		return EXIT.pass;
	}
	if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) {
		throw new UnknownCommandError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')}); see llmtop --help`);
	}
	const word = first !== undefined && COMMANDS.includes(first) ? first : 'run';
	const rest = word === first ? argv.slice(1) : argv;
	const group = subcommandsOf(word);
	if (group.length > 0) return runSubcommand(word, group, rest, io);
	const spec = COMMAND_TABLE.find((row) => row.name === word);
	if (!spec) throw new Error(`the command table has no row '${word}'`);
	return runSpec(spec, rest, io);
}

async function runSpec(spec: CommandSpec, argv: string[], io: Io): Promise<number> {
	const parsed = parseCommand(argv, spec.flags, spec.maxPositionals, spec.usage, io.out);
	if (!parsed) return EXIT.pass;
	const handler = await spec.load();
	return handler(parsed, io);
}

/** `llmtop engine build`: the group word, then the subcommand's own arguments. */
async function runSubcommand(word: string, group: CommandSpec[], argv: string[], io: Io): Promise<number> {
	const names = group.map((spec) => spec.name.slice(word.length + 1));
	const index = argv.findIndex((arg) => !arg.startsWith('-'));
	const sub = index < 0 ? undefined : argv[index];
	const spec = group.find((row) => row.name === `${word} ${sub}`);
	if (!spec) {
		if (argv.includes('--help') || argv.includes('-h')) {
			const flags = Object.assign({}, ...group.map((row) => row.flags)) as CommandSpec['flags'];
			io.out(`${GROUP_USAGE[word] ?? group.map((row) => row.usage).join('\n')}\n\n${formatFlags(flags)}`);
			return EXIT.pass;
		}
		if (sub === undefined) throw new UsageError(`${word} needs a subcommand: ${names.join(' or ')}`);
		throw new UsageError(`unknown ${word} subcommand '${sub}' (${names.join(', ')})`);
	}
	const own = [...argv.slice(0, index), ...argv.slice(index + 1)];
	checkSiblingFlags(spec, group, own);
	return runSpec(spec, own, io);
}

/** A flag of another subcommand of the group is named as such, not as unknown. */
function checkSiblingFlags(spec: CommandSpec, group: CommandSpec[], argv: string[]): void {
	for (const arg of argv) {
		const name = /^--([^=]+)/.exec(arg)?.[1];
		if (name === undefined || name in spec.flags) continue;
		const owner = group.find((row) => row !== spec && name in row.flags);
		if (owner) throw new UsageError(`--${name} is an option of \`llmtop ${owner.name}\``);
	}
}

/** Known bad input: one line, exit 2. Anything else is a bug: exit 70 (with the stack when LLMTOP_DEBUG is set). */
export function reportError(error: unknown, io: Io, command: string): number {
	const known =
		error instanceof UsageError ||
		error instanceof InputError ||
		error instanceof EngineError ||
		error instanceof SessionError ||
		error instanceof SynthError ||
		error instanceof SuiteError ||
		error instanceof CriteriaFileError ||
		error instanceof EventsFileError ||
		error instanceof ReportFileError ||
		error instanceof ShareFileError ||
		error instanceof MetricsServerError ||
		error instanceof ListenAddressError ||
		error instanceof EventsLockedError ||
		error instanceof FileError ||
		error instanceof PushgatewayUrlError;
	const message = error instanceof Error ? error.message : String(error);
	if (known) {
		const hint = error instanceof UsageError && !(error instanceof UnknownCommandError) ? ` (see llmtop ${command} --help)` : '';
		io.err(`llmtop: ${oneLine(message)}${hint}`);
		return EXIT.usage;
	}
	io.err(`llmtop: internal error: ${oneLine(message)}`);
	if (process.env['LLMTOP_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack);
	return EXIT.internal;
}

/** One line, sanitised: an error may quote a file's or a model's text. */
function oneLine(text: string): string {
	return sanitizeLine(text);
}
