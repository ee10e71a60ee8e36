import {describe, expect, it} from 'vitest';
import {threadContentionWarning} from '../../src/session/engine-events.js';
import type {Engine} from '../../src/engine/index.js';

const engine = (threads: number, build: 'prebuilt' | 'localBuild', gpuLayers = 0): Pick<Engine, 'threads' | 'gpuLayers' | 'engine'> => ({
	threads,
	gpuLayers,
	engine: {build} as Engine['engine'],
});

describe('threadContentionWarning', () => {
	it('warns at threads >= cores on the CPU', () => {
		expect(threadContentionWarning(engine(2, 'prebuilt'), 2)).toMatch(
			/threads \(2\) >= cores \(2\): latency spikes are expected from thread contention.*--threads 1/,
		);
		expect(threadContentionWarning(engine(3, 'prebuilt'), 2)).toMatch(/threads \(3\) >= cores \(2\)/);
		expect(threadContentionWarning(engine(2, 'localBuild'), 2)).toMatch(/every core is busy/);
	});

	it('stays quiet below the core count or on a GPU', () => {
		expect(threadContentionWarning(engine(1, 'prebuilt'), 2)).toBeUndefined();
		expect(threadContentionWarning(engine(2, 'prebuilt', 10), 2)).toBeUndefined();
	});
});
