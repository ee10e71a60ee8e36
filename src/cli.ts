#!/usr/bin/env node
process.env['NODE_ENV'] ??= 'production';

import {COMMANDS, main, reportError} from './cli/main.js';
import {combineExitCodes, EXIT} from './cli/exit-codes.js';
import {guardProcessStreams, processIo, stdoutWasClosed} from './cli/io.js';

async function entry(): Promise<void> {
	guardProcessStreams();
	const io = processIo();
	const argv = process.argv.slice(2);
	let code: number;
	try {
		code = await main(argv, io);
	} catch (error) {
		const first = argv[0];
		code = reportError(error, io, first !== undefined && COMMANDS.includes(first) ? first : 'run');
	}
	// Helpers (canary, workers, the engine thread) are gone by now; do not wait for stray handles.
	setTimeout(() => process.exit(finalCode(code)), 50).unref();
	await new Promise((resolve) => process.stdout.write('', resolve));
	await new Promise((resolve) => setImmediate(resolve));
	process.exit(finalCode(code));
}

/** A reader that went away (`| head`) makes it 141 unless a signal ended the command. */
function finalCode(code: number): number {
	return stdoutWasClosed() ? combineExitCodes(code, EXIT.pipeClosed) : code;
}

void entry();
