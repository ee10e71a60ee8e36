import {PassThrough} from 'node:stream';
import {main, reportError} from '../../src/cli/main.js';
import type {Io} from '../../src/cli/io.js';

/** What one in-process command line printed and returned. */
export interface CliResult {
	code: number;
	stdout: string[];
	stderr: string[];
}

/** Runs `llmtop ARGV` in this process with captured, non-TTY streams (as the real entry does, errors become one line and exit 2). */
export async function runInProcess(argv: string[]): Promise<CliResult> {
	const stdout: string[] = [];
	const stderr: string[] = [];
	const io: Io = {
		out: (text) => stdout.push(text),
		err: (text) => stderr.push(text),
		stdoutIsTTY: false,
		stdinIsTTY: false,
		stdin: new PassThrough() as unknown as NodeJS.ReadStream,
		stdout: new PassThrough() as unknown as NodeJS.WriteStream,
	};
	let code: number;
	try {
		code = await main(argv, io);
	} catch (error) {
		code = reportError(error, io, argv[0] ?? 'run');
	}
	return {code, stdout, stderr};
}
