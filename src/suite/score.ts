import {describeCheck, evaluateCheck} from './evaluate.js';
import type {PromptScore, SuiteCheckResult, SuitePrompt} from './types.js';

/**
 * Scores a response against a prompt's rubric: the weighted fraction of its
 * checks met, in [0, 1]. Pure; a blank response scores 0.
 */
export function scorePrompt(prompt: Pick<SuitePrompt, 'checks'>, response: string): PromptScore {
	const checks: SuiteCheckResult[] = prompt.checks.map((check) => {
		const outcome = evaluateCheck(check, response);
		return {
			kind: check.kind,
			description: describeCheck(check),
			weight: check.weight,
			passed: outcome.passed,
			...(outcome.passed || outcome.detail === undefined ? {} : {detail: outcome.detail}),
		};
	});
	const total = checks.reduce((sum, check) => sum + check.weight, 0);
	const met = checks.reduce((sum, check) => sum + (check.passed ? check.weight : 0), 0);
	return {score: total > 0 ? met / total : 0, checks};
}

/** Suite correctness: prompt-weighted mean and the minimum of the scores. */
export interface Correctness {
	/** `null` when no prompt was scored. */
	mean: number | null;
	min: number | null;
	/** How many prompts were scored. */
	count: number;
}

/**
 * The suite's correctness from per-prompt scores: the mean weighted by each
 * prompt's `weight` (1 for ids not in `prompts`), and the lowest score.
 * Entries whose score is `null`, `undefined` or not finite (not scored:
 * skipped, aborted, synthetic model) are left out.
 */
export function suiteCorrectness(
	results: ReadonlyArray<{id: string; score?: number | null}>,
	prompts: ReadonlyArray<Pick<SuitePrompt, 'id' | 'weight'>>,
): Correctness {
	const weights = new Map(prompts.map((prompt) => [prompt.id, prompt.weight]));
	let weighted = 0;
	let totalWeight = 0;
	let min: number | null = null;
	let count = 0;
	for (const result of results) {
		const score = result.score;
		if (typeof score !== 'number' || !Number.isFinite(score)) continue;
		const weight = weights.get(result.id) ?? 1;
		weighted += score * weight;
		totalWeight += weight;
		min = min === null ? score : Math.min(min, score);
		count += 1;
	}
	return {mean: totalWeight > 0 ? weighted / totalWeight : null, min, count};
}
