import type http from 'node:http';
import {performance} from 'node:perf_hooks';
import type {ModelInfo, TargetInfo} from '../../run/types.js';
import {isAlive, ProcessTree} from '../../sampler/process-tree.js';
import {EngineBusyError, EngineDisposedError, oneLine} from '../errors.js';
import type {EngineInfo, Engine, PromptInput, PromptResult, RunPromptOptions} from '../types.js';
import type {StopReason} from '../decode-loop.js';
import {ChunkFormatError, parseChunk, TokenAccounting} from './chat-chunk.js';
import {PidError, ServerDiedError} from './errors.js';
import {httpStream, networkDetail} from './http.js';
import type {EndpointUrl, ServerFacts} from './identify.js';
import type {LaunchedServer} from './launch.js';
import {SseParser} from './sse.js';

/** What an {@link EndpointEngine} is built from (see `openEndpointEngine`). */
export interface EndpointEngineParts {
	url: EndpointUrl;
	server: ServerFacts;
	model: ModelInfo;
	threads: number;
	contextSize: number;
	batchSize: number;
	/** The server llmtop launched, if it did. */
	launched?: LaunchedServer;
	launchArgv?: string[];
	/** `--pid`, or the launched server's. */
	pid?: number;
	/** Start to ready, ms (0 when attached). */
	loadMs: number;
	agent: http.Agent;
	/** Bound on connecting and on the first byte of an answer, ms. */
	connectTimeoutMs: number;
}

/**
 * The endpoint engine: prompts go to an OpenAI-compatible server as streamed
 * chat completions (SSE over `node:http`); each streamed token is stamped
 * when its event arrives. Same {@link Engine} interface and results as the
 * in-process engine, so the session, store and report do not know which ran;
 * `target` says, and `result.stream` says how many events carried more than
 * one token. Disposing stops a launched server's process group; an attached
 * one (`--pid`, `--endpoint`) is never stopped.
 */
export class EndpointEngine implements Engine {
	readonly model: ModelInfo;
	readonly engine: EngineInfo;
	readonly threads: number;
	readonly contextSize: number;
	readonly batchSize: number;
	readonly gpuLayers = 0;
	readonly loadMs: number;
	readonly timings: Engine['timings'];
	readonly memory = {beforeModelBytes: 0, afterModelBytes: 0, afterContextBytes: 0};
	readonly target: TargetInfo;
	readonly gone: Promise<string> | undefined;
	readonly #parts: EndpointEngineParts;
	#running: string | undefined;
	#disposed = false;
	#died: string | undefined;
	#watch: NodeJS.Timeout | undefined;

	constructor(parts: EndpointEngineParts) {
		this.#parts = parts;
		this.model = parts.model;
		this.threads = parts.threads;
		this.contextSize = parts.server.contextSize ?? parts.contextSize;
		this.batchSize = parts.batchSize;
		this.loadMs = parts.loadMs;
		this.timings = {resolveMs: 0, bindingMs: 0, modelMs: parts.loadMs, contextMs: 0};
		this.engine = {
			llamaCppRelease: parts.server.version ?? 'unknown',
			llamaCppRepo: '',
			build: 'server',
			requestedBuild: 'prebuilt',
			cmakeOptions: {},
			gpu: false,
			cpuMathCores: 0,
			systemInfo: '',
		};
		this.target = {
			kind: 'endpoint',
			url: parts.url.root.href.replace(/\/$/, ''),
			server: {name: parts.server.name, ...(parts.server.version ? {version: parts.server.version} : {})},
			serverModel: parts.server.model,
			...(parts.launchArgv ? {command: parts.launchArgv} : {}),
			...(parts.pid === undefined ? {} : {pid: parts.pid}),
			launched: parts.launched !== undefined,
		};
		this.gone = this.#watchServer();
	}

	async runPrompt(p: PromptInput, o: RunPromptOptions): Promise<PromptResult> {
		if (this.#disposed) throw new EngineDisposedError();
		if (this.#running !== undefined) throw new EngineBusyError(this.#running);
		this.#running = p.id;
		try {
			return await this.#run(p, o);
		} finally {
			this.#running = undefined;
		}
	}

	async dispose(): Promise<void> {
		if (this.#disposed) return;
		this.#disposed = true;
		if (this.#watch) clearInterval(this.#watch);
		this.#parts.agent.destroy();
		await this.#parts.launched?.stop();
	}

	async [Symbol.asyncDispose](): Promise<void> {
		await this.dispose();
	}

	async #run(p: PromptInput, o: RunPromptOptions): Promise<PromptResult> {
		const now = o.now ?? (() => performance.now());
		const accounting = new TokenAccounting();
		const parser = new SseParser();
		let response = '';
		let promptTokens: number | undefined;
		let started = false;
		let finish: string | null = null;
		let streamError: string | undefined;
		let index = 0;
		const start = (n: number): void => {
			if (started) return;
			started = true;
			o.onPromptTokens?.(n);
		};
		const onEvent = (data: string, t: number): void => {
			if (data.trim() === '[DONE]' || streamError !== undefined) return;
			let facts;
			try {
				facts = parseChunk(data);
			} catch (error) {
				streamError = error instanceof ChunkFormatError ? error.message : oneLine(error);
				return;
			}
			if (facts.error !== undefined) {
				streamError = `the server reported: ${facts.error}`;
				return;
			}
			if (facts.promptTokens !== undefined) promptTokens = facts.promptTokens;
			if (facts.finishReason) finish = facts.finishReason;
			const tokens = accounting.arrive(facts);
			if (tokens === 0) {
				if (promptTokens !== undefined) start(promptTokens);
				return;
			}
			start(promptTokens ?? 0);
			response += facts.content;
			for (let k = 0; k < tokens; k++) o.onToken?.(index++, k === 0 ? facts.content : '', t);
		};
		const messages = [...(p.system ? [{role: 'system', content: p.system}] : []), {role: 'user', content: p.prompt}];
		const body = JSON.stringify({
			model: this.#parts.server.model,
			messages,
			stream: true,
			stream_options: {include_usage: true},
			max_tokens: o.maxTokens,
			temperature: o.temperature,
			top_p: o.topP,
			...(o.seed === undefined ? {} : {seed: o.seed}),
			// llama-server: a running token count in every event (exact tokens per event), and no prompt cache (each prompt from a clean state, as in-process).
			timings_per_token: true,
			cache_prompt: false,
		});
		const base = {promptTokens: 0, outputTokens: 0};
		try {
			const end = await httpStream(this.#parts.url.chat, {
				body,
				agent: this.#parts.agent,
				connectTimeoutMs: this.#parts.connectTimeoutMs,
				...(o.signal ? {signal: o.signal} : {}),
				now,
				onData: (text, t) => {
					for (const event of parser.feed(text)) onEvent(event.data, t);
				},
			});
			if (end.errorBody !== undefined) {
				return {
					...base,
					status: 'error',
					response: '',
					error: `HTTP ${end.status} from the endpoint: ${errorMessage(end.errorBody)}`,
					errorName: 'EndpointHttpError',
				};
			}
		} catch (error) {
			const counts = accounting.finish();
			if (o.signal?.aborted) {
				return {status: 'aborted', response, promptTokens: promptTokens ?? 0, outputTokens: counts.tokens, stopReason: 'aborted', stream: counts};
			}
			const died = await this.#deathOf(error as Error);
			if (died)
				return {
					status: 'error',
					response,
					promptTokens: promptTokens ?? 0,
					outputTokens: counts.tokens,
					error: new ServerDiedError(died).message,
					errorName: 'ServerDiedError',
					stream: counts,
				};
			return {
				status: 'error',
				response,
				promptTokens: promptTokens ?? 0,
				outputTokens: counts.tokens,
				error: `the request failed: ${networkDetail(error as Error)}`,
				errorName: 'EndpointHttpError',
				stream: counts,
			};
		}
		const counts = accounting.finish();
		start(promptTokens ?? 0);
		if (streamError !== undefined) {
			return {
				status: 'error',
				response,
				promptTokens: promptTokens ?? 0,
				outputTokens: counts.tokens,
				error: streamError,
				errorName: 'EndpointStreamError',
				stream: counts,
			};
		}
		return {status: 'ok', response, promptTokens: promptTokens ?? 0, outputTokens: counts.tokens, stopReason: stopReasonOf(finish), stream: counts};
	}

	/** Why a failed request failed, when the server is gone; undefined when it still runs (or nothing says). */
	async #deathOf(error: Error): Promise<string | undefined> {
		if (this.#died !== undefined) return this.#died;
		const launched = this.#parts.launched;
		if (launched) {
			const exit = await Promise.race([launched.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500).unref())]);
			if (exit !== undefined) return (this.#died = exit);
		}
		const pid = this.#parts.pid;
		if (pid !== undefined && !isAlive(pid)) return (this.#died = `process ${pid} exited`);
		if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return (this.#died = `${this.target.url} refuses connections`);
		return undefined;
	}

	#watchServer(): Promise<string> | undefined {
		const launched = this.#parts.launched;
		if (launched) return launched.exited.then((why) => (this.#died ??= why));
		const pid = this.#parts.pid;
		if (pid === undefined) return undefined;
		return new Promise((resolve) => {
			this.#watch = setInterval(() => {
				if (isAlive(pid)) return;
				clearInterval(this.#watch);
				resolve((this.#died ??= `process ${pid} exited`));
			}, 250).unref();
		});
	}
}

/** Checks that `--pid` names a running process llmtop can read. Throws {@link PidError}. */
export function checkPid(pid: number): void {
	try {
		ProcessTree.open(pid).close();
	} catch (error) {
		throw new PidError(pid, (error as Error).message);
	}
}

function stopReasonOf(finish: string | null): StopReason {
	switch (finish) {
		case 'length':
			return 'max-tokens';
		case 'stop':
			return 'eos';
		default:
			return 'eos';
	}
}

function errorMessage(body: string): string {
	try {
		const parsed = JSON.parse(body) as {error?: {message?: unknown} | string};
		const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
		if (typeof message === 'string') return oneLine(message).slice(0, 200);
	} catch {
		// not JSON
	}
	return oneLine(body).slice(0, 200) || '(no body)';
}
