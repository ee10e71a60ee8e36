/**
 * Starts a server for `--launch`: no shell, its own process group, stdout
 * and stderr kept (the last lines) off the terminal; waits until it is ready
 * and stops the whole group (SIGTERM, then SIGKILL after a bound) on every
 * exit path, `process.exit` included.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import net from 'node:net';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {LaunchFailedError, LaunchTimeoutError} from './errors.js';
import {httpGet} from './http.js';

/** A free TCP port on `host` (the kernel's pick; another process could take it before the server binds). */
export function freePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, host, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Options of {@link launchServer}. */
export interface LaunchOptions {
	/** The command to run, placeholders filled. */
	argv: readonly string[];
	/** The server's root URL (where `/health` is). */
	root: URL;
	/** Bound on the wait for readiness, ms. */
	timeoutMs: number;
	signal?: AbortSignal;
	/** Called with the PID as soon as the process runs (before it is ready). */
	onSpawn?: (pid: number) => void;
	/** SIGTERM to SIGKILL, ms. @default 5000 */
	graceMs?: number;
}

/** A server llmtop started. */
export interface LaunchedServer {
	readonly pid: number;
	/** Start to ready (`/health` answered 200), ms. */
	readonly readyMs: number;
	/** Resolves with a description (`exit code 1`, `signal SIGSEGV`) when the process exits. */
	readonly exited: Promise<string>;
	/** The last lines the server wrote (stdout and stderr). */
	tail(): string[];
	/** Stops the process group: SIGTERM, then SIGKILL after the grace time. Idempotent. */
	stop(): Promise<void>;
}

const TAIL_LINES = 12;

/**
 * Spawns the server and waits until `/health` answers 200 (or, for a server
 * without one, `/v1/models`). Throws {@link LaunchFailedError} when it
 * cannot start or exits first (with its last output lines), and
 * {@link LaunchTimeoutError} after `timeoutMs`; the group is stopped then.
 */
export async function launchServer(options: LaunchOptions): Promise<LaunchedServer> {
	const display = options.argv.join(' ');
	const started = performance.now();
	const child = spawn(options.argv[0]!, options.argv.slice(1), {detached: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true});
	const lines: string[] = [];
	for (const stream of [child.stdout, child.stderr]) {
		let partial = '';
		stream?.setEncoding('utf8').on('data', (chunk: string) => {
			const parts = (partial + chunk).split(/\r?\n/);
			partial = parts.pop() ?? '';
			for (const line of parts) if (line.trim()) pushTail(lines, line);
			if (partial.length > 4096) partial = partial.slice(-4096);
		});
	}
	const exited = new Promise<string>((resolve) => {
		child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
		child.once('error', (error) =>
			resolve(`could not start: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? `${options.argv[0]} not found` : error.message}`),
		);
	});
	const server = new GroupHandle(child, exited, options.graceMs ?? 5000, lines);
	if (child.pid !== undefined) options.onSpawn?.(child.pid);
	try {
		await waitReady(options, exited, display, lines);
	} catch (error) {
		await server.stop();
		throw error;
	}
	server.readyMs = performance.now() - started;
	return server;
}

function pushTail(lines: string[], line: string): void {
	lines.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
	if (lines.length > TAIL_LINES) lines.shift();
}

async function waitReady(options: LaunchOptions, exited: Promise<string>, display: string, lines: string[]): Promise<void> {
	let gone: string | undefined;
	void exited.then((why) => (gone = why));
	const deadline = performance.now() + options.timeoutMs;
	let path = 'health';
	while (performance.now() < deadline) {
		if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
		if (gone !== undefined) {
			await sleep(50);
			throw new LaunchFailedError(display, `the server ${gone.startsWith('could not') ? gone : `exited before it was ready (${gone})`}`, lines.slice(-5));
		}
		const answer = await httpGet(new URL(path, options.root), {timeoutMs: 1000}).catch(() => undefined);
		if (answer?.status === 200) return;
		if (answer?.status === 404 && path === 'health') path = 'v1/models';
		await Promise.race([sleep(100), exited]);
	}
	throw new LaunchTimeoutError(display, options.timeoutMs, lines.slice(-5));
}

class GroupHandle implements LaunchedServer {
	readyMs = 0;
	readonly pid: number;
	#stopping: Promise<void> | undefined;
	readonly #killOnExit = (): void => this.#signal('SIGKILL');

	constructor(
		readonly child: ChildProcess,
		readonly exited: Promise<string>,
		readonly graceMs: number,
		readonly lines: string[],
	) {
		this.pid = child.pid ?? -1;
		process.once('exit', this.#killOnExit);
	}

	tail(): string[] {
		return [...this.lines];
	}

	stop(): Promise<void> {
		this.#stopping ??= this.#stop();
		return this.#stopping;
	}

	async #stop(): Promise<void> {
		if (this.pid > 0) {
			this.#signal('SIGTERM');
			const timer = setTimeout(() => this.#signal('SIGKILL'), this.graceMs);
			await this.exited;
			clearTimeout(timer);
			// Children of the leader that outlived it.
			this.#signal('SIGKILL');
		}
		process.off('exit', this.#killOnExit);
	}

	#signal(signal: NodeJS.Signals): void {
		if (this.pid <= 0) return;
		try {
			process.kill(-this.pid, signal);
		} catch {
			// The group is gone.
		}
	}
}
