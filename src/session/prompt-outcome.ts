import type {PromptResult} from '../engine/index.js';
import type {PromptEndEvent} from '../run/events.js';
import type {PromptStatus} from '../run/types.js';
import {scorePrompt, type SuitePrompt} from '../suite/index.js';

/** Why a synthetic model's answers are not scored. */
export const SYNTHETIC_NOT_SCORED = 'synthetic model: random weights give gibberish, so correctness is not scored';

/**
 * The `prompt-end` event of a finished prompt: its status (an abort asked
 * for by `s` is a skip), and its score against the prompt's rubric — unless
 * the prompt has none (a tryout), the model is synthetic, or it did not end
 * `ok`. A prompt that ended `error` scores 0: a crash never scores better
 * than a wrong answer.
 */
export function promptEndEvent(prompt: SuitePrompt, result: PromptResult, t: number, options: {skipped: boolean; synthetic: boolean}): PromptEndEvent {
	const status: PromptStatus = result.status === 'aborted' && options.skipped ? 'skipped' : result.status;
	return {
		type: 'prompt-end',
		t,
		promptId: prompt.id,
		status,
		response: result.response,
		outputTokens: result.outputTokens,
		...score(prompt, status, result.response, options.synthetic),
		...(result.error ? {reason: result.error} : {}),
		...(result.stream ? {stream: result.stream} : {}),
	};
}

function score(prompt: SuitePrompt, status: PromptStatus, response: string, synthetic: boolean): Pick<PromptEndEvent, 'score' | 'checks' | 'reason'> {
	if (prompt.checks.length === 0) return {score: null, reason: 'no rubric (tryout)'};
	if (synthetic) return {score: null, reason: SYNTHETIC_NOT_SCORED};
	if (status === 'error') return {score: 0, checks: [], reason: 'the prompt failed: scored 0'};
	if (status !== 'ok') return {score: null, reason: `not scored: prompt ${status}`};
	return scorePrompt(prompt, response);
}
