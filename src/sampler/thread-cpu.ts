import {tryOpenProcFile, type ProcFile} from './proc-file.js';
import {parseSchedstatNs, parseTaskStat, type TaskStat} from './proc-parse.js';

/** `USER_HZ`: the unit of `stat` times, fixed at 100 by the Linux ABI. */
const NS_PER_TICK = 1e7;

/**
 * Cumulative CPU time of one Linux task (thread) or single-threaded process,
 * ns: `schedstat` (exact) when the kernel has it, else `stat` utime + stime
 * (10 ms ticks).
 */
export class TaskCpuReader {
	private readonly file: ProcFile;
	private readonly precise: boolean;
	private readonly stat: TaskStat = {utimeTicks: 0, stimeTicks: 0, threads: 0, rssPages: 0};

	private constructor(file: ProcFile, precise: boolean) {
		this.file = file;
		this.precise = precise;
	}

	/**
	 * Opens `<dir>/schedstat` or `<dir>/stat`, where `dir` is e.g.
	 * `/proc/self/task/1234` or `/proc/1234`. Undefined when neither opens.
	 */
	static open(dir: string): TaskCpuReader | undefined {
		const sched = tryOpenProcFile(`${dir}/schedstat`, 128);
		if (sched) return new TaskCpuReader(sched, true);
		const stat = tryOpenProcFile(`${dir}/stat`, 1024);
		return stat ? new TaskCpuReader(stat, false) : undefined;
	}

	/** CPU time so far, ns. Throws when the task is gone (ESRCH) or the file is malformed. */
	readNs(): number {
		const len = this.file.read();
		if (this.precise) {
			const ns = parseSchedstatNs(this.file.buf, len);
			if (Number.isNaN(ns)) throw new Error(`malformed ${this.file.path}`);
			return ns;
		}
		if (!parseTaskStat(this.file.buf, len, this.stat)) throw new Error(`malformed ${this.file.path}`);
		return (this.stat.utimeTicks + this.stat.stimeTicks) * NS_PER_TICK;
	}

	close(): void {
		this.file.close();
	}
}
