import {createLinuxProbes, type LinuxProbeOptions} from './probes-linux.js';
import {createPortableProbes} from './probes-portable.js';
import type {SamplerProbes} from './types.js';

/** The cheapest accurate probes for this platform: `/proc` on Linux, Node and `os` counters elsewhere. */
export function createDefaultProbes(options: LinuxProbeOptions = {}): SamplerProbes {
	return (process.platform === 'linux' ? createLinuxProbes(options) : undefined) ?? createPortableProbes();
}
