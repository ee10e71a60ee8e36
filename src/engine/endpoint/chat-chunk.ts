/**
 * The facts llmtop reads from one OpenAI `chat.completion.chunk` (a streamed
 * SSE event), and the pure accounting of how many tokens each event carried.
 */

/** What one streamed chunk says. */
export interface ChunkFacts {
	/** Text the event delivers (`delta.content`, plus `delta.reasoning_content` where a server splits reasoning out). */
	content: string;
	/** `finish_reason` of the first choice, when the event ends the answer. */
	finishReason: string | null;
	/** Tokens generated so far, from llama-server's `timings.predicted_n` (sent with `timings_per_token`). */
	predictedN?: number;
	/** Prompt tokens (processed + cached), from `timings` or `usage`. */
	promptTokens?: number;
	/** `usage.completion_tokens` of the final chunk (`stream_options.include_usage`). */
	completionTokens?: number;
	/** An error the server put in the stream (`{"error": ...}`). */
	error?: string;
}

/** A chunk that is not JSON, or not shaped like a chat chunk. */
export class ChunkFormatError extends Error {
	override name = 'ChunkFormatError';
}

/** Parses one event's data. Throws {@link ChunkFormatError} when it is not a chat chunk. */
export function parseChunk(data: string): ChunkFacts {
	let value: unknown;
	try {
		value = JSON.parse(data);
	} catch {
		throw new ChunkFormatError(`a streamed event is not JSON: ${data.slice(0, 80)}`);
	}
	if (!isObject(value)) throw new ChunkFormatError('a streamed event is not a JSON object');
	if (value['error'] !== undefined) return {content: '', finishReason: null, error: errorText(value['error'])};
	const choices = value['choices'];
	if (!Array.isArray(choices)) throw new ChunkFormatError('a streamed event has no choices array (not a chat.completion.chunk)');
	const first: unknown = choices[0];
	const delta = isObject(first) && isObject(first['delta']) ? first['delta'] : {};
	const facts: ChunkFacts = {
		content: text(delta['content']) + text(delta['reasoning_content']),
		finishReason: isObject(first) && typeof first['finish_reason'] === 'string' ? first['finish_reason'] : null,
	};
	const timings = value['timings'];
	if (isObject(timings)) {
		if (isCount(timings['predicted_n'])) facts.predictedN = timings['predicted_n'];
		if (isCount(timings['prompt_n'])) facts.promptTokens = timings['prompt_n'] + (isCount(timings['cache_n']) ? timings['cache_n'] : 0);
	}
	const usage = value['usage'];
	if (isObject(usage)) {
		if (isCount(usage['completion_tokens'])) facts.completionTokens = usage['completion_tokens'];
		if (facts.promptTokens === undefined && isCount(usage['prompt_tokens'])) facts.promptTokens = usage['prompt_tokens'];
	}
	return facts;
}

import type {StreamCounts} from '../../run/types.js';

export type {StreamCounts} from '../../run/types.js';

/** Counts the tokens of a streamed answer event by event. */
export class TokenAccounting {
	readonly counts: StreamCounts = {events: 0, tokens: 0, multiTokenEvents: 0, mergedTokens: 0, countedBy: 'events'};
	#predicted = 0;
	#undelivered = 0;
	#completion: number | undefined;

	/** Takes one chunk; returns how many tokens it delivers (0 when it carries no text). */
	arrive(facts: ChunkFacts): number {
		if (facts.predictedN !== undefined) {
			this.counts.countedBy = 'server-timings';
			this.#undelivered += Math.max(0, facts.predictedN - this.#predicted);
			this.#predicted = Math.max(this.#predicted, facts.predictedN);
		}
		if (facts.completionTokens !== undefined) this.#completion = facts.completionTokens;
		if (facts.content === '') return 0;
		const tokens = this.counts.countedBy === 'server-timings' ? Math.max(1, this.#undelivered) : 1;
		this.#undelivered = 0;
		this.counts.events++;
		this.counts.tokens += tokens;
		if (tokens > 1) {
			this.counts.multiTokenEvents++;
			this.counts.mergedTokens += tokens - 1;
		}
		return tokens;
	}

	/** The counts once the stream ended (the `usage` check applied where the server gave no timings). */
	finish(): StreamCounts {
		const completion = this.#completion;
		if (this.counts.countedBy !== 'server-timings' && completion !== undefined) {
			this.counts.countedBy = 'usage';
			// The final token (end of generation) may be counted without text: one token of slack.
			const missing = completion - this.counts.tokens - 1;
			if (missing > 0) this.counts.mergedTokens = missing;
		}
		return this.counts;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function errorText(error: unknown): string {
	if (typeof error === 'string') return error;
	if (isObject(error) && typeof error['message'] === 'string') return error['message'];
	return JSON.stringify(error).slice(0, 200);
}
