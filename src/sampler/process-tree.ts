import fs from 'node:fs';
import {tryOpenProcFile, type ProcFile} from './proc-file.js';
import {nodeProcessProbes} from './probes-portable.js';
import {parseStatmResidentPages, parseTaskStat, type TaskStat} from './proc-parse.js';
import {TaskCpuReader} from './thread-cpu.js';

/** The process to sample is gone, or never existed. */
export class ProcessGoneError extends Error {
	override name = 'ProcessGoneError';
	constructor(readonly pid: number) {
		super(`process ${pid} does not exist (or has exited)`);
	}
}

/** The process exists but its `/proc` files cannot be read (another user's process without the rights to read it). */
export class ProcessUnreadableError extends Error {
	override name = 'ProcessUnreadableError';
	constructor(
		readonly pid: number,
		readonly detail: string,
	) {
		super(`process ${pid} cannot be read: ${detail} (run llmtop as the server's user, or as root)`);
	}
}

/** One thread being followed: its reader and the CPU it had at the last read, ns. */
interface TrackedThread {
	reader: TaskCpuReader;
	lastNs: number;
	seen: number;
}

/** One process of the tree: its `statm` and its threads. */
interface TrackedProcess {
	statm: ProcFile | undefined;
	threads: Map<number, TrackedThread>;
	seen: number;
}

/** llmtop's own process as the measured tree: whole-process counters, no walk. */
interface OwnProcess {
	statm: ProcFile | undefined;
	stat: ProcFile | undefined;
	parsed: TaskStat;
	/** `process.cpuUsage()` at open, µs. */
	baselineUs: number;
}

/** What one read of the tree found. */
export interface TreeReading {
	/** CPU the tree spent since it was opened, ns (a sum of per-thread increments: it never falls). */
	cpuNs: number;
	/** Resident memory of every process of the tree, summed, bytes. */
	rssBytes: number;
	/** Threads of every process of the tree (NaN when `/proc/self/stat` could not be read). */
	threads: number;
	/** Processes in the tree (the root included). */
	processes: number;
}

/**
 * The one process-tree sampler: CPU, RSS and threads of the process that
 * runs the model, whichever it is.
 *
 * - A daemon's PID ({@link ProcessTree.open}): the process and its
 *   descendants (children found through `/proc/PID/task/TID/children`),
 *   every thread of each: CPU from each thread's `schedstat` (ns, exact;
 *   `stat` ticks where the kernel has no schedstat), RSS from each process's
 *   `statm`, and the thread count. A thread or child that appears after the
 *   first read counts from its first read on, except that a process first
 *   seen after the baseline counts every thread's CPU since it started (it
 *   started within the interval); what a thread spent between the last read
 *   and its exit is lost.
 * - llmtop's own process, where the engine runs in a worker thread
 *   ({@link ProcessTree.own}): the whole thread set from process-wide
 *   counters — `getrusage` CPU (µs, exited threads included), `statm`,
 *   `stat`'s thread count — three reads a tick where a walk of every thread
 *   would take one per thread (20+ for a loaded model). Its children are not
 *   part of it: the canary is measured apart (`canaryCpuPct`) and `--load`
 *   workers are the load the run is tested against.
 *
 * In both, llmtop's own JS thread is the observer; the probes
 * (`tree-probes.ts`) report it apart or subtract it. Files are kept open and
 * re-read with `pread`.
 */
export class ProcessTree {
	readonly #processes = new Map<number, TrackedProcess>();
	readonly #pageSize: number;
	readonly #own: OwnProcess | undefined;
	#reads = 0;
	#cpuNs = 0;

	private constructor(
		readonly pid: number,
		pageSize: number,
		own?: OwnProcess,
	) {
		this.#pageSize = pageSize;
		this.#own = own;
	}

	/**
	 * Opens the tree rooted at `pid` and takes its baseline. Throws
	 * {@link ProcessGoneError} or {@link ProcessUnreadableError}.
	 */
	static open(pid: number, pageSize = 4096): ProcessTree {
		checkReadable(pid);
		const tree = new ProcessTree(pid, pageSize);
		tree.read();
		return tree;
	}

	/**
	 * llmtop's own process (the in-process engine's worker thread, llmtop's
	 * JS thread and every other thread of it), without its children. Linux
	 * `/proc/self`; where `statm` cannot be opened RSS comes from Node.
	 */
	static own(pageSize = 4096): ProcessTree {
		const own: OwnProcess = {
			statm: tryOpenProcFile('/proc/self/statm', 256),
			stat: tryOpenProcFile('/proc/self/stat', 1024),
			parsed: {utimeTicks: 0, stimeTicks: 0, threads: 0, rssPages: 0},
			baselineUs: nodeProcessProbes.processCpuUs(),
		};
		return new ProcessTree(process.pid, pageSize, own);
	}

	/** Whether this is llmtop's own process ({@link ProcessTree.own}). */
	get isOwn(): boolean {
		return this.#own !== undefined;
	}

	/** Whether the root process still runs (a zombie counts as gone). */
	rootAlive(): boolean {
		return this.#own !== undefined || isAlive(this.pid);
	}

	/** Reads every process and thread of the tree. Throws {@link ProcessGoneError} when the root is gone. */
	read(): TreeReading {
		if (this.#own) return this.#readOwn(this.#own);
		const read = ++this.#reads;
		const primed = read > 1;
		if (!isAlive(this.pid)) throw new ProcessGoneError(this.pid);
		let rssPages = 0;
		let threads = 0;
		const queue = [this.pid];
		while (queue.length > 0) {
			const pid = queue.pop()!;
			let entry = this.#processes.get(pid);
			const isNew = entry === undefined;
			if (!entry) {
				entry = {statm: tryOpenProcFile(`/proc/${pid}/statm`, 256), threads: new Map(), seen: read};
				this.#processes.set(pid, entry);
			}
			entry.seen = read;
			const tids = listTasks(pid);
			if (tids.length === 0) continue;
			for (const tid of tids) {
				this.#cpuNs += this.#advance(entry, pid, tid, read, primed && isNew);
				for (const child of readChildren(pid, tid)) queue.push(child);
			}
			for (const [tid, thread] of entry.threads) {
				if (thread.seen === read) continue;
				thread.reader.close();
				entry.threads.delete(tid);
			}
			threads += entry.threads.size;
			rssPages += readResidentPages(entry.statm);
		}
		for (const [pid, entry] of this.#processes) {
			if (entry.seen === read) continue;
			closeProcess(entry);
			this.#processes.delete(pid);
		}
		return {cpuNs: this.#cpuNs, rssBytes: rssPages * this.#pageSize, threads, processes: this.#processes.size};
	}

	/** Releases every file held open. */
	close(): void {
		this.#own?.statm?.close();
		this.#own?.stat?.close();
		for (const entry of this.#processes.values()) closeProcess(entry);
		this.#processes.clear();
	}

	#readOwn(own: OwnProcess): TreeReading {
		// Never falls, like the walk's sum of increments.
		this.#cpuNs = Math.max(this.#cpuNs, (nodeProcessProbes.processCpuUs() - own.baselineUs) * 1000);
		const pages = own.statm ? parseStatmResidentPages(own.statm.buf, own.statm.read()) : Number.NaN;
		if (own.statm && Number.isNaN(pages)) throw new Error('malformed /proc/self/statm');
		const rssBytes = own.statm ? pages * this.#pageSize : process.memoryUsage.rss();
		let threads = Number.NaN;
		if (own.stat && parseTaskStat(own.stat.buf, own.stat.read(), own.parsed)) threads = own.parsed.threads;
		return {cpuNs: this.#cpuNs, rssBytes, threads, processes: 1};
	}

	#advance(entry: TrackedProcess, pid: number, tid: number, read: number, countFromStart: boolean): number {
		const thread = entry.threads.get(tid);
		if (!thread) {
			const reader = TaskCpuReader.open(`/proc/${pid}/task/${tid}`);
			if (!reader) return 0;
			try {
				const ns = reader.readNs();
				entry.threads.set(tid, {reader, lastNs: ns, seen: read});
				return countFromStart ? ns : 0;
			} catch {
				reader.close();
				return 0;
			}
		}
		thread.seen = read;
		try {
			const ns = thread.reader.readNs();
			const spent = Math.max(0, ns - thread.lastNs);
			thread.lastNs = ns;
			return spent;
		} catch {
			return 0;
		}
	}
}

/** Whether `pid` runs (exists and is not a zombie). */
export function isAlive(pid: number): boolean {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
		const state = stat.charAt(stat.lastIndexOf(')') + 2);
		return state !== 'Z' && state !== 'X' && state !== '';
	} catch {
		return false;
	}
}

function checkReadable(pid: number): void {
	if (!Number.isInteger(pid) || pid <= 0) throw new ProcessGoneError(pid);
	try {
		fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ESRCH') throw new ProcessGoneError(pid);
		throw new ProcessUnreadableError(pid, `/proc/${pid}/stat: ${code ?? String(error)}`);
	}
	if (!isAlive(pid)) throw new ProcessGoneError(pid);
	try {
		fs.readdirSync(`/proc/${pid}/task`);
		fs.readFileSync(`/proc/${pid}/statm`, 'latin1');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ESRCH') throw new ProcessGoneError(pid);
		throw new ProcessUnreadableError(pid, code ?? String(error));
	}
}

function listTasks(pid: number): number[] {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.map(Number)
			.filter((tid) => tid > 0);
	} catch {
		return [];
	}
}

function readChildren(pid: number, tid: number): number[] {
	let text: string;
	try {
		text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1');
	} catch {
		return [];
	}
	const out: number[] = [];
	for (const part of text.split(' ')) {
		const child = Number(part);
		if (child > 0) out.push(child);
	}
	return out;
}

function readResidentPages(statm: ProcFile | undefined): number {
	if (!statm) return 0;
	try {
		const pages = parseStatmResidentPages(statm.buf, statm.read());
		return Number.isNaN(pages) ? 0 : pages;
	} catch {
		return 0;
	}
}

function closeProcess(entry: TrackedProcess): void {
	entry.statm?.close();
	for (const thread of entry.threads.values()) thread.reader.close();
	entry.threads.clear();
}
