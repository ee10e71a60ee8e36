/**
 * The engine worker thread: owns node-llama-cpp and runs prompts, so token
 * production never waits for the main thread's sampler, store or frames.
 */
import {parentPort} from 'node:worker_threads';
import {performance} from 'node:perf_hooks';
import {openEngine} from './open-engine.js';
import {testStallsFromEnv} from './test-stall.js';
import type {Engine} from './types.js';
import {serializeError, type FromWorker, type ToWorker, type WorkerEngineOptions} from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');

const post = (message: FromWorker): void => port.postMessage(message);
const openAbort = new AbortController();
let engine: Engine | undefined;
let runAbort: AbortController | undefined;
/** The test hook's stalls, read once (undefined unless `LLMTOP_TEST_STALL` is set). */
const stalls = testStallsFromEnv();

port.on('message', (message: ToWorker) => {
	switch (message.type) {
		case 'open':
			void open(message.options);
			return;
		case 'abort-open':
			openAbort.abort();
			return;
		case 'run':
			void run(message);
			return;
		case 'abort-run':
			runAbort?.abort();
			return;
		case 'dispose':
			void dispose();
			return;
		default:
			message satisfies never;
	}
});

async function open(options: WorkerEngineOptions): Promise<void> {
	try {
		engine = await openEngine({
			...options,
			signal: openAbort.signal,
			onProgress: (stage, fraction) => post({type: 'progress', stage, ...(fraction == null ? {} : {fraction})}),
			onLog: (level, text) => post({type: 'log', level, message: text}),
		});
		const {model, engine: facts, threads, contextSize, batchSize, gpuLayers, loadMs, timings, memory} = engine;
		post({type: 'opened', snapshot: {model, engine: facts, threads, contextSize, batchSize, gpuLayers, loadMs, timings, memory}});
	} catch (error) {
		post({type: 'open-failed', error: serializeError(error)});
	}
}

async function run(message: Extract<ToWorker, {type: 'run'}>): Promise<void> {
	if (!engine) {
		post({type: 'run-failed', error: {name: 'EngineDisposedError', message: 'the engine is not open', fields: {}}});
		return;
	}
	runAbort = new AbortController();
	const now = (): number => performance.now();
	try {
		const result = await engine.runPrompt(message.prompt, {
			...message.options,
			signal: runAbort.signal,
			now,
			...(stalls == null ? {} : {stall: stalls.forPrompt(message.prompt.id, now)}),
			onPromptTokens: (n) => post({type: 'prompt-tokens', n}),
			onToken: (index, text, t) => post({type: 'token', index, text, t}),
		});
		post({type: 'result', result});
	} catch (error) {
		post({type: 'run-failed', error: serializeError(error)});
	} finally {
		runAbort = undefined;
	}
}

async function dispose(): Promise<void> {
	try {
		await engine?.dispose();
		stalls?.flush();
	} finally {
		engine = undefined;
		port?.close();
	}
}
