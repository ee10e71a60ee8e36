import {EngineError} from './errors.js';

/**
 * Largest context llmtop asks llama.cpp for, tokens. Above it llama.cpp's
 * size arithmetic wraps in 32 bits (`--context-size 2147483648` passed the
 * memory estimate and then allocated over 6 GB); no released model trains
 * on more.
 */
export const MAX_CONTEXT_SIZE = 1 << 24;

/** The context size asked for is beyond what the model was trained on, or beyond {@link MAX_CONTEXT_SIZE}. */
export class ContextBeyondModelError extends EngineError {
	override name = 'ContextBeyondModelError';
	constructor(
		readonly contextSize: number,
		readonly limit: number,
		readonly trained: boolean,
	) {
		super(
			trained
				? `context size ${contextSize} is larger than the model's training context (${limit} tokens); lower --context-size`
				: `context size ${contextSize} is larger than llmtop allows (${limit} tokens); lower --context-size`,
		);
	}
}

/**
 * Checks a context size before llama.cpp sees it: a positive integer within
 * the model's training context (when the file says it) and {@link MAX_CONTEXT_SIZE}.
 * The memory estimate is checked after this, on a size that cannot wrap.
 */
export function checkContextBounds(contextSize: number, trainContextSize: number | undefined): void {
	if (!Number.isSafeInteger(contextSize) || contextSize > MAX_CONTEXT_SIZE) throw new ContextBeyondModelError(contextSize, MAX_CONTEXT_SIZE, false);
	if (trainContextSize !== undefined && trainContextSize > 0 && contextSize > trainContextSize)
		throw new ContextBeyondModelError(contextSize, trainContextSize, true);
}
