/**
 * The bench's process hygiene: a scratch directory removed on every exit
 * (normal end, error, Ctrl+C, SIGTERM, SIGHUP), and every child process it
 * started stopped first, so nothing keeps writing into a folder being
 * removed and nothing is left running.
 */
import type {ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';

const children = new Set<ChildProcess>();

/** Registers a child, forgotten when it closes. */
export function trackChild(child: ChildProcess): void {
	children.add(child);
	child.once('close', () => children.delete(child));
}

/** Children still running. */
export function runningChildren(): number {
	return children.size;
}

/** Sends SIGTERM to every running child, waits up to `graceMs` for them to close, then SIGKILLs the rest. */
export async function stopChildren(graceMs = 3000): Promise<void> {
	const running = [...children];
	if (running.length === 0) return;
	const closed = Promise.all(
		running.map(
			(child) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('close', () => resolve()))),
		),
	);
	for (const child of running) child.kill('SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
	clearTimeout(timer);
	for (const child of children) child.kill('SIGKILL');
}

/** A scratch directory and its removal (idempotent; a no-op with `keep`). */
export interface Scratch {
	readonly dir: string;
	remove(): void;
}

/** Creates the scratch directory; it is removed on process exit unless `keep`. */
export function createScratch(keep: boolean, prefix = 'llmtop-bench-'): Scratch {
	const dir = mkdtempSync(join(os.tmpdir(), prefix));
	let removed = false;
	const remove = (): void => {
		if (removed || keep) return;
		removed = true;
		rmSync(dir, {recursive: true, force: true});
	};
	process.once('exit', remove);
	return {dir, remove};
}

const SIGNAL_CODES = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;

/** What to do on a signal: `first` at once (e.g. stop recording), `last` after the children are stopped (write results, remove scratch). */
export interface InterruptHandlers {
	first(signal: NodeJS.Signals): void;
	last(signal: NodeJS.Signals): void | Promise<void>;
}

/**
 * On SIGINT, SIGTERM or SIGHUP: runs `first`, stops the children, runs
 * `last` once, and exits 128 + the signal number. A second signal while
 * cleaning up exits at once.
 */
export function onInterrupt(handlers: InterruptHandlers): void {
	let stopping = false;
	for (const [signal, code] of Object.entries(SIGNAL_CODES) as [NodeJS.Signals, number][]) {
		process.on(signal, () => {
			if (stopping) process.exit(code);
			stopping = true;
			handlers.first(signal);
			void (async () => {
				try {
					await stopChildren();
					await handlers.last(signal);
				} finally {
					process.exit(code);
				}
			})();
		});
	}
}
