import {TaskCpuReader} from './thread-cpu.js';

/** One thread being followed: its reader and the CPU it had at the last read, ns. */
interface Tracked {
	reader: TaskCpuReader;
	lastNs: number;
	/** The `readNs` call that last saw this tid among the extra tids. */
	seen: number;
}

/**
 * Cumulative CPU of a set of threads of one Linux process, ns: the main
 * thread (tid = pid) plus the tids `extraTids` names at each read. For the
 * sampler, llmtop's observer threads (the JS main thread and e.g. a worker
 * thread that renders the UI). Kept as a sum of per-thread increments, so a
 * thread that exits stops adding instead of making the total fall; what it
 * spent since the previous read is not counted, nor is what a new thread
 * spent before its first read.
 */
export class ThreadSetCpu {
	private readonly extra = new Map<number, Tracked>();
	private reads = 0;
	private totalNs = 0;

	private constructor(
		private readonly main: Tracked,
		private readonly pid: number,
		private readonly extraTids?: () => Iterable<number>,
	) {}

	/** Undefined when the main thread's `schedstat`/`stat` cannot be read (not Linux, or no such process). */
	static open(pid: number, extraTids?: () => Iterable<number>): ThreadSetCpu | undefined {
		const main = track(pid, pid, 0);
		return main && new ThreadSetCpu(main, pid, extraTids);
	}

	/** Total so far, ns (starts near 0 when opened). Throws when the main thread cannot be read. */
	readNs(): number {
		this.totalNs += advance(this.main);
		if (this.extraTids) this.addExtra(this.extraTids());
		return this.totalNs;
	}

	private addExtra(tids: Iterable<number>): void {
		const read = ++this.reads;
		for (const tid of tids) {
			if (tid === this.pid) continue;
			const entry = this.extra.get(tid);
			if (!entry) {
				const started = track(this.pid, tid, read);
				if (started) this.extra.set(tid, started);
				continue;
			}
			entry.seen = read;
			try {
				this.totalNs += advance(entry);
			} catch {
				entry.reader.close();
				this.extra.delete(tid);
			}
		}
		for (const [tid, entry] of this.extra) {
			if (entry.seen === read) continue;
			entry.reader.close();
			this.extra.delete(tid);
		}
	}

	close(): void {
		this.main.reader.close();
		for (const entry of this.extra.values()) entry.reader.close();
		this.extra.clear();
	}
}

/** Opens thread `tid` of `pid` and takes its baseline; undefined when it cannot be read. */
function track(pid: number, tid: number, seen: number): Tracked | undefined {
	const reader = TaskCpuReader.open(`/proc/${pid}/task/${tid}`);
	if (!reader) return undefined;
	try {
		return {reader, lastNs: reader.readNs(), seen};
	} catch {
		reader.close();
		return undefined;
	}
}

/** Reads `entry` again: the CPU it spent since the last read, ns (never negative). Throws when it cannot be read. */
function advance(entry: Tracked): number {
	const ns = entry.reader.readNs();
	const spent = Math.max(0, ns - entry.lastNs);
	entry.lastNs = ns;
	return spent;
}
