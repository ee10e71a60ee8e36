/**
 * Runs a child process to completion and collects what it printed: the one
 * way the benchmarks start their child processes (the CLI, the bare loop,
 * the burst, memory, sampler and dashboard children).
 */
import {spawn} from 'node:child_process';
import {trackChild} from './lifecycle.js';

/** Exit code and output of a child. */
export interface Collected {
	/** `null` when the child was killed (by the timeout or a signal). */
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Spawns a command, collects its output; resolves with a null code when killed by the timeout (none when `timeoutMs` is not given). */
export function spawnCollect(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<Collected> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		trackChild(child);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), timeoutMs);
		child.once('error', reject);
		child.once('close', (code) => {
			clearTimeout(timer);
			resolvePromise({code, stdout, stderr});
		});
	});
}
