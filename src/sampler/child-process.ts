import {spawn, type ChildProcess, type StdioOptions} from 'node:child_process';
import os from 'node:os';

/**
 * Puts a child at normal priority (nice 0) when it inherited another one
 * (e.g. from a reniced thread); returns the nice it ends with, or undefined
 * when it cannot be read. Lowering a nice value needs privileges: without
 * them the child keeps what it inherited.
 */
export function normalPriority(pid: number): number | undefined {
	try {
		if (os.getPriority(pid) !== 0) os.setPriority(pid, 0);
	} catch {
		// Not permitted: keep the inherited value, reported below.
	}
	try {
		return os.getPriority(pid);
	} catch {
		return undefined;
	}
}

/**
 * Environment for llmtop's helper processes: this one's, without
 * `NODE_OPTIONS` (preloads and flags meant for llmtop would slow them and
 * change what they measure).
 */
export function helperEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	delete env.NODE_OPTIONS;
	return env;
}

/**
 * Lets this process exit while the child runs (its pipes included): a probe
 * must never keep llmtop alive; `killOnExit` ends it then.
 */
export function detachFromLoop(child: ChildProcess): void {
	child.unref();
	for (const stream of [child.stdout, child.stderr]) (stream as {unref?: () => void} | null)?.unref?.();
}

/** Resolves when the child has been spawned; rejects with the spawn error (ENOENT, EACCES...). */
export function spawned(child: ChildProcess): Promise<void> {
	return new Promise((resolve, reject) => {
		child.once('spawn', resolve);
		child.once('error', reject);
	});
}

/**
 * Starts a helper process (`helperEnv`, no console window), waits until it
 * runs, and detaches it from the event loop; rejects with the spawn error.
 */
export async function startHelper(command: string, args: readonly string[], stdio: StdioOptions): Promise<ChildProcess> {
	const child = spawn(command, args, {stdio, env: helperEnv(), windowsHide: true});
	await spawned(child);
	detachFromLoop(child);
	return child;
}

/** Kills `children` when this process exits (normal exit or `process.exit`); returns the unregister function. */
export function killOnExit(children: readonly ChildProcess[]): () => void {
	const kill = (): void => {
		for (const child of children) {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	};
	process.once('exit', kill);
	return () => process.off('exit', kill);
}

/**
 * SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited.
 * Holds the event loop open until then (the child may have been detached).
 */
export function terminate(child: ChildProcess, graceMs = 2000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
	return new Promise((resolve) => {
		child.ref();
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}
