import {sanitize} from '../run/sanitize.js';
import {ciVariable} from './view.js';

/** The process streams the commands use, so tests can run a command in-process. */
export interface Io {
	/** One line to stdout (a newline is added), through the sanitiser. Silently dropped once the reader has gone. */
	out(text: string): void;
	/** One line to stderr (a newline is added), through the sanitiser. */
	err(text: string): void;
	/** One line to stdout as is: data (JSON) or text styled after it was sanitised. Defaults to {@link out}. */
	outRaw?(text: string): void;
	stdoutIsTTY: boolean;
	stdinIsTTY: boolean;
	/** The CI variable that stops Ink drawing live frames (`CI=true`), if set; see view.ts. */
	ci?: string;
	/** `TERM=dumb`: the terminal takes no cursor moves or colour, so lines instead of a dashboard. */
	dumbTerminal?: boolean;
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** stderr as a stream, for progress rewritten in place on a terminal (optional: tests leave it out). */
	stderr?: NodeJS.WritableStream & {isTTY?: boolean};
}

/** True once stdout's reader has gone (EPIPE): nothing more is written there. */
let stdoutClosed = false;

/** True once stderr is gone (EPIPE, or EIO after the terminal hung up): errors are dropped. */
let stderrClosed = false;

/** Marks stdout closed (see {@link processIo}). */
export function markStdoutClosed(): void {
	stdoutClosed = true;
}

/** True once stdout's reader went away: the command ends with 141 (README "Exit codes"). */
export function stdoutWasClosed(): boolean {
	return stdoutClosed;
}

/** The errors a stream gets when its reader or terminal is gone (rather than a bug). */
export function isClosedStreamError(error: NodeJS.ErrnoException): boolean {
	return error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || error.code === 'EIO' || error.code === 'ECONNRESET';
}

let guarded = false;

/**
 * Every command: a closed stdout (`llmtop compare ... | head`) or a terminal
 * that hung up marks the stream closed instead of crashing with an EPIPE
 * stack trace; the entry point then exits 141. Installed once.
 */
export function guardProcessStreams(): void {
	if (guarded) return;
	guarded = true;
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (!isClosedStreamError(error)) throw error;
		stdoutClosed = true;
	});
	process.stderr.on('error', (error: NodeJS.ErrnoException) => {
		if (!isClosedStreamError(error)) throw error;
		stderrClosed = true;
	});
}

/** The real process streams. */
export function processIo(): Io {
	return {
		out: (text) => {
			if (!stdoutClosed) process.stdout.write(`${sanitize(text)}\n`);
		},
		outRaw: (text) => {
			if (!stdoutClosed) process.stdout.write(`${text}\n`);
		},
		err: (text) => {
			if (!stderrClosed) process.stderr.write(`${sanitize(text)}\n`);
		},
		stdoutIsTTY: Boolean(process.stdout.isTTY),
		stdinIsTTY: Boolean(process.stdin.isTTY),
		ci: ciVariable(process.env),
		dumbTerminal: process.env['TERM'] === 'dumb',
		stdin: process.stdin,
		stdout: process.stdout,
		stderr: process.stderr,
	};
}
