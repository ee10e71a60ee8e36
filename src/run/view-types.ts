import type {RunProgress} from './criteria.js';
import type {ItlFigures, PromptFigures, PromptState} from './prompt-record.js';
import type {CheckResult, CriterionResult, Verdict} from './types.js';

/** Criteria results and the verdict so far. */
export interface CriteriaView {
	progress: RunProgress;
	results: CriterionResult[];
	verdict: Verdict;
}

/** One row of the prompts table: the prompt's figures and how it ran. */
export interface PromptRow extends PromptFigures {
	id: string;
	/** 0-based position in the run, `null` until started. */
	index: number | null;
	/** 1-based pass of the suite (soaks run it more than once). */
	pass: number;
	state: PromptState;
	tags: string[];
	prompt: string | null;
	promptTokens: number | null;
	/** From `prompt-end`, or the token events so far while running. */
	outputTokens: number;
	/** True for the first prompt of the run (cold TTFT). */
	cold: boolean;
	itl: ItlFigures | null;
	score: number | null;
	checks: CheckResult[];
	failedChecks: CheckResult[];
	/** Final response, or the text streamed so far. */
	response: string;
	/** Why it was skipped, aborted or failed. */
	reason: string | null;
	startMs: number | null;
	endMs: number | null;
}
