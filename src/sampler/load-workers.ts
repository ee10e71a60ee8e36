import type {ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {killOnExit, normalPriority, startHelper, terminate} from './child-process.js';
import {LOAD_UNIT_STEPS, LOAD_WORKER_SOURCE} from './load-worker-source.js';
import {openSharedFile, type SharedFile} from './shared-file.js';
import type {SampleReading, SampleSource} from './types.js';

/** Options of `startLoadWorkers`. */
export interface LoadWorkerOptions {
	/**
	 * Steps of the fixed unit of work per operation (~1 ms on the reference machine).
	 * @default LOAD_UNIT_STEPS
	 */
	unitSteps?: number;
	/** Called when a worker exits before `stop()`. */
	onExit?(slot: number, code: number | null, signal: NodeJS.Signals | null): void;
}

/** Running `--load` workers. As a `SampleSource` they add `loadOps` to each reading. */
export interface LoadWorkers extends SampleSource {
	readonly count: number;
	readonly pids: readonly number[];
	/** Nice value of each worker after start (0 unless it could not be reset). */
	readonly nice: readonly (number | undefined)[];
	/** Workers still running. */
	readonly alive: number;
	/** Operations completed by all workers since the previous drain (or start). */
	drainOps(): number;
	/** Operations completed by each worker since it started. */
	totals(): number[];
	/**
	 * Stops every worker, waits for them to exit, then reads their final
	 * counters: afterwards {@link totals} is final and {@link drainOps} returns
	 * what ran since the last drain once, then 0.
	 */
	stop(): Promise<void>;
}

/** The command that runs one load worker (`node -e`); its fd 3 must be the shared counter file. */
export function loadWorkerCommand(slot: number, parentPid = process.pid, unitSteps = LOAD_UNIT_STEPS): {command: string; args: string[]} {
	return {command: process.execPath, args: ['-e', LOAD_WORKER_SOURCE, String(slot), String(parentPid), String(unitSteps)]};
}

/**
 * Starts `count` busy background processes standing in for the user's own
 * work (a compile, say), at normal priority, each running a fixed CPU-bound
 * unit of work in a loop. Their completed operations are read from a shared
 * unlinked file at each sample (no pipe traffic, no wake-ups of this
 * process). They die with this process, even on SIGKILL (each checks its
 * parent pid every ~10 ms).
 */
export async function startLoadWorkers(count: number, options: LoadWorkerOptions = {}): Promise<LoadWorkers> {
	if (!(Number.isInteger(count) && count >= 1 && count <= 256)) throw new RangeError(`load workers must be an integer 1-256, got ${count}`);
	const unitSteps = options.unitSteps ?? LOAD_UNIT_STEPS;
	const file = openSharedFile('llmtop-load-', 'ops');
	fs.ftruncateSync(file.fd, count * 16);
	const children: ChildProcess[] = [];
	try {
		for (let slot = 0; slot < count; slot++) {
			const {command, args} = loadWorkerCommand(slot, process.pid, unitSteps);
			children.push(await startHelper(command, args, ['ignore', 'ignore', 'ignore', file.fd]));
		}
	} catch (error) {
		await Promise.all(children.map((child) => terminate(child)));
		file.close();
		throw error;
	}
	return new RunningLoadWorkers(children, file, options);
}

class RunningLoadWorkers implements LoadWorkers {
	readonly pids: readonly number[];
	readonly nice: readonly (number | undefined)[];
	private readonly counters: Float64Array;
	private readonly bytes: Uint8Array;
	private readonly current: Float64Array;
	private drained = 0;
	private exited = 0;
	private stopping = false;
	private readonly unregister: () => void;

	constructor(
		private readonly children: readonly ChildProcess[],
		private readonly file: SharedFile,
		options: LoadWorkerOptions,
	) {
		this.pids = children.map((child) => child.pid!);
		this.nice = this.pids.map((pid) => normalPriority(pid));
		this.counters = new Float64Array(children.length * 2);
		this.bytes = new Uint8Array(this.counters.buffer);
		this.current = new Float64Array(children.length);
		this.unregister = killOnExit(children);
		children.forEach((child, slot) => {
			child.once('exit', (code, signal) => {
				this.exited++;
				if (!this.stopping) options.onExit?.(slot, code, signal);
			});
		});
	}

	get count(): number {
		return this.children.length;
	}

	get alive(): number {
		return this.children.length - this.exited;
	}

	totals(): number[] {
		this.read();
		return Array.from(this.current);
	}

	drainOps(): number {
		const total = this.read();
		const ops = total - this.drained;
		this.drained = total;
		return ops;
	}

	prime(): void {
		this.drainOps();
	}

	contribute(reading: SampleReading): void {
		reading.loadOps = this.drainOps();
	}

	async stop(): Promise<void> {
		if (this.stopping) return;
		this.stopping = true;
		await Promise.all(this.children.map((child) => terminate(child)));
		this.unregister();
		this.read();
		this.file.close();
	}

	/** Reads every worker's counter (keeping the previous value of a torn or backward one); returns the sum. */
	private read(): number {
		const open = !this.file.closed;
		if (open) fs.readSync(this.file.fd, this.bytes, 0, this.bytes.length, 0);
		let sum = 0;
		for (let slot = 0; slot < this.current.length; slot++) {
			const a = this.counters[slot * 2]!;
			if (open && a === this.counters[slot * 2 + 1] && a >= this.current[slot]!) this.current[slot] = a;
			sum += this.current[slot]!;
		}
		return sum;
	}
}
