import {tryOpenProcFile} from './proc-file.js';
import {parseMeminfo, parseProcStatCpu, parseStatmResidentPages, type MemInfo, type SystemCpuTimes} from './proc-parse.js';
import type {SamplerProbes} from './types.js';

/** The machine's side of the Linux probes: CPU time and memory in use. */
export type MachineProbes = Required<Pick<SamplerProbes, 'systemCpu' | 'close'>> & Pick<SamplerProbes, 'systemMemUsedBytes'>;

/**
 * Machine CPU from `/proc/stat` and memory in use from `/proc/meminfo`,
 * each kept open and re-read with `pread` into a preallocated buffer.
 * Undefined when `/proc/stat` cannot be read (not Linux).
 */
export function openMachineProbes(): MachineProbes | undefined {
	const stat = tryOpenProcFile('/proc/stat', 4096);
	if (!stat) return undefined;
	const meminfo = tryOpenProcFile('/proc/meminfo', 1024);
	const times: SystemCpuTimes = {busy: 0, total: 0};
	const mem: MemInfo = {totalBytes: 0, availableBytes: 0};
	const probes: MachineProbes = {
		systemCpu() {
			if (!parseProcStatCpu(stat.buf, stat.read(), times)) throw new Error('malformed /proc/stat');
			return times;
		},
		close() {
			stat.close();
			meminfo?.close();
		},
	};
	if (meminfo) {
		probes.systemMemUsedBytes = () => {
			if (!parseMeminfo(meminfo.buf, meminfo.read(), mem)) throw new Error('malformed /proc/meminfo');
			return mem.totalBytes - mem.availableBytes;
		};
	}
	return probes;
}

/**
 * The page size, from `process.memoryUsage.rss()` (libuv: pages x
 * `getpagesize()`) over this process's resident pages in `/proc/self/statm`,
 * rounded to a power of two; 4096 when either cannot be read.
 */
export function ownPageSize(): number {
	const statm = tryOpenProcFile('/proc/self/statm', 256);
	if (!statm) return 4096;
	try {
		const pages = parseStatmResidentPages(statm.buf, statm.read());
		const rss = process.memoryUsage.rss();
		return pages > 0 && rss > 0 ? 2 ** Math.round(Math.log2(rss / pages)) : 4096;
	} catch {
		return 4096;
	} finally {
		statm.close();
	}
}
