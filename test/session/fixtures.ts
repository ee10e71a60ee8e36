/** The host and run configuration the `Session` tests (session.test.ts, server-target.test.ts) hand to their fake engines. */
import type {HostInfo, RunConfig} from '../../src/run/types.js';

/** A fake 8-core Linux host. */
export const HOST: HostInfo = {
	os: 'linux',
	platform: 'linux',
	release: '6',
	arch: 'x64',
	cpuModel: 'fake',
	logicalCores: 8,
	totalMemoryBytes: 1e9,
	node: 'v20',
	llamaCppRelease: 'unknown',
	engineBuild: 'unknown',
};

/** One thread, a 256-token context, 8 tokens per answer, no idle phases, no canary. */
export const CONFIG: RunConfig = {
	threads: 1,
	contextSize: 256,
	batchSize: 64,
	gpuLayers: 0,
	temperature: 0,
	topP: 0.95,
	maxTokens: 8,
	intervalMs: 1000,
	idleSeconds: 0,
	suite: 'fake.yaml',
	canary: false,
};
