import {openPsi, startCanary, startLoadWorkers, type SampleSource} from '../sampler/index.js';

/** The probes that add their fields to every sample, and how to stop them. */
export interface Sources {
	list: SampleSource[];
	stop(): Promise<void>;
}

/**
 * Starts the probes standing in for the user: PSI (Linux), the canary
 * (unless `canary` is false) and `load` busy workers. A canary that cannot
 * start is a warning, not an error: the run goes on without it.
 */
export async function startSources(options: {canary: boolean; load: number}, warnings: {code: string; message: string}[]): Promise<Sources> {
	const list: SampleSource[] = [];
	const stops: (() => Promise<void> | void)[] = [];
	const stop = async (): Promise<void> => {
		await Promise.allSettled(stops.map((each) => each()));
	};
	try {
		const psi = openPsi();
		if (psi.available) {
			list.push(psi.source);
			stops.push(() => psi.close());
		}
		if (options.canary) {
			try {
				const canary = await startCanary();
				if (canary.fallbackReason) warnings.push({code: 'canary-fallback', message: `the canary runs in Node and costs more CPU: ${canary.fallbackReason}`});
				list.push(canary);
				stops.push(() => canary.stop());
			} catch (error) {
				warnings.push({code: 'canary-failed', message: `interactive delay is not measured: the canary did not start (${(error as Error).message})`});
			}
		}
		if (options.load > 0) {
			const workers = await startLoadWorkers(options.load);
			list.push(workers);
			stops.push(() => workers.stop());
		}
	} catch (error) {
		await stop();
		throw error;
	}
	return {list, stop};
}
