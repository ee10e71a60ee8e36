import {scorePrompt} from './score.js';
import type {Suite, SuiteCheckResult} from './types.js';

/** A saved prompt outcome, as found in a report's `prompts[]`. */
export interface SavedResponse {
	id: string;
	response?: string | null;
	/** A `PromptStatus`: `ok`, `aborted`, `skipped` or `error`. */
	status: string;
}

/** The new score of a saved response. */
export interface RescoredPrompt {
	id: string;
	/** `null` when not scored (see `reason`). */
	score: number | null;
	checks: SuiteCheckResult[];
	/** False when the suite has no prompt with this id. */
	inSuite: boolean;
	/** Why the prompt was not scored. */
	reason?: string;
}

/**
 * Whether a prompt with this status gets a correctness score: only prompts
 * that ran to the end (`ok`). Aborted, skipped and failed prompts are left
 * out of correctness, as they are of latency.
 */
export function isScorable(status: string): boolean {
	return status === 'ok';
}

/**
 * Re-scores saved responses against a (possibly edited) suite, in the order
 * given. Prompts absent from the suite, or not `ok`, get `score: null` and a
 * reason. Feed the result to `suiteCorrectness` for the new mean and min.
 */
export function rescoreResponses(prompts: readonly SavedResponse[], suite: Suite): RescoredPrompt[] {
	const byId = new Map(suite.prompts.map((prompt) => [prompt.id, prompt]));
	return prompts.map((saved) => {
		const prompt = byId.get(saved.id);
		if (!prompt) return {id: saved.id, score: null, checks: [], inSuite: false, reason: `not in suite "${suite.name}"`};
		if (!isScorable(saved.status)) return {id: saved.id, score: null, checks: [], inSuite: true, reason: `not scored: prompt ${saved.status}`};
		const {score, checks} = scorePrompt(prompt, saved.response ?? '');
		return {id: saved.id, score, checks, inSuite: true};
	});
}
