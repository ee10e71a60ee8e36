import {adversaries} from './adversaries.js';
import {scorePrompt, suiteCorrectness} from './score.js';
import type {Suite, SuiteWarning} from './types.js';

/** `suite check --max-gamed` by default: an adversary scoring this much suite-wide makes a suite gameable. */
export const DEFAULT_MAX_GAMED = 0.3;

/** One adversary's scores on a suite. */
export interface AdversaryScore {
	name: string;
	/** Prompt-weighted mean over the prompts it answered; 0 when it answered none. */
	score: number;
	/** Its score on each prompt it answered, by prompt id. */
	perPrompt: Record<string, number>;
}

/** The best adversary on one prompt. */
export interface PromptAudit {
	id: string;
	best: {name: string; score: number};
}

/** How gameable a suite is: `llmtop suite check`'s findings. */
export interface SuiteAudit {
	suite: string;
	path: string;
	/** Every adversary, best suite-wide score first. */
	adversaries: AdversaryScore[];
	/** The adversary with the highest suite-wide score: the suite's gamed ceiling. */
	best: {name: string; score: number};
	prompts: PromptAudit[];
	warnings: SuiteWarning[];
	maxGamed: number;
	/** `best.score >= maxGamed`. */
	gameable: boolean;
}

/**
 * Scores every built-in adversary (see `adversaries`) against every prompt of
 * a suite. Pure and quick (no model): `run` uses `best.score` as the suite's
 * gamed ceiling.
 */
export function auditSuite(suite: Suite, maxGamed = DEFAULT_MAX_GAMED): SuiteAudit {
	const scores: AdversaryScore[] = adversaries(suite).map((adversary) => {
		const perPrompt: Record<string, number> = {};
		for (const prompt of suite.prompts) {
			const answer = adversary.answer(prompt);
			if (answer !== undefined) perPrompt[prompt.id] = scorePrompt(prompt, answer).score;
		}
		const mean = suiteCorrectness(
			Object.entries(perPrompt).map(([id, score]) => ({id, score})),
			suite.prompts,
		).mean;
		return {name: adversary.name, score: mean ?? 0, perPrompt};
	});
	scores.sort((a, b) => b.score - a.score);
	const top = scores[0] ?? {name: 'blank', score: 0};
	const prompts = suite.prompts.map((prompt): PromptAudit => {
		let best = {name: 'blank', score: 0};
		for (const adversary of scores) {
			const score = adversary.perPrompt[prompt.id];
			if (score !== undefined && score > best.score) best = {name: adversary.name, score};
		}
		return {id: prompt.id, best};
	});
	return {
		suite: suite.name,
		path: suite.path,
		adversaries: scores,
		best: {name: top.name, score: top.score},
		prompts,
		warnings: suite.warnings,
		maxGamed,
		gameable: top.score >= maxGamed,
	};
}

/** The gamed ceiling of a suite: the best adversary's suite-wide score. */
export function gamedCeiling(suite: Suite): number {
	return auditSuite(suite).best.score;
}
