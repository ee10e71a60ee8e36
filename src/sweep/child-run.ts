/**
 * One configuration as one `llmtop run --headless` child process: its own
 * memory and caches, so one configuration never colours the next one's RSS
 * and idle figures. While it runs, the child's events file is read every
 * {@link POLL_MS} for the live figures.
 */
import {spawn} from 'node:child_process';
import {closeSync, openSync, readSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import {applyLines, initialLive, type LiveFigures, type LiveState} from './live-figures.js';
import type {SweepConfig} from './types.js';

/** How often the child's events file is read, ms. */
export const POLL_MS = 500;
/** How long a child has to stop after SIGINT before it is killed, ms. */
export const KILL_AFTER_MS = 10_000;

/** How to start a child and what it runs. */
export interface ChildRunOptions {
	/** The command that starts `llmtop` (e.g. `[process.execPath, 'dist/src/cli.js']`). */
	command: readonly string[];
	config: SweepConfig;
	/** Run flags every configuration shares. */
	shared: readonly string[];
	reportPath: string;
	eventsPath: string;
	env?: NodeJS.ProcessEnv;
	/** Aborting stops the child (SIGINT; SIGKILL after {@link KILL_AFTER_MS}). */
	signal?: AbortSignal;
	onLive?: (live: LiveFigures) => void;
}

/** How the child ended. */
export interface ChildOutcome {
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	/** The child's last non-empty stderr line (its one-line error), if any. */
	lastError: string | null;
	durationMs: number;
	live: LiveFigures;
}

/** `llmtop run` flags of one configuration. */
export function childArgs(options: Pick<ChildRunOptions, 'config' | 'shared' | 'reportPath' | 'eventsPath'>): string[] {
	const {config} = options;
	return [
		'run',
		'--headless',
		'--model',
		config.model,
		...(config.threads === undefined ? [] : ['--threads', String(config.threads)]),
		...(config.cpuCap === undefined ? [] : ['--cpu-cap', String(config.cpuCap)]),
		...(config.nice === undefined ? [] : ['--nice', String(config.nice)]),
		...(config.batchSize === undefined ? [] : ['--batch-size', String(config.batchSize)]),
		...(config.contextSize === undefined ? [] : ['--context-size', String(config.contextSize)]),
		...options.shared,
		'--report',
		options.reportPath,
		'--events',
		options.eventsPath,
	];
}

/** Runs one configuration to its end (or until aborted). Never rejects for the child's own failure. */
export function runChild(options: ChildRunOptions): Promise<ChildOutcome> {
	const [program, ...prefix] = options.command;
	if (!program) throw new Error('runChild: empty command');
	const started = Date.now();
	// Its own process group: Ctrl+C in the terminal reaches the sweep only, which stops the child with one SIGINT (a second one would make it exit before writing its partial report).
	const child = spawn(program, [...prefix, ...childArgs(options)], {env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], detached: true});
	let stderrTail = '';
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderrTail = (stderrTail + chunk).slice(-4096);
	});
	const tail = new EventsTail(options.eventsPath);
	const poll = setInterval(() => {
		if (tail.read()) options.onLive?.(tail.figures);
	}, POLL_MS);
	let killTimer: NodeJS.Timeout | undefined;
	const onAbort = (): void => {
		child.kill('SIGINT');
		killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
	};
	if (options.signal?.aborted) onAbort();
	else options.signal?.addEventListener('abort', onAbort, {once: true});
	return new Promise((resolve) => {
		const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
			clearInterval(poll);
			if (killTimer) clearTimeout(killTimer);
			options.signal?.removeEventListener('abort', onAbort);
			tail.read();
			const lines = stderrTail
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean);
			const lastError = spawnError ? `cannot start llmtop: ${spawnError.message}` : (lines.at(-1)?.replace(/^llmtop: /, '') ?? null);
			resolve({exitCode, signal, lastError, durationMs: Date.now() - started, live: tail.figures});
		};
		child.once('error', (error) => finish(null, null, error));
		child.once('close', (code, signal) => finish(code, signal));
	});
}

/** Reads the lines appended to an events file since the last read (a partial last line waits for its end). */
class EventsTail {
	#offset = 0;
	#partial = '';
	readonly #decoder = new StringDecoder('utf8');
	#state: LiveState = initialLive();

	constructor(private readonly path: string) {}

	get figures(): LiveFigures {
		return this.#state;
	}

	/** True when new events were read. */
	read(): boolean {
		let fd: number;
		try {
			fd = openSync(this.path, 'r');
		} catch {
			return false;
		}
		try {
			const buffer = Buffer.alloc(64 * 1024);
			let text = '';
			for (;;) {
				const n = readSync(fd, buffer, 0, buffer.length, this.#offset);
				if (n <= 0) break;
				this.#offset += n;
				text += this.#decoder.write(buffer.subarray(0, n));
			}
			if (text === '') return false;
			const joined = this.#partial + text;
			const cut = joined.lastIndexOf('\n');
			this.#partial = joined.slice(cut + 1);
			this.#state = applyLines(this.#state, joined.slice(0, cut + 1));
			return true;
		} finally {
			closeSync(fd);
		}
	}
}
