/**
 * How much data each criterion needs before it is judged (README "Criteria:
 * minimum data"). Below its minimum a criterion is `pending` while the run
 * goes on and a `lack-of-data` skip once a complete run ended, which makes
 * the verdict `inconclusive`.
 */
import type {CriterionId, CriterionSpec} from './types.js';

/** One criterion's minimum data. */
export interface CriterionMinimum {
	count: number;
	/** What is counted, in words. */
	of: string;
	/** Fails as soon as its value is over the limit, before the minimum (more data cannot undo it). */
	failsAtOnce: boolean;
}

/**
 * Minimum data per criterion. Sizes: 10 samples is one second at the default
 * 100 ms interval (the default idle window gives 100); 20 gaps make a p50 and
 * a p99 that differ; 100 canary wake-ups make a p99 that is not the maximum.
 */
export const CRITERION_MINIMUMS: Readonly<Record<CriterionId, CriterionMinimum>> = {
	'idle-cpu': {count: 10, of: 'idle samples', failsAtOnce: false},
	'active-cpu-mean': {count: 10, of: 'samples while prompts run', failsAtOnce: false},
	'active-cpu-p99': {count: 10, of: 'samples while prompts run', failsAtOnce: false},
	'rss-peak': {count: 1, of: 'samples', failsAtOnce: true},
	'latency-p95': {count: 1, of: 'completed prompts', failsAtOnce: false},
	'latency-ratio': {count: 20, of: 'inter-token gaps of completed prompts', failsAtOnce: false},
	correctness: {count: 1, of: 'scored prompts', failsAtOnce: false},
	'interactive-delay-p99': {count: 100, of: 'canary wake-ups while prompts run', failsAtOnce: false},
	'prompt-errors': {count: 1, of: 'prompts that ended', failsAtOnce: true},
};

/** A percentile criterion judged on the maximum below `from` values (see `criteria.ts`). */
export interface QuantileAsMax {
	/** The percentile's name, e.g. `p99`. */
	name: string;
	/** Values needed for the percentile to differ from the maximum: 1 / (1 - q). */
	from: number;
	of: string;
}

/** The percentile criteria that fall back to the maximum on little data. */
export const QUANTILE_AS_MAX: Readonly<Partial<Record<CriterionId, QuantileAsMax>>> = {
	'active-cpu-p99': {name: 'p99', from: 100, of: 'samples'},
	'latency-p95': {name: 'p95', from: 20, of: 'prompts'},
};

/**
 * The warning for `--idle 0`: no idle window, so `idle-cpu` lacks data and
 * the verdict can be INCONCLUSIVE at best; `undefined` when there is an idle
 * window or `idle-cpu` is disabled (a skip by design).
 */
export function noIdleWindowWarning(idleSeconds: number, specs: readonly CriterionSpec[]): string | undefined {
	if (idleSeconds > 0) return undefined;
	const idle = specs.find((spec) => spec.id === 'idle-cpu');
	if (idle && !idle.enabled) return undefined;
	return '--idle 0: no idle window, so idle CPU is not measured; idle-cpu lacks data and the verdict is at best INCONCLUSIVE (exit 3). Disable idle-cpu in a criteria file to skip it by design.';
}

/** Skips by design per criterion (they never block a pass), in words; every criterion can also be disabled. */
export const BY_DESIGN_SKIPS: Readonly<Partial<Record<CriterionId, string>>> = {
	correctness: 'synthetic model, tryouts',
	'interactive-delay-p99': '--no-canary',
};

/**
 * The dashboard help's lines on minimum data and skip classes (the README
 * table "Criteria: minimum data and the verdict" says the same).
 */
export function criteriaHelpLines(): string[] {
	const lines = Object.entries(CRITERION_MINIMUMS).map(([id, minimum]) => {
		const asMax = QUANTILE_AS_MAX[id as CriterionId];
		const max = asMax ? ` (${asMax.name} from ${asMax.from}, below that the max)` : '';
		const now = minimum.failsAtOnce ? ', fails at once' : '';
		const design = BY_DESIGN_SKIPS[id as CriterionId];
		return `  ${id}: ${minimum.count} ${minimum.of}${max}${now}; skip by design: disabled${design ? `, ${design}` : ''}`;
	});
	return [
		'Minimum data: below it a criterion is pending while the run goes on, then skipped for lack of data, and the verdict is INCONCLUSIVE (exit 3); skips by design never block a pass. --idle 0 leaves idle-cpu without data.',
		...lines,
	];
}
