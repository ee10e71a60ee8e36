/**
 * The return-to-idle figure in words: a time when it was measured, else why
 * not — never a dash where a reader expects a number.
 */
import {formatCriterionValue} from './format.js';

/** What decides whether the return to idle could be measured. */
export interface ReturnToIdleFacts {
	/** Time from the last token back to idle CPU, ms; `null` when not measured. */
	returnToIdleMs: number | null;
	/** Time of the run's last token (ms since the run started); `null` when no token came. */
	lastTokenT: number | null;
	/** CPU samples of the `idle-before` phase (the idle baseline). */
	idleBeforeSamples: number;
	/** Length of the `idle-after` phase, ms; `null` when it never ran. */
	idleAfterMs: number | null;
}

/** `120 ms after the last token`, or why there is no such time (`not measured (no idle phase after the prompts)`). */
export function describeReturnToIdle(facts: ReturnToIdleFacts): string {
	if (facts.returnToIdleMs !== null && Number.isFinite(facts.returnToIdleMs)) return `${formatCriterionValue(facts.returnToIdleMs, 'ms')} after the last token`;
	if (facts.lastTokenT === null) return 'not measured (no token was produced)';
	if (facts.idleBeforeSamples === 0) return 'not measured (no idle baseline before the prompts)';
	if (facts.idleAfterMs === null) return 'not measured (no idle phase after the prompts)';
	return `not within the ${formatCriterionValue(facts.idleAfterMs, 'ms')} idle phase after the last token`;
}
