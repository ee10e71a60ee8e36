import {ciVariable} from './view.js';

/** The process streams the commands use, so tests can run a command in-process. */
export interface Io {
	/** One line to stdout (a newline is added). Silently dropped once the reader has gone. */
	out(text: string): void;
	/** One line to stderr (a newline is added). */
	err(text: string): void;
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

/** Marks stdout closed (see {@link processIo}). */
export function markStdoutClosed(): void {
	stdoutClosed = true;
}

/** The real process streams. */
export function processIo(): Io {
	return {
		out: (text) => {
			if (!stdoutClosed) process.stdout.write(`${text}\n`);
		},
		err: (text) => {
			process.stderr.write(`${text}\n`);
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
