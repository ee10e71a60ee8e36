import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/cli/errors.js';
import {EXIT} from '../../src/cli/exit-codes.js';
import type {Io} from '../../src/cli/io.js';
import {main, reportError} from '../../src/cli/main.js';

function captureIo(): Io & {lines: string[]; errors: string[]} {
	const lines: string[] = [];
	const errors: string[] = [];
	return {
		lines,
		errors,
		out: (text) => lines.push(text),
		err: (text) => errors.push(text),
		stdoutIsTTY: false,
		stdinIsTTY: false,
		stdin: process.stdin,
		stdout: process.stdout,
	};
}

/** Runs a command line the way the binary does: errors become one line and an exit code. */
async function exitCodeOf(argv: string[], io: Io): Promise<number> {
	try {
		return await main(argv, io);
	} catch (error) {
		return reportError(error, io, argv[0] ?? 'run');
	}
}

describe('llmtop engine', () => {
	it.each([
		[['engine', 'build', '--wait-policy', 'fast'], "--wait-policy must be one of passive, active, default; got 'fast'"],
		[['engine', 'build', '--wait-policy'], "option '--wait-policy <value>' needs a value"],
		[['engine', 'build', '--jobs', '4'], "unknown option '--jobs'"],
		[['engine', 'build', 'now'], "unexpected argument 'now'"],
		[['engine'], 'engine needs a subcommand: build or status'],
		[['engine', 'compile'], "unknown engine subcommand 'compile' (build, status)"],
		[['engine', 'status', '--wait-policy', 'active'], '--wait-policy is an option of `llmtop engine build`'],
	])('%j exits 2 with one line, before building anything', async (argv, message) => {
		const io = captureIo();
		await expect(main(argv, io)).rejects.toThrow(UsageError);
		expect(await exitCodeOf(argv, io)).toBe(EXIT.usage);
		expect(io.errors).toEqual([`llmtop: ${message} (see llmtop engine --help)`]);
		expect(io.lines).toEqual([]);
	});

	it('--help lists the subcommands and the wait policy', async () => {
		const io = captureIo();
		expect(await exitCodeOf(['engine', '--help'], io)).toBe(EXIT.pass);
		const text = io.lines.join('\n');
		expect(text).toMatch(/llmtop engine build \[--wait-policy passive\|active\|default\]/);
		expect(text).toMatch(/llmtop engine status/);
		expect(text).toMatch(/--wait-policy P/);
	});
});
