import {performance} from 'node:perf_hooks';
import {Worker} from 'node:worker_threads';
import * as errors from './errors.js';
import type {Engine, EngineOptions, EngineSnapshot, PromptInput, PromptResult, RunPromptOptions} from './types.js';
import type {FromWorker, SerializedError, ToWorker, WorkerEngineOptions} from './worker-protocol.js';

/**
 * Opens the engine in a worker thread and returns the same {@link Engine}
 * interface. node-llama-cpp drives every decode step through the JS thread
 * that owns it; in a worker, the main thread's sampler, store and dashboard
 * frames cannot delay a token. Token times are taken in the worker with
 * `performance.now()` (threads of a process share its time origin) and mapped
 * through `RunPromptOptions.now`'s origin, so they mark when tokens were
 * produced, not when the message arrived.
 *
 * Must run from compiled JavaScript (the worker loads `engine-worker.js`).
 */
export async function openEngineInWorker(options: EngineOptions): Promise<Engine> {
	const {signal, onProgress, onLog, onProcess: _inProcess, ...rest} = options;
	const worker = new Worker(new URL('./engine-worker.js', import.meta.url), {
		stdout: false,
		stderr: false,
		env: process.env,
	});
	const remote = new RemoteEngine(worker);
	remote.onProgress = onProgress;
	remote.onLog = onLog;
	const onAbort = (): void => remote.send({type: 'abort-open'});
	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		await remote.open(rest);
		return remote;
	} catch (error) {
		await worker.terminate();
		throw error;
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
}

interface Pending<T> {
	resolve(value: T): void;
	reject(error: Error): void;
}

/** The engine's facts: the worker's snapshot, copied onto it before `openEngineInWorker` returns it. */
// The facts are copied onto the instance by the constructor; merging the interface types them without restating nine fields.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
interface RemoteEngine extends EngineSnapshot {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class RemoteEngine implements Engine {
	onProgress: EngineOptions['onProgress'];
	onLog: EngineOptions['onLog'];
	readonly #worker: Worker;
	#opening: Pending<void> | undefined;
	#running: {pending: Pending<PromptResult>; options: RunPromptOptions; offset: number} | undefined;
	#disposing: Promise<void> | undefined;
	#exited: Error | undefined;

	constructor(worker: Worker) {
		this.#worker = worker;
		worker.on('message', (message: FromWorker) => this.#receive(message));
		worker.on('error', (error) => this.#fail(error));
		worker.on('exit', (code) => this.#fail(new errors.EngineError(`the engine thread exited (code ${code})`)));
	}

	send(message: ToWorker): void {
		if (!this.#exited) this.#worker.postMessage(message);
	}

	open(options: WorkerEngineOptions): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#opening = {resolve, reject};
			this.send({type: 'open', options});
		});
	}

	runPrompt(p: PromptInput, o: RunPromptOptions): Promise<PromptResult> {
		if (this.#disposing) return Promise.reject(new errors.EngineDisposedError());
		if (this.#running) return Promise.reject(new errors.EngineBusyError(p.id));
		if (this.#exited) return Promise.reject(this.#exited);
		const {signal, onPromptTokens: _p, onToken: _t, pace, now, stall: _s, ...rest} = o;
		if (pace) return Promise.reject(new errors.BadOptionError('pace', 'a function', 'cpuCapPct on an engine in a worker thread'));
		const offset = now ? now() - performance.now() : 0;
		return new Promise((resolve, reject) => {
			const onAbort = (): void => this.send({type: 'abort-run'});
			const settle = (): void => signal?.removeEventListener('abort', onAbort);
			const pending: Pending<PromptResult> = {
				resolve: (value) => (settle(), resolve(value)),
				reject: (error) => (settle(), reject(error)),
			};
			this.#running = {pending, options: o, offset};
			this.send({type: 'run', prompt: p, options: rest});
			// After `run`: the worker handles messages in order, and an abort before its run would be dropped.
			if (signal?.aborted) onAbort();
			else signal?.addEventListener('abort', onAbort, {once: true});
		});
	}

	dispose(): Promise<void> {
		this.#disposing ??= this.#dispose();
		return this.#disposing;
	}

	async [Symbol.asyncDispose](): Promise<void> {
		await this.dispose();
	}

	async #dispose(): Promise<void> {
		if (this.#exited) return;
		const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
		this.send({type: 'abort-run'});
		this.send({type: 'dispose'});
		const timer = setTimeout(() => void this.#worker.terminate(), 10_000).unref();
		await exited;
		clearTimeout(timer);
	}

	#receive(message: FromWorker): void {
		switch (message.type) {
			case 'progress':
				this.onProgress?.(message.stage, message.fraction);
				return;
			case 'log':
				this.onLog?.(message.level, message.message);
				return;
			case 'opened':
				Object.assign(this, message.snapshot);
				this.#opening?.resolve();
				this.#opening = undefined;
				return;
			case 'open-failed':
				this.#opening?.reject(reviveError(message.error));
				this.#opening = undefined;
				return;
			case 'prompt-tokens':
				this.#running?.options.onPromptTokens?.(message.n);
				return;
			case 'token': {
				const running = this.#running;
				running?.options.onToken?.(message.index, message.text, message.t + running.offset);
				return;
			}
			case 'result':
				this.#settleRun((pending) => pending.resolve(message.result));
				return;
			case 'run-failed':
				this.#settleRun((pending) => pending.reject(reviveError(message.error)));
				return;
			default:
				message satisfies never;
		}
	}

	#settleRun(settle: (pending: Pending<PromptResult>) => void): void {
		const running = this.#running;
		this.#running = undefined;
		if (running) settle(running.pending);
	}

	#fail(error: Error): void {
		this.#exited ??= error;
		this.#opening?.reject(error);
		this.#opening = undefined;
		this.#settleRun((pending) => pending.reject(error));
	}
}

/** Rebuilds an engine error with its class name, so the CLI maps it like a local one. */
function reviveError(serialized: SerializedError): Error {
	const Known = (errors as Record<string, unknown>)[serialized.name];
	const error: Error =
		typeof Known === 'function' && Known.prototype instanceof errors.EngineError
			? (Object.create((Known as typeof errors.EngineError).prototype) as Error)
			: serialized.name.endsWith('Error') && serialized.name !== 'Error'
				? new errors.EngineError()
				: new Error();
	Object.assign(error, serialized.fields, {message: serialized.message, name: serialized.name});
	if (!error.stack) error.stack = `${serialized.name}: ${serialized.message}`;
	return error;
}
