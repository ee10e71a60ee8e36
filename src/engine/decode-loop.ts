import {setTimeout as sleep} from 'node:timers/promises';
import type {LlamaContextSequence, LlamaModel, Token} from 'node-llama-cpp';
import {IncrementalDetokenizer} from './detokenizer.js';
import type {StopDetector} from './stop-detector.js';
import type {StallHook} from './test-stall.js';

/** Why generation ended. */
export type StopReason = 'eos' | 'stop-trigger' | 'max-tokens' | 'context-full' | 'aborted';

/** Where a pause may be inserted: after token `index` was delivered, before the next decode step. */
export interface PaceInfo {
	/** Index of the token just delivered. */
	index: number;
	/** Its timestamp. */
	t: number;
}

/**
 * Called between decode steps. A number is a pause in ms (abortable); a
 * promise is awaited. Used by `--cpu-cap` (see `createCpuCapPace`).
 */
export type Pace = (info: PaceInfo) => number | Promise<void>;

/**
 * Prefill in paced chunks (`--cpu-cap`): a long prompt evaluated in one go
 * is a burst no pause can split. Before each chunk, `next(done)` is told how
 * many tokens the previous chunk held (0 before the first) and answers how
 * many to evaluate next and how long to pause first, ms.
 */
export interface PrefillPacing {
	next(done: number): {tokens: number; pauseMs: number};
}

/** Settings of one decode loop. */
export interface DecodeLoopOptions {
	temperature: number;
	topP: number;
	maxTokens: number;
	seed?: number;
	/** The sequence's context size: generation stops before it overflows. */
	contextSize: number;
	stop: StopDetector;
	now: () => number;
	signal?: AbortSignal;
	onToken?: (index: number, text: string, t: number) => void;
	pace?: Pace;
	prefill?: PrefillPacing;
	/** Test hook (`LLMTOP_TEST_STALL`, see `test-stall.ts`): runs after `pace`, right before the next decode step. */
	stall?: StallHook;
}

/** What a decode loop produced. */
export interface DecodeLoopResult {
	stopReason: StopReason;
	/** Tokens delivered through `onToken` (stop-trigger tokens included, the end-of-generation token not). */
	outputTokens: number;
	/** Decoded text, without a stop trigger. */
	response: string;
}

/**
 * Evaluates `promptTokens` on a clean `sequence` and generates with the
 * low-level `LlamaContextSequence.evaluate()` generator, which yields one
 * sampled token per iteration and decodes it only when asked for the next.
 * The timestamp of each token is taken first thing when the generator yields
 * it, then `onToken` runs, then `pace`, then the next decode step starts: so a
 * token's time is when it was produced, and time spent in `onToken` or `pace`
 * shows in the next token's gap, where it really delays generation.
 */
export async function runDecodeLoop(
	sequence: LlamaContextSequence,
	model: LlamaModel,
	promptTokens: readonly Token[],
	o: DecodeLoopOptions,
): Promise<DecodeLoopResult> {
	const detokenizer = new IncrementalDetokenizer((tokens, last) => model.detokenize(tokens, false, last));
	const generated: Token[] = [];
	let response = '';
	let stopReason: StopReason | undefined;
	const rest = o.prefill ? await prefillInChunks(sequence, promptTokens, o.prefill, o.signal) : [...promptTokens];
	if (rest === null) return {stopReason: 'aborted', outputTokens: 0, response: ''};
	const evaluation = sequence.evaluate(rest, {
		temperature: o.temperature,
		topP: o.topP,
		...(o.seed == null ? {} : {seed: o.seed}),
		yieldEogToken: true,
	});
	for await (const token of evaluation) {
		const t = o.now();
		if (o.signal?.aborted) {
			stopReason = 'aborted';
			break;
		}
		if (model.isEogToken(token)) {
			stopReason = 'eos';
			break;
		}
		const index = generated.length;
		generated.push(token);
		const text = detokenizer.push(token);
		o.onToken?.(index, text, t);
		const checked = response.length;
		response += text;
		const triggerTokens = o.stop.matchTokens(generated);
		if (triggerTokens > 0) {
			response = model.detokenize(generated.slice(0, generated.length - triggerTokens));
			stopReason = 'stop-trigger';
			break;
		}
		const triggerAt = o.stop.matchText(response, checked);
		if (triggerAt >= 0) {
			response = response.slice(0, triggerAt);
			stopReason = 'stop-trigger';
			break;
		}
		if (generated.length >= o.maxTokens) {
			stopReason = 'max-tokens';
			break;
		}
		if (promptTokens.length + generated.length >= o.contextSize) {
			stopReason = 'context-full';
			break;
		}
		if (o.signal?.aborted) {
			stopReason = 'aborted';
			break;
		}
		if (o.pace != null && !(await paced(o.pace, {index, t}, o.signal))) {
			stopReason = 'aborted';
			break;
		}
		o.stall?.(index + 1, t);
	}
	if (stopReason !== 'stop-trigger') response += detokenizer.flush();
	return {stopReason: stopReason ?? 'eos', outputTokens: generated.length, response};
}

/**
 * Evaluates all but the last prompt token in chunks, pausing between them
 * as `pacing` asks; returns the tokens left for `evaluate()` (at least one,
 * so generation starts from it), or null when aborted.
 */
async function prefillInChunks(
	sequence: LlamaContextSequence,
	promptTokens: readonly Token[],
	pacing: PrefillPacing,
	signal: AbortSignal | undefined,
): Promise<Token[] | null> {
	let next = 0;
	let done = 0;
	for (;;) {
		const step = pacing.next(done);
		if (!(await pause(step.pauseMs, signal))) return null;
		if (promptTokens.length - next <= 1) return promptTokens.slice(next);
		done = Math.max(1, Math.min(Math.floor(step.tokens), promptTokens.length - next - 1));
		await sequence.evaluateWithoutGeneratingNewTokens(promptTokens.slice(next, next + done));
		next += done;
		if (signal?.aborted) return null;
	}
}

/** Runs the pace hook; false when aborted while pausing. */
async function paced(pace: Pace, info: PaceInfo, signal: AbortSignal | undefined): Promise<boolean> {
	const result = pace(info);
	if (typeof result === 'number') return pause(result, signal);
	await result;
	return !signal?.aborted;
}

/** Sleeps `ms` (nothing unless above 0); false when aborted meanwhile. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
	if (!(ms > 0)) return true;
	try {
		await sleep(ms, undefined, signal == null ? {} : {signal});
	} catch (error) {
		if (signal?.aborted) return false;
		throw error;
	}
	return true;
}
