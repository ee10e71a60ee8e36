import type {SamplerProbes, SystemCpuTimes} from '../../src/sampler/index.js';

/** Cumulative counters a test sets before each tick. */
export interface ProbeState {
	cpuUs: number;
	rss: number;
	busy: number;
	total: number;
	memUsed?: number;
	observerNs?: number;
	kernelPeak?: number;
	fail?: Partial<Record<keyof SamplerProbes, boolean>>;
}

/** Probes that return whatever `state` holds at the time of the call. */
export function scriptedProbes(state: ProbeState, withOptional = true): SamplerProbes {
	const times: SystemCpuTimes = {busy: 0, total: 0};
	const check = (name: keyof SamplerProbes): void => {
		if (state.fail?.[name]) throw new Error(`${name} failed`);
	};
	const probes: SamplerProbes = {
		processCpuUs: () => (check('processCpuUs'), state.cpuUs),
		rssBytes: () => (check('rssBytes'), state.rss),
		systemCpu() {
			check('systemCpu');
			times.busy = state.busy;
			times.total = state.total;
			return times;
		},
	};
	if (withOptional) {
		probes.systemMemUsedBytes = () => (check('systemMemUsedBytes'), state.memUsed ?? 0);
		probes.observerCpuNs = () => (check('observerCpuNs'), state.observerNs ?? 0);
		probes.peakRssBytes = () => (check('peakRssBytes'), state.kernelPeak ?? 0);
	}
	return probes;
}
