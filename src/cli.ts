#!/usr/bin/env node
process.env['NODE_ENV'] ??= 'production';

import {COMMANDS, main, reportError} from './cli/main.js';
import {processIo} from './cli/io.js';

async function entry(): Promise<void> {
	const io = processIo();
	const argv = process.argv.slice(2);
	let code: number;
	try {
		code = await main(argv, io);
	} catch (error) {
		const first = argv[0];
		code = reportError(error, io, first !== undefined && COMMANDS.includes(first) ? first : 'run');
	}
	process.exitCode = code;
	// Helpers (canary, workers, the engine thread) are gone by now; do not wait for stray handles.
	setTimeout(() => process.exit(code), 50).unref();
	await new Promise((resolve) => process.stdout.write('', resolve));
	process.exit(code);
}

void entry();
