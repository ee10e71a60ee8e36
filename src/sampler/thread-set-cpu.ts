import {TaskCpuReader} from './thread-cpu.js';

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
	private readonly main: TaskCpuReader;
	private readonly extra = new Map<number, {reader: TaskCpuReader; lastNs: number}>();
	private mainLastNs = 0;
	private totalNs = 0;

	private constructor(main: TaskCpuReader, private readonly pid: number, private readonly extraTids?: () => Iterable<number>) {
		this.main = main;
	}

	/** Undefined when the main thread's `schedstat`/`stat` cannot be read (not Linux, or no such process). */
	static open(pid: number, extraTids?: () => Iterable<number>): ThreadSetCpu | undefined {
		const main = TaskCpuReader.open(`/proc/${pid}/task/${pid}`);
		if (!main) return undefined;
		const set = new ThreadSetCpu(main, pid, extraTids);
		try {
			set.mainLastNs = main.readNs();
		} catch {
			main.close();
			return undefined;
		}
		return set;
	}

	/** Whether the main thread is read with ns resolution. */
	get exact(): boolean {
		return this.main.exact;
	}

	/** Total so far, ns (starts near 0 when opened). Throws when the main thread cannot be read. */
	readNs(): number {
		const mainNs = this.main.readNs();
		this.totalNs += Math.max(0, mainNs - this.mainLastNs);
		this.mainLastNs = mainNs;
		if (this.extraTids) this.addExtra(this.extraTids());
		return this.totalNs;
	}

	private addExtra(tids: Iterable<number>): void {
		const seen = new Set<number>();
		for (const tid of tids) {
			if (tid === this.pid) continue;
			seen.add(tid);
			let entry = this.extra.get(tid);
			if (!entry) {
				const reader = TaskCpuReader.open(`/proc/${this.pid}/task/${tid}`);
				if (!reader) continue;
				entry = {reader, lastNs: 0};
				try {
					entry.lastNs = reader.readNs();
				} catch {
					reader.close();
					continue;
				}
				this.extra.set(tid, entry);
				continue;
			}
			try {
				const ns = entry.reader.readNs();
				this.totalNs += Math.max(0, ns - entry.lastNs);
				entry.lastNs = ns;
			} catch {
				entry.reader.close();
				this.extra.delete(tid);
			}
		}
		for (const [tid, entry] of this.extra) {
			if (seen.has(tid)) continue;
			entry.reader.close();
			this.extra.delete(tid);
		}
	}

	close(): void {
		this.main.close();
		for (const entry of this.extra.values()) entry.reader.close();
		this.extra.clear();
	}
}
