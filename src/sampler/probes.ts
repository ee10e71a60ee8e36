import {createPortableProbes} from './probes-portable.js';
import {createProcessTreeProbes, type ProcessTreeProbeOptions} from './tree-probes.js';
import type {SamplerProbes} from './types.js';

/**
 * Probes for llmtop's own process (the in-process engine): the process-tree
 * sampler over `/proc` on Linux, Node and `os` counters elsewhere.
 */
export function createDefaultProbes(options: Pick<ProcessTreeProbeOptions, 'observerTids'> = {}): SamplerProbes {
	if (process.platform !== 'linux') return createPortableProbes();
	try {
		return createProcessTreeProbes({pid: process.pid, ...options});
	} catch {
		return createPortableProbes();
	}
}
