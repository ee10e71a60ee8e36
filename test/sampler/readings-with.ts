import {setTimeout as sleep} from 'node:timers/promises';
import {startSampler, type SampleReading, type SampleSource} from '../../src/sampler/index.js';

/** Runs a real sampler over `source` until it has emitted `count` readings, then stops the sampler and the source. */
export async function readingsWith(
	source: SampleSource & {stop(): Promise<void>},
	intervalMs: number,
	count = 4,
	until: (readings: SampleReading[]) => boolean = () => true,
	maxWaitMs = 20_000,
): Promise<SampleReading[]> {
	const readings: SampleReading[] = [];
	const sampler = startSampler({intervalMs, sources: [source], onSample: (r) => readings.push(r)});
	const started = Date.now();
	// At least `count` readings; then more until `until` holds (a child process may take seconds to start on a loaded machine), up to `maxWaitMs`.
	while (readings.length < count || (!until(readings) && Date.now() - started < maxWaitMs)) await sleep(20);
	sampler.stop();
	await source.stop();
	return readings;
}
