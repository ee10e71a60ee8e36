/**
 * The limit line of a chart: which criterion's threshold a live chart draws,
 * decided in one place for the dashboard (and anything else that charts).
 */
import type {ChartId} from './charts.js';
import type {CriterionId, CriterionSpec, Phase} from './types.js';

/** What the chart limit depends on besides the criteria. */
export interface ChartLimitContext {
	/** Open-ended tryouts (`try`): between prompts is idle whatever the phase. */
	tryout: boolean;
	/** Current run phase (`null` before the first). */
	phase: Phase | null;
	/** A prompt is running now. */
	promptRunning: boolean;
	/** The chart's run-long p50 (for a limit relative to it, ITL's p99/p50 ratio). */
	p50: number | null;
	/** `--cpu-cap` (% of the machine), when the run paces itself to it. */
	cpuCapPct?: number | null | undefined;
}

/** A limit line: the threshold in the chart's unit and what it comes from. */
export interface ChartLimit {
	threshold: number;
	/** The criterion id, or how the threshold derives from one (`2×p50 latency-ratio`). */
	of: string;
}

/**
 * The limit drawn on chart `id` now, or `null`:
 * - `cpu`: the idle criterion while nothing runs in an idle phase (or between
 *   tryouts), else the `--cpu-cap` the run paces itself to, else the active
 *   p99 criterion (also when idle is disabled);
 * - `rss`: the RSS peak; `canary`: the interactive delay p99;
 * - `itl`: the p99/p50 ratio times the chart's p50 (none without a p50);
 * - `systemCpu`, `tokensPerSec`: none.
 * Disabled criteria draw no line.
 */
export function chartLimit(criteria: readonly CriterionSpec[], id: ChartId, context: ChartLimitContext): ChartLimit | null {
	switch (id) {
		case 'cpu': {
			const criterion = cpuCriterion(criteria, context);
			const cap = context.cpuCapPct;
			if (typeof cap === 'number' && criterion?.id !== 'idle-cpu') return {threshold: cap, of: '--cpu-cap'};
			return limitOf(criterion);
		}
		case 'rss':
			return limitOf(enabledCriterion(criteria, 'rss-peak'));
		case 'canary':
			return limitOf(enabledCriterion(criteria, 'interactive-delay-p99'));
		case 'itl': {
			const ratio = enabledCriterion(criteria, 'latency-ratio');
			if (!ratio || context.p50 === null) return null;
			return {threshold: ratio.threshold * context.p50, of: `${ratio.threshold}×p50 ${ratio.id}`};
		}
		case 'systemCpu':
		case 'tokensPerSec':
			return null;
		default:
			return id satisfies never;
	}
}

/**
 * The CPU criterion that applies now: the idle criterion while nothing runs
 * in an idle phase (or between tryouts), else the active p99 criterion.
 */
export function cpuCriterion(criteria: readonly CriterionSpec[], context: Pick<ChartLimitContext, 'tryout' | 'phase' | 'promptRunning'>): CriterionSpec | null {
	const {phase} = context;
	const idlePhase = phase === 'idle-before' || phase === 'idle-after' || phase === 'load' || phase === null;
	const idle = !context.promptRunning && (context.tryout || idlePhase);
	return enabledCriterion(criteria, idle ? 'idle-cpu' : 'active-cpu-p99') ?? enabledCriterion(criteria, 'active-cpu-p99');
}

/** The criterion `id` when it is enabled, else `null`. */
export function enabledCriterion(criteria: readonly CriterionSpec[], id: CriterionId): CriterionSpec | null {
	return criteria.find((spec) => spec.id === id && spec.enabled) ?? null;
}

function limitOf(spec: CriterionSpec | null): ChartLimit | null {
	return spec ? {threshold: spec.threshold, of: spec.id} : null;
}
