import fs from 'node:fs';
import {createLinuxProbes} from './probes-linux.js';
import {ProcessTree, type TreeReading} from './process-tree.js';
import {parseStatmResidentPages} from './proc-parse.js';
import type {SamplerProbes} from './types.js';

/** Options of {@link createProcessTreeProbes}. */
export interface ProcessTreeProbeOptions {
	/** The process whose tree is measured (a server's PID). */
	pid: number;
	/**
	 * Count llmtop's own process as the observer, apart from the tree: its CPU
	 * is `observerCpuPct` and is not inside the tree's `cpuPct`. Only for a
	 * tree llmtop is not part of (a daemon's PID).
	 * @default true
	 */
	observerApart?: boolean;
}

/**
 * Sampler probes for a process tree (a server's PID, its children, every
 * thread): CPU, RSS and thread count of the tree, machine CPU and memory as
 * the Linux probes read them, and llmtop's own process as the observer,
 * reported apart (`observerApart`). The same {@link SamplerProbes}
 * interface the in-process path uses, so the sampler loop, the store and the
 * report do not know which ran. Throws `ProcessGoneError` or
 * `ProcessUnreadableError` (from `ProcessTree.open`); Linux only.
 */
export function createProcessTreeProbes(options: ProcessTreeProbeOptions): SamplerProbes & {tree: ProcessTree} {
	const machine = createLinuxProbes();
	if (!machine) throw new Error('process-tree sampling needs Linux /proc');
	const tree = ProcessTree.open(options.pid, ownPageSize());
	let last: TreeReading | undefined;
	const probes: SamplerProbes & {tree: ProcessTree} = {
		tree,
		processCpuUs() {
			last = tree.read();
			return last.cpuNs / 1000;
		},
		rssBytes: () => (last ?? tree.read()).rssBytes,
		threadCount: () => (last ?? tree.read()).threads,
		systemCpu: () => machine.systemCpu(),
		close() {
			tree.close();
			machine.close?.();
		},
	};
	if (machine.systemMemUsedBytes) probes.systemMemUsedBytes = machine.systemMemUsedBytes.bind(machine);
	if (options.observerApart !== false) {
		probes.observerApart = true;
		probes.observerCpuNs = () => {
			const usage = process.cpuUsage();
			return (usage.user + usage.system) * 1000;
		};
	}
	return probes;
}

/** The page size, from `process.memoryUsage.rss()` over this process's resident pages, rounded to a power of two. */
function ownPageSize(): number {
	try {
		const text = Buffer.from(fs.readFileSync('/proc/self/statm'));
		const pages = parseStatmResidentPages(text, text.length);
		const rss = process.memoryUsage.rss();
		if (pages > 0 && rss > 0) return 2 ** Math.round(Math.log2(rss / pages));
	} catch {
		// fall through
	}
	return 4096;
}
