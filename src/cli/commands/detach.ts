/**
 * `llmtop run --detach`: the same run started again as a background process
 * in its own session (it survives the terminal and the SSH connection), its
 * output to a log file, with `--headless` and, unless given, `--events` and
 * `--report` under the state folder (see state-dir.ts).
 */
import {spawn} from 'node:child_process';
import {closeSync, mkdirSync, openSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ParsedArgs} from '../args.js';
import {EXIT} from '../exit-codes.js';
import type {Io} from '../io.js';
import {newRunId, runsDir} from '../state-dir.js';

/** The command line that gives back `flags` (without `--detach`). */
export function argvOf(flags: ParsedArgs['flags']): string[] {
	const argv: string[] = [];
	for (const [name, value] of Object.entries(flags)) {
		if (value === undefined || value === false || name === 'detach') continue;
		if (typeof value === 'boolean') {
			if (value === true) argv.push(`--${name}`);
		} else {
			argv.push(`--${name}=${Array.isArray(value) ? value.join(',') : String(value)}`);
		}
	}
	return argv;
}

/** Starts the run in the background and prints where to watch it. */
export function detachRun(parsed: ParsedArgs, io: Io, env: NodeJS.ProcessEnv = process.env): number {
	const flags = {...parsed.flags};
	const dir = join(runsDir(env), newRunId(new Date(), process.pid));
	mkdirSync(dir, {recursive: true, mode: 0o755});
	flags['events'] ??= join(dir, 'events.jsonl');
	flags['report'] ??= join(dir, 'report.json');
	flags['headless'] = true;
	const log = join(dir, 'run.log');
	const fd = openSync(log, 'a', 0o644);
	const cli = fileURLToPath(new URL('../../cli.js', import.meta.url));
	const child = spawn(process.execPath, [cli, 'run', ...argvOf(flags)], {detached: true, stdio: ['ignore', fd, fd], env, cwd: process.cwd()});
	closeSync(fd);
	child.unref();
	const events = flags['events'] as string;
	io.out(`llmtop: run started in the background (PID ${child.pid ?? '?'})`);
	io.out(`  events  ${events}`);
	io.out(`  report  ${flags['report'] as string}`);
	io.out(`  log     ${log}`);
	io.out(`watch it: llmtop watch ${JSON.stringify(events) === `"${events}"` ? events : JSON.stringify(events)}`);
	return EXIT.pass;
}
