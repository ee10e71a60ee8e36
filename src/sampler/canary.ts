import type {ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {performance} from 'node:perf_hooks';
import {buildCanary, type CanaryBuildOptions} from './canary-build.js';
import {LatenessDecoder} from './canary-decoder.js';
import {CANARY_NODE_SOURCE} from './canary-node-source.js';
import {killOnExit, normalPriority, startHelper, terminate} from './child-process.js';
import {openSharedFile} from './shared-file.js';
import {ThreadSetCpu} from './thread-set-cpu.js';
import type {SampleReading, SampleSource} from './types.js';

/** Which canary runs: the compiled C loop, or the Node fallback. */
export type CanaryImpl = 'c' | 'node';

/** Options of `startCanary`. */
export interface CanaryOptions extends CanaryBuildOptions {
	/**
	 * Wake-up period, ms (an app drawing at 100 frames/s).
	 * @default 10
	 */
	periodMs?: number;
	/**
	 * Wake-ups per write to the pipe (10 x 10 ms: one write per ~100 ms).
	 * @default 10
	 */
	batch?: number;
	/**
	 * `auto`: the C canary when it compiles, else the Node one.
	 * @default 'auto'
	 */
	impl?: CanaryImpl | 'auto';
	/** Called with the lateness values (ms) read at each `drain()` (a sampler tick); they are returned by it too. */
	onLateness?(valuesMs: number[]): void;
	/** Called when the canary exits before `stop()`. */
	onExit?(code: number | null, signal: NodeJS.Signals | null): void;
}

/** A running canary process. As a `SampleSource` it adds `canaryLateMs` and `canaryCpuPct` to each reading. */
export interface Canary extends SampleSource {
	readonly impl: CanaryImpl;
	readonly pid: number;
	/** Why the C canary is not the one running (`impl` is `node` under `auto`). */
	readonly fallbackReason?: string;
	/** The canary's nice value after start (0 unless it could not be reset). */
	readonly nice: number | undefined;
	/** Whether the canary is still running. */
	readonly running: boolean;
	/** Lateness values (ms) received since the previous drain, in wake-up order. */
	drain(): number[];
	/** Values dropped because nobody drained them (bounded buffer). */
	readonly dropped: number;
	/**
	 * The canary's CPU, % of one core, since the previous call (or start),
	 * over `elapsedMs` when given, else over the time measured here;
	 * undefined where it cannot be read (no `/proc`) or after it exited.
	 */
	cpuPct(elapsedMs?: number): number | undefined;
	/** What the canary wrote on stderr (first ~2000 chars), to explain an early exit. */
	readonly errorOutput: string;
	/** Stops the canary and waits for it to exit. */
	stop(): Promise<void>;
}

/** The command that runs a canary: the compiled binary, or `node -e` with the fallback source. */
export function canaryCommand(
	impl: CanaryImpl,
	binary: string | undefined,
	periodMs: number,
	batch: number,
	parentPid = process.pid,
): {command: string; args: string[]} {
	const args = [String(Math.round(periodMs * 1000)), String(batch), String(parentPid)];
	if (impl === 'c') {
		if (!binary) throw new Error('the C canary needs its compiled binary');
		return {command: binary, args};
	}
	return {command: process.execPath, args: ['-e', CANARY_NODE_SOURCE, ...args]};
}

/**
 * Starts the canary: a separate process at normal priority that asks to wake
 * every `periodMs` on absolute deadlines and writes how late each wake-up
 * was (uint32 LE µs, batched) to its stdout: a file that `drain()` reads at
 * each sampler tick. It dies with this process, even on SIGKILL. Its CPU is read from `/proc/<pid>` (Linux) at each call.
 */
export async function startCanary(options: CanaryOptions = {}): Promise<Canary> {
	const periodMs = options.periodMs ?? 10;
	const batch = options.batch ?? 10;
	if (!(periodMs >= 0.1 && periodMs <= 1000)) throw new RangeError(`canary period must be 0.1-1000 ms, got ${periodMs}`);
	if (!(Number.isInteger(batch) && batch >= 1 && batch <= 1024)) throw new RangeError(`canary batch must be an integer 1-1024, got ${batch}`);
	const wanted = options.impl ?? 'auto';
	let impl: CanaryImpl = 'node';
	let binary: string | undefined;
	let fallbackReason: string | undefined;
	if (wanted !== 'node') {
		const build = await buildCanary(options);
		if (build.ok) {
			impl = 'c';
			binary = build.binary;
		} else if (wanted === 'c') {
			throw new Error(`cannot start the C canary: ${build.reason}`);
		} else {
			fallbackReason = build.reason;
		}
	}
	const {command, args} = canaryCommand(impl, binary, periodMs, batch);
	const log = openLatenessLog();
	let child: ChildProcess;
	try {
		child = await startHelper(command, args, ['ignore', log.fd, 'pipe']);
	} catch (error) {
		log.close();
		throw error;
	}
	return new RunningCanary(child, log, impl, fallbackReason, options);
}

/**
 * Where the canary's stdout goes: a `SharedFile` that the sampler reads at
 * each tick. A pipe would wake llmtop's JS thread ten times a second on its
 * own, on top of the sampler's ticks.
 */
interface LatenessLog {
	fd: number;
	/** Reads what was appended since the last read (bytes up to the file's size are whole writes). */
	readNew(): Uint8Array;
	close(): void;
}

function openLatenessLog(): LatenessLog {
	const file = openSharedFile('llmtop-canary-', 'lateness');
	const buffer = Buffer.alloc(64 * 1024);
	let offset = 0;
	return {
		fd: file.fd,
		readNew: () => {
			if (file.closed) return buffer.subarray(0, 0);
			const n = fs.readSync(file.fd, buffer, 0, buffer.length, offset);
			offset += n;
			return buffer.subarray(0, n);
		},
		close: () => file.close(),
	};
}

class RunningCanary implements Canary {
	readonly pid: number;
	readonly nice: number | undefined;
	private readonly decoder = new LatenessDecoder();
	private readonly cpu: ThreadSetCpu | undefined;
	private readonly unregister: () => void;
	private stopping = false;
	private exited = false;
	private lastCpuNs = Number.NaN;
	private lastCpuAt = 0;
	private stderr = '';

	constructor(
		private readonly child: ChildProcess,
		private readonly log: LatenessLog,
		readonly impl: CanaryImpl,
		readonly fallbackReason: string | undefined,
		private readonly options: CanaryOptions,
	) {
		this.pid = child.pid!;
		this.nice = normalPriority(this.pid);
		this.unregister = killOnExit([child]);
		child.stderr!.on('data', (chunk: Buffer) => {
			if (this.stderr.length < 2000) this.stderr += chunk.toString('utf8');
		});
		child.once('exit', (code, signal) => {
			this.exited = true;
			this.unregister();
			if (!this.stopping) options.onExit?.(code, signal);
		});
		const taskDir = `/proc/${this.pid}/task`;
		this.cpu = ThreadSetCpu.open(this.pid, impl === 'node' ? () => listTasks(taskDir) : undefined);
		this.prime();
	}

	get running(): boolean {
		return !this.exited;
	}

	get dropped(): number {
		return this.decoder.dropped;
	}

	drain(): number[] {
		this.poll();
		return this.decoder.drain();
	}

	/** Decodes what the canary wrote since the last look. */
	private poll(): void {
		const chunk = this.log.readNew();
		if (chunk.length === 0) return;
		const values = this.decoder.push(chunk);
		if (values.length > 0) this.options.onLateness?.(values);
	}

	cpuPct(elapsedMs?: number): number | undefined {
		const now = performance.now();
		const ns = this.readCpuNs();
		const elapsed = elapsedMs ?? now - this.lastCpuAt;
		const previous = this.lastCpuNs;
		this.lastCpuNs = ns;
		this.lastCpuAt = now;
		if (Number.isNaN(ns) || Number.isNaN(previous) || !(elapsed > 0)) return undefined;
		return (Math.max(0, ns - previous) / 1e6 / elapsed) * 100;
	}

	prime(): void {
		this.drain();
		this.lastCpuNs = this.readCpuNs();
		this.lastCpuAt = performance.now();
	}

	contribute(reading: SampleReading, elapsedMs: number): void {
		reading.canaryLateMs = this.drain();
		const cpu = this.cpuPct(elapsedMs);
		if (cpu !== undefined) reading.canaryCpuPct = cpu;
	}

	async stop(): Promise<void> {
		this.stopping = true;
		await terminate(this.child);
		this.log.close();
		this.cpu?.close();
		this.unregister();
	}

	get errorOutput(): string {
		return this.stderr;
	}

	private readCpuNs(): number {
		if (!this.cpu || this.exited) return Number.NaN;
		try {
			return this.cpu.readNs();
		} catch {
			return Number.NaN;
		}
	}
}

function listTasks(dir: string): number[] {
	try {
		return fs.readdirSync(dir).map(Number);
	} catch {
		return [];
	}
}
