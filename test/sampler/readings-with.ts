import {setTimeout as sleep} from 'node:timers/promises';
import {startSampler, type SampleReading, type SampleSource} from '../../src/sampler/index.js';

/** Runs a real sampler over `source` until it has emitted `count` readings, then stops the sampler and the source. */
export async function readingsWith(source: SampleSource & {stop(): Promise<void>}, intervalMs: number, count = 4): Promise<SampleReading[]> {
	const readings: SampleReading[] = [];
	const sampler = startSampler({intervalMs, sources: [source], onSample: (r) => readings.push(r)});
	while (readings.length < count) await sleep(20);
	sampler.stop();
	await source.stop();
	return readings;
}
