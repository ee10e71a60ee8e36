import type {Engine} from '../engine/index.js';
import type {ModelLoadedEvent} from '../run/events.js';

/** The `model-loaded` event of a freshly opened engine: model facts, load time, memory around the load, engine build. */
export function modelLoadedEvent(engine: Engine, t: number): ModelLoadedEvent {
	const facts = engine.engine;
	if (engine.target?.kind === 'endpoint') {
		return {
			type: 'model-loaded',
			t,
			model: engine.model,
			loadMs: engine.loadMs,
			engine: {llamaCppRelease: facts.llamaCppRelease, engineBuild: 'server'},
			context: {threads: engine.threads, contextSize: engine.contextSize, batchSize: engine.batchSize, gpuLayers: engine.gpuLayers},
			target: engine.target,
		};
	}
	return {
		type: 'model-loaded',
		t,
		model: engine.model,
		loadMs: engine.loadMs,
		rssBeforeBytes: engine.memory.beforeModelBytes,
		rssAfterBytes: engine.memory.afterContextBytes,
		engine: {
			llamaCppRelease: facts.llamaCppRelease,
			engineBuild: facts.build,
			...(facts.variant ? {engineVariant: facts.variant} : {}),
			cpuMathCores: facts.cpuMathCores,
			...(facts.binaryPath ? {binaryPath: facts.binaryPath} : {}),
		},
		context: {threads: engine.threads, contextSize: engine.contextSize, batchSize: engine.batchSize, gpuLayers: engine.gpuLayers},
	};
}

/**
 * The warning for threads >= cores on the CPU, or undefined. The prebuilt
 * engine keeps no thread pool: each decode step starts a worker that often
 * lands on the calling thread's core and both spin (measured: 0.3-0.6x
 * of native decode, ITL p99/p50 of 3-6). A local OpenMP build keeps a pool,
 * but every core is still busy with the model.
 */
export function threadContentionWarning(engine: Pick<Engine, 'threads' | 'gpuLayers' | 'engine'>, logicalCores: number): string | undefined {
	if (engine.threads < logicalCores || engine.gpuLayers > 0) return undefined;
	const fewer = `try --threads ${Math.max(1, logicalCores - 1)}`;
	return engine.engine.build === 'prebuilt'
		? `threads (${engine.threads}) >= cores (${logicalCores}): latency spikes are expected from thread contention (the prebuilt engine starts a worker thread per decode step); ${fewer}`
		: `threads (${engine.threads}) >= cores (${logicalCores}): every core is busy with the model, so the rest of the machine waits; ${fewer}`;
}
