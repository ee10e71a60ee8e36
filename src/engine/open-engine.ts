import os from 'node:os';
import {checkContextBounds} from './context-bounds.js';
import {performance} from 'node:perf_hooks';
import type {LlamaContext, LlamaModel, Llama} from 'node-llama-cpp';
import {chooseChatWrapper} from './chat-prompt.js';
import {BadOptionError, ContextTooLargeError, EngineAbortedError, EngineError, ModelLoadError, oneLine} from './errors.js';
import {loadBinding, type EngineBuild} from './llama-binding.js';
import {disposeParts, LlamaEngine} from './llama-engine.js';
import {applyNice, requireNice} from './nice.js';
import {DEFAULT_BATCH_SIZE, DEFAULT_CONTEXT_SIZE, defaultThreads, requireInteger} from './options.js';
import {resolveModel} from './resolve-model.js';
import type {Engine, EngineInfo, EngineOptions} from './types.js';

const BUILDS: readonly EngineBuild[] = ['prebuilt', 'local', 'auto'];

/**
 * Resolves and checks the model, loads the llama.cpp binding (CPU unless
 * `gpuLayers > 0`), the model and a one-sequence context with the chosen
 * threads, context size and batch size, then applies `nice`. Everything
 * created so far is disposed if any step fails or `signal` aborts.
 *
 * @throws EngineError subclasses: bad options, bad model references or files,
 * network failures, a missing binary, llama.cpp load failures, abort
 */
export async function openEngine(opts: EngineOptions): Promise<Engine> {
	const threads = requireInteger('threads', opts.threads ?? defaultThreads(), 1);
	const gpuLayers = requireInteger('gpu-layers', opts.gpuLayers ?? 0, 0);
	if (opts.contextSize !== undefined) requireInteger('context-size', opts.contextSize, 16);
	if (opts.batchSize !== undefined) requireInteger('batch-size', opts.batchSize, 1);
	if (opts.nice !== undefined) requireNice(opts.nice);
	const build = opts.build ?? 'prebuilt';
	if (!BUILDS.includes(build)) throw new BadOptionError('build', build, BUILDS.join(', '));
	const progress = opts.onProgress ?? ((): void => undefined);
	const checkAbort = (stage: string): void => {
		if (opts.signal?.aborted) throw new EngineAbortedError(stage);
	};

	checkAbort('starting');
	let t0 = performance.now();
	progress('resolve');
	const resolved = await resolveModel(opts.model, {
		...(opts.cacheDir == null ? {} : {cacheDir: opts.cacheDir}),
		...(opts.signal == null ? {} : {signal: opts.signal}),
		...(opts.networkTimeoutMs == null ? {} : {networkTimeoutMs: opts.networkTimeoutMs}),
		onProgress: (stage, fraction) => progress(stage, fraction),
	});
	const resolveMs = performance.now() - t0;
	checkAbort('resolving the model');

	const parts: {llama?: Llama; model?: LlamaModel; context?: LlamaContext} = {};
	try {
		t0 = performance.now();
		progress('binding');
		const binding = await loadBinding({
			build,
			gpu: gpuLayers > 0,
			...(opts.cmakeOptions == null ? {} : {cmakeOptions: opts.cmakeOptions}),
			...(opts.onLog == null ? {} : {onLog: opts.onLog}),
		});
		parts.llama = binding.llama;
		const bindingMs = performance.now() - t0;
		checkAbort('loading llama.cpp');

		const path = resolved.facts.path;
		const rssBeforeModel = process.memoryUsage.rss();
		const loadStart = performance.now();
		progress('model', 0);
		parts.model = await loadStep(path, 'model', opts.signal, () =>
			binding.llama.loadModel({
				modelPath: path,
				gpuLayers,
				...(opts.signal == null ? {} : {loadSignal: opts.signal}),
				onLoadProgress: (fraction) => progress('model', fraction),
			}),
		);
		const modelMs = performance.now() - loadStart;
		const rssAfterModel = process.memoryUsage.rss();
		checkAbort('loading the model');

		const model = parts.model;
		const contextSize = opts.contextSize ?? Math.min(DEFAULT_CONTEXT_SIZE, model.trainContextSize || DEFAULT_CONTEXT_SIZE);
		const batchSize = Math.min(opts.batchSize ?? DEFAULT_BATCH_SIZE, contextSize);
		checkContextBounds(contextSize, model.trainContextSize);
		checkContextFits(model, contextSize, batchSize, gpuLayers);
		t0 = performance.now();
		progress('context');
		parts.context = await loadStep(path, 'context', opts.signal, () =>
			model.createContext({
				contextSize,
				batchSize,
				threads,
				sequences: 1,
				...(opts.signal == null ? {} : {createSignal: opts.signal}),
			}),
		);
		const contextMs = performance.now() - t0;
		const loadMs = performance.now() - loadStart;
		checkAbort('creating the context');

		const engine: EngineInfo = {...binding.facts};
		const nice = opts.nice === undefined ? undefined : {value: opts.nice, includeMainThread: opts.niceMainThread ?? false};
		if (nice != null) engine.nice = applyNice(nice.value, {includeMainThread: nice.includeMainThread});
		const chat = chooseChatWrapper(model, (message) => opts.onLog?.('warn', message));
		progress('ready', 1);
		return new LlamaEngine({
			llama: binding.llama,
			model,
			context: parts.context,
			sequence: parts.context.getSequence(),
			chat,
			facts: {
				model: {...resolved.facts, chatTemplate: chat.description},
				engine,
				threads,
				contextSize: parts.context.contextSize,
				batchSize: parts.context.batchSize,
				// What was offloaded: 0 when no GPU backend loaded, whatever was asked.
				gpuLayers: binding.llama.gpu === false ? 0 : model.gpuLayers,
				loadMs,
				timings: {resolveMs, bindingMs, modelMs, contextMs},
				memory: {beforeModelBytes: rssBeforeModel, afterModelBytes: rssAfterModel, afterContextBytes: process.memoryUsage.rss()},
			},
			...(nice == null ? {} : {nice}),
		});
	} catch (error) {
		await disposeParts(parts);
		throw error;
	}
}

/**
 * node-llama-cpp does not check a numeric context size against memory, and
 * llama.cpp allocating a KV cache larger than the machine gets the process
 * killed. Its (synchronous, arithmetic) estimate, without graph overhead, is
 * compared with total memory.
 */
function checkContextFits(model: LlamaModel, contextSize: number, batchSize: number, gpuLayers: number): void {
	const estimate = model.fileInsights.estimateContextResourceRequirements({
		contextSize,
		batchSize,
		modelGpuLayers: gpuLayers,
		sequences: 1,
		includeGraphOverhead: false,
	});
	if (estimate.cpuRam > os.totalmem()) throw new ContextTooLargeError(contextSize, estimate.cpuRam, os.totalmem());
}

async function loadStep<T>(path: string, stage: 'model' | 'context', signal: AbortSignal | undefined, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		if (signal?.aborted) throw new EngineAbortedError(stage === 'model' ? 'loading the model' : 'creating the context');
		if (error instanceof EngineError) throw error;
		throw new ModelLoadError(path, stage, oneLine(error));
	}
}
