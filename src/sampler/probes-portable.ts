import os from 'node:os';
import type {SystemCpuTimes} from './proc-parse.js';
import type {SamplerProbes} from './types.js';

/** The process's own counters from Node, on every platform (the Linux probes read RSS from `/proc` when they can). */
export const nodeProcessProbes = {
	processCpuUs(): number {
		const usage = process.cpuUsage();
		return usage.user + usage.system;
	},
	rssBytes: (): number => process.memoryUsage.rss(),
	peakRssBytes: (): number => process.resourceUsage().maxRSS * 1024,
} satisfies Partial<SamplerProbes>;

/**
 * Probes for macOS, Windows and anything without `/proc`: Node's own
 * counters, and `os.cpus()` time deltas for machine CPU (the source
 * systeminformation's `currentLoad()` uses there, without its overhead).
 * Machine memory is `totalmem - freemem`: on macOS free memory excludes
 * reclaimable cache, so "used" includes it (systeminformation's `mem()`
 * would spawn `vm_stat` and `sysctl` on every call). No per-thread split.
 */
export function createPortableProbes(): SamplerProbes {
	const times: SystemCpuTimes = {busy: 0, total: 0};
	return {
		...nodeProcessProbes,
		systemCpu() {
			let busy = 0;
			let idle = 0;
			for (const cpu of os.cpus()) {
				busy += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq;
				idle += cpu.times.idle;
			}
			times.busy = busy;
			times.total = busy + idle;
			return times;
		},
		systemMemUsedBytes: () => os.totalmem() - os.freemem(),
	};
}
