/**
 * The flags that share a result (`--html`, `--junit`, `--summary-md`,
 * `--redact`; `--metrics-port`, `--pushgateway` for runs) and the checks and
 * messages around them.
 */
import {accessSync, constants, statSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import type {ShareFileError, ShareFiles} from '../export/share-files.js';
import type {FleetOptions} from '../export/fleet-sinks.js';
import type {FlagSpecs, FlagValue} from './args.js';
import {findPathConflict, type NamedPath} from '../files/path-conflicts.js';
import {InputError, UsageError} from './errors.js';
import {EXIT} from './exit-codes.js';
import type {Io} from './io.js';

/** `--html`, `--junit`, `--summary-md`, `--redact`. */
export const SHARE_FLAGS: FlagSpecs = {
	html: {kind: 'string', arg: 'FILE', help: 'write a self-contained HTML report (charts, criteria, prompts; works offline); - for stdout'},
	junit: {kind: 'string', arg: 'FILE', help: 'write JUnit XML for CI: a test case per criterion, and the verdict; - for stdout'},
	'summary-md': {kind: 'string', arg: 'FILE', help: 'write a short Markdown summary (for a CI job summary); - for stdout'},
	redact: {kind: 'bool', help: 'leave answers, prompts, paths and host names out of the HTML, JUnit, Markdown and Pushgateway'},
};

/** `--metrics-port`, `--pushgateway`. */
export const FLEET_FLAGS: FlagSpecs = {
	'metrics-port': {kind: 'string', arg: '[HOST:]PORT', help: 'serve /metrics for Prometheus while running (HOST 127.0.0.1 unless given; see docs/fleet.md)'},
	pushgateway: {kind: 'string', arg: 'URL', help: 'push the final figures to this Prometheus Pushgateway when the run ends'},
};

type Flags = Record<string, FlagValue | undefined>;

/**
 * The shared files asked for; each path is checked now (an existing folder
 * that can be written to). `-` is stdout (`io`'s, as is: HTML, XML and
 * Markdown are data); at most one output of a command goes there (see
 * {@link checkShareConflicts}). Throws {@link InputError}.
 */
export function shareFilesOf(flags: Flags, io: Pick<Io, 'out' | 'outRaw'>): ShareFiles {
	const files: ShareFiles = {redact: flags['redact'] === true, stdout: (text) => (io.outRaw ?? io.out)(text)};
	for (const [flag, key] of [
		['html', 'html'],
		['junit', 'junit'],
		['summary-md', 'summaryMd'],
	] as const) {
		const path = flags[flag] as string | undefined;
		if (path === undefined) continue;
		if (path !== '-') checkWritable(path, flag);
		files[key] = path;
	}
	return files;
}

/**
 * Refuses (exit 2, {@link UsageError}) a shared file that is the same file as
 * one of `others` (the command's inputs and outputs) or as another shared
 * file: `--html` naming the report it is made from would destroy it.
 */
export function checkShareConflicts(files: ShareFiles, others: readonly NamedPath[]): void {
	const shared: NamedPath[] = [];
	for (const [key, flag] of [
		['html', '--html'],
		['junit', '--junit'],
		['summaryMd', '--summary-md'],
	] as const) {
		const path = files[key];
		if (path !== undefined) shared.push({flag, path, role: 'output'});
	}
	const conflict = findPathConflict([...others, ...shared]);
	if (conflict) throw new UsageError(conflict);
}

/** Whether a shared file goes to stdout (`-`): the command's own text then goes to stderr (see {@link textIo}). */
export function sharesToStdout(files: ShareFiles): boolean {
	return files.html === '-' || files.junit === '-' || files.summaryMd === '-';
}

/**
 * The streams for a command's own text (tables, summaries, progress): `io`
 * itself, or, when one of its outputs is data on stdout (`--html -`,
 * `--report -`), `io` with that text sent to stderr, so stdout holds only
 * the data.
 */
export function textIo<T extends Io>(io: T, dataOnStdout: boolean): T {
	return dataOnStdout ? {...io, out: io.err, outRaw: io.err, stdoutIsTTY: false} : io;
}

/** The fleet outputs asked for. */
export function fleetOptionsOf(flags: Flags): FleetOptions {
	return {
		...(flags['metrics-port'] === undefined ? {} : {metricsPort: flags['metrics-port'] as string}),
		...(flags['pushgateway'] === undefined ? {} : {pushgateway: flags['pushgateway'] as string}),
		redact: flags['redact'] === true,
	};
}

/** Prints one line per shared file that failed; the exit code they call for (2), or `null` when none failed. */
export function reportShareFailures(failures: readonly ShareFileError[], io: Io): number | null {
	for (const failure of failures) io.err(`llmtop: ${failure.message}`);
	return failures.length > 0 ? EXIT.usage : null;
}

function checkWritable(path: string, flag: string): void {
	const full = resolve(path);
	let isDirectory = false;
	try {
		isDirectory = statSync(full).isDirectory();
	} catch {
		// does not exist yet: fine
	}
	if (isDirectory) throw new InputError(`--${flag} ${path}: is a directory`);
	try {
		accessSync(dirname(full), constants.W_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(`--${flag} ${path}: ${code === 'ENOENT' ? 'the directory does not exist' : 'the directory is not writable'}`);
	}
}
