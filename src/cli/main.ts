/**
 * The `llmtop` command: argument parsing, dispatch, and the mapping of
 * errors to one clear line and an exit code (DESIGN.md "Command line").
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {EngineError} from '../engine/errors.js';
import {EventsFileError} from '../report/events-file.js';
import {ReportFileError} from '../report/read-report.js';
import {CriteriaFileError} from '../run/criteria-file-error.js';
import {SuiteError} from '../suite/errors.js';
import {packageRoot} from '../suite/paths.js';
import {SynthError} from '../synth/errors.js';
import {parseCommand} from './args.js';
import {SYNOPSIS, SYNTH_FLAGS} from './commands.js';
import {EXIT, InputError, UsageError} from './errors.js';
import type {Io} from './io.js';

export const COMMANDS = ['run', 'try', 'compare', 'replay', 'synth', 'score', 'learnings', 'engine'] as const;
export type Command = (typeof COMMANDS)[number];

/** Runs one command line; resolves with the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
	const first = argv[0];
	if (first === '--help' || first === '-h' || first === 'help') {
		io.out(SYNOPSIS);
		return EXIT.pass;
	}
	if (first === '--version' || first === '-V') {
		io.out(version());
		return EXIT.pass;
	}
	const command: Command = COMMANDS.includes(first as Command) ? (first as Command) : 'run';
	const rest = command === first ? argv.slice(1) : argv;
	if (command === 'run' && first !== undefined && first !== 'run' && !first.startsWith('-')) {
		throw new UsageError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')})`);
	}
	switch (command) {
		case 'run':
		case 'try': {
			const {runCommand} = await import('./run-command.js');
			return runCommand(command, rest, io);
		}
		case 'synth':
			return synth(rest, io);
		case 'compare':
		case 'replay':
		case 'score':
		case 'learnings':
		case 'engine': {
			const {otherCommand} = await import('./other-commands.js');
			return otherCommand(command, rest, io);
		}
		default:
			return command satisfies never;
	}
}

async function synth(argv: string[], io: Io): Promise<number> {
	const parsed = parseCommand(argv, SYNTH_FLAGS, 1, 'usage: llmtop synth PRESET --out FILE [--quant Q] [--seed N] | --like FILE.gguf --out FILE | --list', io.out);
	if (!parsed) return EXIT.pass;
	const {flags, positionals} = parsed;
	const {synthCommand} = await import('../synth/index.js');
	return synthCommand(
		{
			...(positionals[0] === undefined ? {} : {preset: positionals[0]}),
			...(flags['out'] === undefined ? {} : {out: flags['out'] as string}),
			...(flags['quant'] === undefined ? {} : {quant: flags['quant'] as string}),
			...(flags['seed'] === undefined ? {} : {seed: flags['seed'] as number}),
			...(flags['like'] === undefined ? {} : {like: flags['like'] as string}),
			...(flags['list'] ? {list: true} : {}),
		},
		{stdout: process.stdout, stderr: process.stderr},
	);
}

/** llmtop's version, from its package.json. */
export function toolVersion(): string {
	const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {version: string};
	return pkg.version;
}

function version(): string {
	return `llmtop ${toolVersion()}`;
}

/** Known bad input: one line, exit 2. Anything else is a bug: exit 70 (with the stack when LLMTOP_DEBUG is set). */
export function reportError(error: unknown, io: Io, command: string): number {
	const known =
		error instanceof UsageError ||
		error instanceof InputError ||
		error instanceof EngineError ||
		error instanceof SynthError ||
		error instanceof SuiteError ||
		error instanceof CriteriaFileError ||
		error instanceof EventsFileError ||
		error instanceof ReportFileError;
	const message = error instanceof Error ? error.message : String(error);
	if (known) {
		const hint = error instanceof UsageError ? ` (see llmtop ${command} --help)` : '';
		io.err(`llmtop: ${oneLine(message)}${hint}`);
		return EXIT.usage;
	}
	io.err(`llmtop: internal error: ${oneLine(message)}`);
	if (process.env['LLMTOP_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack);
	return EXIT.internal;
}

function oneLine(text: string): string {
	return text.replace(/\s*\n\s*/g, ' ').trim();
}
