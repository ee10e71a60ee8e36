import {ThreadSetCpu} from './thread-set-cpu.js';
import {tryOpenProcFile} from './proc-file.js';
import {nodeProcessProbes} from './probes-portable.js';
import {parseMeminfo, parseProcStatCpu, parseStatmResidentPages, type MemInfo, type SystemCpuTimes} from './proc-parse.js';
import type {SamplerProbes} from './types.js';

/** Options of the Linux probes. */
export interface LinuxProbeOptions {
	/**
	 * Tids of llmtop-owned threads besides the JS main thread whose CPU counts
	 * as observer CPU (a thread's own tid is the link `/proc/thread-self`
	 * points to). Called every tick.
	 */
	observerTids?: () => Iterable<number>;
}

/**
 * The cheapest accurate sources on Linux: `process.cpuUsage()`, and
 * `/proc/self/statm`, `/proc/stat`, `/proc/meminfo` and the main thread's
 * `schedstat`, each kept open and re-read with `pread` into a preallocated
 * buffer. Undefined when `/proc/stat` cannot be read (not Linux).
 */
export function createLinuxProbes(options: LinuxProbeOptions = {}): SamplerProbes | undefined {
	const stat = tryOpenProcFile('/proc/stat', 4096);
	if (!stat) return undefined;
	const statm = tryOpenProcFile('/proc/self/statm', 256);
	const meminfo = tryOpenProcFile('/proc/meminfo', 1024);
	const observer = ThreadSetCpu.open(process.pid, options.observerTids);
	const pageSize = statm ? calibratePageSize(statm.buf, statm.read()) : Number.NaN;
	const times: SystemCpuTimes = {busy: 0, total: 0};
	const mem: MemInfo = {totalBytes: 0, availableBytes: 0};

	const probes: SamplerProbes = {
		...nodeProcessProbes,
		rssBytes:
			statm && !Number.isNaN(pageSize)
				? () => {
						const pages = parseStatmResidentPages(statm.buf, statm.read());
						if (Number.isNaN(pages)) throw new Error('malformed /proc/self/statm');
						return pages * pageSize;
					}
				: nodeProcessProbes.rssBytes,
		systemCpu() {
			if (!parseProcStatCpu(stat.buf, stat.read(), times)) throw new Error('malformed /proc/stat');
			return times;
		},
		close() {
			stat.close();
			statm?.close();
			meminfo?.close();
			observer?.close();
		},
	};
	if (meminfo) {
		probes.systemMemUsedBytes = () => {
			if (!parseMeminfo(meminfo.buf, meminfo.read(), mem)) throw new Error('malformed /proc/meminfo');
			return mem.totalBytes - mem.availableBytes;
		};
	}
	if (observer) probes.observerCpuNs = () => observer.readNs();
	return probes;
}

/**
 * The page size, from `process.memoryUsage.rss()` (libuv: pages x
 * `getpagesize()`) over `statm`'s resident pages, rounded to a power of two.
 */
function calibratePageSize(buf: Uint8Array, len: number): number {
	const pages = parseStatmResidentPages(buf, len);
	const rss = process.memoryUsage.rss();
	if (!(pages > 0) || !(rss > 0)) return Number.NaN;
	return 2 ** Math.round(Math.log2(rss / pages));
}
