import {openPsi, startCanary, startLoadWorkers, type SampleSource} from '../sampler/index.js';
import {DeferredSource} from './deferred-source.js';

/** A warning found while a source started. */
export interface SourceWarning {
	code: string;
	message: string;
}

/** The probes that add their fields to every sample, and how to stop them. */
export interface Sources {
	list: SampleSource[];
	/**
	 * Settles once the sources that start in the background (the canary) have
	 * started or given up, with the warnings that came of it (the canary fell
	 * back to Node, or did not start). Never rejects.
	 */
	ready: Promise<SourceWarning[]>;
	stop(): Promise<void>;
}

/**
 * Starts the probes standing in for the user: PSI (Linux), the canary
 * (unless `canary` is false) and `load` busy workers. The canary starts in
 * the background (its first start compiles it), so the dashboard need not
 * wait for it: see {@link Sources.ready}. A canary that cannot start is a
 * warning, not an error: the run goes on without it.
 */
export async function startSources(options: {canary: boolean; load: number}): Promise<Sources> {
	const list: SampleSource[] = [];
	const stops: (() => Promise<void> | void)[] = [];
	const stop = async (): Promise<void> => {
		await Promise.allSettled(stops.map((each) => each()));
	};
	let ready: Promise<SourceWarning[]> = Promise.resolve([]);
	try {
		const psi = openPsi();
		if (psi.available) {
			list.push(psi.source);
			stops.push(() => psi.close());
		}
		if (options.canary) {
			const deferred = new DeferredSource();
			list.push(deferred);
			const started = startCanary().then(
				(canary) => ({canary, error: null}),
				(error: unknown) => ({canary: null, error: error as Error}),
			);
			ready = started.then(({canary, error}) => {
				if (!canary) return [{code: 'canary-failed', message: `interactive delay is not measured: the canary did not start (${error?.message})`}];
				deferred.resolve(canary);
				return canary.fallbackReason ? [{code: 'canary-fallback', message: `the canary runs in Node and costs more CPU: ${canary.fallbackReason}`}] : [];
			});
			stops.push(async () => (await started).canary?.stop());
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
	return {list, ready, stop};
}
