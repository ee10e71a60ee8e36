import {performance} from 'node:perf_hooks';
import type {Llama, LlamaContext, LlamaContextSequence, LlamaModel} from 'node-llama-cpp';
import {renderPrompt, type ChatSetup} from './chat-prompt.js';
import {runDecodeLoop} from './decode-loop.js';
import {ContextTooSmallError, EngineBusyError, EngineDisposedError, oneLine} from './errors.js';
import {createCpuCapPace, type CpuCapPace} from './cpu-cap.js';
import {applyNice} from './nice.js';
import {validateSampling} from './options.js';
import {StopDetector} from './stop-detector.js';
import type {Engine, EngineSnapshot, PromptInput, PromptResult, RunPromptOptions} from './types.js';

/** Everything {@link LlamaEngine} owns, created by `openEngine`. */
export interface EngineParts {
	llama: Llama;
	model: LlamaModel;
	context: LlamaContext;
	sequence: LlamaContextSequence;
	chat: ChatSetup;
	/** The engine's facts, copied onto it. */
	facts: EngineSnapshot;
	nice?: {value: number; includeMainThread: boolean};
}

/** The engine's facts: {@link EngineParts.facts}, copied onto it by the constructor. */
// The facts are copied onto the instance by the constructor; merging the interface types them without restating nine fields.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface LlamaEngine extends EngineSnapshot {}

/** The {@link Engine} over one node-llama-cpp context and sequence. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class LlamaEngine implements Engine {
	readonly #parts: EngineParts;
	#running: {id: string; abort: AbortController; done: Promise<unknown>} | undefined;
	#cap: {key: string; pace: CpuCapPace} | undefined;
	#disposing: Promise<void> | undefined;

	constructor(parts: EngineParts) {
		this.#parts = parts;
		Object.assign(this, parts.facts);
	}

	async runPrompt(p: PromptInput, o: RunPromptOptions): Promise<PromptResult> {
		this.#ensureOpen();
		if (this.#running != null) throw new EngineBusyError(this.#running.id);
		validateSampling(o);
		const abort = new AbortController();
		const onCallerAbort = (): void => abort.abort(o.signal?.reason);
		if (o.signal?.aborted) abort.abort(o.signal.reason);
		o.signal?.addEventListener('abort', onCallerAbort, {once: true});
		const done = this.#run(p, o, abort.signal);
		this.#running = {id: p.id, abort, done};
		try {
			return await done;
		} finally {
			o.signal?.removeEventListener('abort', onCallerAbort);
			this.#running = undefined;
			this.#renice();
		}
	}

	async #run(p: PromptInput, o: RunPromptOptions, signal: AbortSignal): Promise<PromptResult> {
		const {model, sequence, chat} = this.#parts;
		let promptTokens = 0;
		let outputTokens = 0;
		const cap = o.pace == null && o.cpuCapPct != null ? this.#capPace(o.cpuCapPct, o.cpuCapWindowMs, o.cpuCapCores) : undefined;
		const pausedBefore = cap?.stats();
		cap?.begin();
		const pace = o.pace ?? cap?.pace;
		try {
			await sequence.clearHistory();
			const rendered = renderPrompt(chat, model, p);
			promptTokens = rendered.tokens.length;
			if (promptTokens >= this.contextSize) throw new ContextTooSmallError(p.id, promptTokens, this.contextSize);
			o.onPromptTokens?.(promptTokens);
			const onToken = o.onToken;
			const result = await runDecodeLoop(sequence, model, rendered.tokens, {
				temperature: o.temperature,
				topP: o.topP,
				maxTokens: o.maxTokens,
				...(o.seed == null ? {} : {seed: o.seed}),
				contextSize: this.contextSize,
				stop: StopDetector.fromTriggers(rendered.stopTriggers, model.tokenizer),
				now: o.now ?? (() => performance.now()),
				signal,
				onToken: (index, text, t) => {
					outputTokens = index + 1;
					onToken?.(index, text, t);
				},
				...(pace == null ? {} : {pace}),
				...(cap == null ? {} : {prefill: cap.prefill}),
				...(o.stall == null ? {} : {stall: o.stall}),
			});
			return {
				status: result.stopReason === 'aborted' ? 'aborted' : 'ok',
				response: result.response,
				promptTokens,
				outputTokens: result.outputTokens,
				stopReason: result.stopReason,
				...(cap == null || pausedBefore == null ? {} : {paced: pausesSince(pausedBefore, cap.stats())}),
			};
		} catch (error) {
			return {
				status: 'error',
				response: '',
				promptTokens,
				outputTokens,
				error: oneLine(error),
				errorName: error instanceof Error ? error.name : 'Error',
			};
		}
	}

	/**
	 * One pacer for every prompt with the same cap: its window remembers the
	 * CPU of the previous prompt, so a new prompt's prefill cannot burst
	 * into a window the last decode steps filled.
	 */
	#capPace(capPct: number, windowMs: number | undefined, cores: number | undefined): CpuCapPace {
		const key = `${capPct}/${windowMs ?? ''}/${cores ?? ''}`;
		if (this.#cap?.key !== key) this.#cap = {key, pace: createCpuCapPace({capPct, ...(windowMs == null ? {} : {windowMs}), ...(cores == null ? {} : {cores})})};
		return this.#cap.pace;
	}

	/**
	 * Threads the main thread started since the last pass did not inherit the
	 * nice value: apply it again after each prompt, outside any timed window.
	 */
	#renice(): void {
		const nice = this.#parts.nice;
		if (nice != null && this.#disposing == null) applyNice(nice.value, {includeMainThread: nice.includeMainThread});
	}

	dispose(): Promise<void> {
		this.#disposing ??= this.#dispose();
		return this.#disposing;
	}

	async [Symbol.asyncDispose](): Promise<void> {
		await this.dispose();
	}

	async #dispose(): Promise<void> {
		const running = this.#running;
		if (running != null) {
			running.abort.abort(new EngineDisposedError());
			await running.done.catch(() => undefined);
		}
		await disposeParts(this.#parts);
	}

	#ensureOpen(): void {
		if (this.#disposing != null) throw new EngineDisposedError();
	}
}

/** Frees what exists of an engine's parts, innermost first; never throws. */
export async function disposeParts(parts: Partial<Pick<EngineParts, 'llama' | 'model' | 'context' | 'sequence'>>): Promise<void> {
	for (const part of [parts.sequence, parts.context, parts.model, parts.llama]) {
		if (part == null || part.disposed) continue;
		try {
			await part.dispose();
		} catch {
			// Disposal is best effort on every exit path; the next part still gets freed.
		}
	}
}

function pausesSince(before: {pauses: number; totalPauseMs: number}, after: {pauses: number; totalPauseMs: number}): {pauses: number; totalPauseMs: number} {
	return {pauses: after.pauses - before.pauses, totalPauseMs: after.totalPauseMs - before.totalPauseMs};
}
