import {openMachineProbes, ownPageSize} from './machine-probes.js';
import {nodeProcessProbes} from './probes-portable.js';
import {ProcessTree, type TreeReading} from './process-tree.js';
import {ThreadSetCpu} from './thread-set-cpu.js';
import type {SamplerProbes} from './types.js';

/** Options of {@link createProcessTreeProbes}. */
export interface ProcessTreeProbeOptions {
	/**
	 * The process that runs the model: a server's PID, or `process.pid` for
	 * the in-process engine (llmtop's own process, without its children).
	 */
	pid: number;
	/**
	 * llmtop's own process, in-process only: tids of llmtop-owned threads
	 * besides the JS main thread whose CPU counts as observer CPU (a
	 * thread's own tid is the link `/proc/thread-self` points to). Called
	 * every tick.
	 */
	observerTids?: () => Iterable<number>;
	/**
	 * A daemon's PID: count llmtop's whole process as the observer, apart
	 * from the tree (`observerCpuPct`, not inside `cpuPct`). `false` leaves
	 * the observer out.
	 * @default true
	 */
	observerApart?: boolean;
}

/**
 * Sampler probes over the one process-tree sampler ({@link ProcessTree}),
 * for either target:
 *
 * - `pid` is llmtop's own process (the in-process engine): the tree is the
 *   whole process and the observer is inside it — llmtop's JS main thread
 *   and the `observerTids`, read per thread — so the sampler subtracts it
 *   (`inferenceCpuPct` = process CPU - observer CPU). Peak RSS is the
 *   kernel's high-water mark.
 * - any other PID (a daemon): the process, its children and every thread;
 *   llmtop's whole process is the observer, reported apart (`observerApart`).
 *
 * Machine CPU and memory come from `/proc/stat` and `/proc/meminfo`. The
 * same {@link SamplerProbes} either way, so the sampler loop, the store and
 * the report do not know which ran. Linux only: throws when `/proc` cannot
 * be read, or `ProcessGoneError` / `ProcessUnreadableError` for a daemon's
 * PID.
 */
export function createProcessTreeProbes(options: ProcessTreeProbeOptions): SamplerProbes & {tree: ProcessTree} {
	const machine = openMachineProbes();
	if (!machine) throw new Error('process-tree sampling needs Linux /proc');
	const own = options.pid === process.pid;
	let tree: ProcessTree;
	let observer: ThreadSetCpu | undefined;
	try {
		tree = own ? ProcessTree.own(ownPageSize()) : ProcessTree.open(options.pid, ownPageSize());
		observer = own ? ThreadSetCpu.open(process.pid, options.observerTids) : undefined;
	} catch (error) {
		machine.close();
		throw error;
	}
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
			observer?.close();
			machine.close();
		},
	};
	if (machine.systemMemUsedBytes) probes.systemMemUsedBytes = machine.systemMemUsedBytes;
	if (own) {
		probes.peakRssBytes = nodeProcessProbes.peakRssBytes;
		if (observer) probes.observerCpuNs = () => observer.readNs();
	} else if (options.observerApart !== false) {
		probes.observerApart = true;
		probes.observerCpuNs = () => nodeProcessProbes.processCpuUs() * 1000;
	}
	return probes;
}
