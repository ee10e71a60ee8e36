import {describeCheck, evaluateCheck, isPositive} from './evaluate.js';
import type {CheckOutcome} from './evaluate.js';
import type {PromptScore, SuiteCheckResult, SuitePrompt} from './types.js';

/**
 * Scores a response against a prompt's rubric: the weighted fraction of its
 * checks met, times the length factor, in [0, 1]. Pure; a blank response
 * scores 0. A `not` check is a guard: it is met only when the answer also
 * meets a positive check, so an off-topic answer earns nothing from it. An
 * answer longer than `maxChars` gets an extra `length` entry (weight 0) in
 * `checks` saying by how much its score was cut.
 */
export function scorePrompt(prompt: Pick<SuitePrompt, 'checks' | 'maxChars'>, response: string): PromptScore {
	const outcomes = prompt.checks.map((check) => evaluateCheck(check, response));
	const anyPositive = prompt.checks.some((check, i) => isPositive(check) && outcomes[i]?.passed === true);
	const checks: SuiteCheckResult[] = prompt.checks.map((check, i) => {
		let outcome: CheckOutcome = outcomes[i]!;
		if (check.kind === 'not' && outcome.passed && !anyPositive) outcome = {passed: false, detail: 'a guard: met only beside a positive check'};
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
	const length = response.trim().length;
	const factor = lengthFactor(length, prompt.maxChars);
	if (factor < 1) {
		checks.push({
			kind: 'length',
			description: `at most ${prompt.maxChars} characters`,
			weight: 0,
			passed: false,
			detail: `${length} characters: score x${factor.toFixed(2)}`,
		});
	}
	return {score: total > 0 ? (met / total) * factor : 0, lengthFactor: factor, checks};
}

/**
 * What an answer's score is multiplied by for its length: 1 up to
 * `maxChars` characters (or without a limit), else `maxChars / length`, so
 * an answer twice as long as allowed keeps half its credit.
 */
export function lengthFactor(length: number, maxChars: number | undefined): number {
	if (maxChars === undefined || !(length > maxChars)) return 1;
	return maxChars / length;
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
