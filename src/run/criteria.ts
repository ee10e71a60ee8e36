/**
 * The acceptance criteria: defaults, judging a measured value against a
 * threshold, the pending / pass / fail / skip rules and the verdict.
 *
 * Pending rule: while the run is in progress a criterion is `pending` until it
 * has its minimum amount of data ({@link CRITERION_MINIMUMS}). When the run
 * ended complete, the minimums are lifted: a criterion with any data is
 * judged, one with none is `skip` (no data of that kind). When the run was
 * interrupted, a criterion below its minimum stays `pending` (and is listed
 * with the reason), the others are judged from what was measured.
 *
 * Verdict: `fail` if any criterion fails; else `pending` if any is pending
 * (only possible while running or after an interruption); else `pass`.
 * Skips never fail the run and are never counted as passes.
 */
import {formatCriterionValue} from './format.js';
import type {CriterionId, CriterionOp, CriterionResult, CriterionSpec, Verdict} from './types.js';

/** The eight criteria with their default thresholds, in display order. */
export const DEFAULT_CRITERIA: readonly Readonly<CriterionSpec>[] = Object.freeze([
	{id: 'idle-cpu', label: 'idle CPU mean', op: '<=', threshold: 2, unit: '%', enabled: true},
	{id: 'active-cpu-mean', label: 'active CPU mean', op: '<=', threshold: 35, unit: '%', enabled: true},
	{id: 'active-cpu-p99', label: 'active CPU p99', op: '<=', threshold: 50, unit: '%', enabled: true},
	{id: 'rss-peak', label: 'RSS peak', op: '<=', threshold: 6 * 1024 ** 3, unit: 'bytes', enabled: true},
	{id: 'latency-p95', label: 'E2E latency p95', op: '<=', threshold: 2500, unit: 'ms', enabled: true},
	{id: 'latency-ratio', label: 'ITL p99/p50', op: '<', threshold: 2.0, unit: 'ratio', enabled: true},
	{id: 'correctness', label: 'correctness mean', op: '>=', threshold: 0.8, unit: 'score', enabled: true},
	{id: 'interactive-delay-p99', label: 'interactive delay p99', op: '<=', threshold: 10, unit: 'ms', enabled: true},
] satisfies CriterionSpec[]);

/** Fresh, mutable copies of {@link DEFAULT_CRITERIA}. */
export function defaultCriteria(): CriterionSpec[] {
	return DEFAULT_CRITERIA.map((spec) => ({...spec}));
}

/** All criterion ids, in display order. */
export const CRITERION_IDS: readonly CriterionId[] = DEFAULT_CRITERIA.map((spec) => spec.id);

/** Minimum data before a criterion is judged while the run is in progress. */
export const CRITERION_MINIMUMS: Readonly<Record<CriterionId, {count: number; of: string}>> = {
	'idle-cpu': {count: 10, of: 'idle samples'},
	'active-cpu-mean': {count: 10, of: 'samples while prompts run'},
	'active-cpu-p99': {count: 20, of: 'samples while prompts run'},
	'rss-peak': {count: 1, of: 'samples'},
	'latency-p95': {count: 2, of: 'completed prompts'},
	'latency-ratio': {count: 50, of: 'inter-token gaps of completed prompts'},
	correctness: {count: 1, of: 'scored prompts'},
	'interactive-delay-p99': {count: 100, of: 'canary wake-ups while prompts run'},
};

/** Where the run is: judging rules differ while running, after a complete run and after an interruption. */
export type RunProgress = 'running' | 'complete' | 'interrupted';

/** A measured value and how much data it rests on. */
export interface Measured {
	value: number | null;
	/** Data points behind `value` (samples, prompts, gaps...). */
	count: number;
}

/** Everything the criteria are judged from (built by the store). */
export interface CriteriaMeasurements {
	progress: RunProgress;
	/** True for llmtop's random-weight models; `null` while unknown. */
	modelSynthetic: boolean | null;
	idleCpuMean: Measured;
	activeCpuMean: Measured;
	activeCpuP99: Measured;
	rssPeak: Measured;
	latencyP95: Measured;
	itlP99OverP50: Measured;
	correctnessMean: Measured;
	/** p99 of canary lateness while prompts run; count = wake-ups. */
	canaryP99: Measured;
	/** Samples seen so far, and how many of them carried canary data. */
	samples: number;
	canarySamples: number;
}

/** Samples without any canary field after which `interactive-delay-p99` is skipped as "no canary data". */
export const CANARY_ABSENT_AFTER_SAMPLES = 3;

/** True when `value op threshold` holds (`<=`/`>=` pass at equality, `<`/`>` fail at it). */
export function satisfies(op: CriterionOp, value: number, threshold: number): boolean {
	switch (op) {
		case '<=':
			return value <= threshold;
		case '<':
			return value < threshold;
		case '>=':
			return value >= threshold;
		case '>':
			return value > threshold;
		default:
			return op satisfies never;
	}
}

/** Judges every spec against the measurements. */
export function evaluateCriteria(specs: readonly CriterionSpec[], measured: CriteriaMeasurements): CriterionResult[] {
	return specs.map((spec) => evaluateCriterion(spec, measured));
}

/** Judges one criterion (see the module comment for the rules). */
export function evaluateCriterion(spec: CriterionSpec, measured: CriteriaMeasurements): CriterionResult {
	const data = measured[MEASURED_BY[spec.id]];
	if (!spec.enabled) return {...spec, value: data.value, status: 'skip', reason: 'disabled'};
	const skipReason = skipReasonOf(spec.id, measured, data);
	if (skipReason) return {...spec, value: data.value, status: 'skip', reason: skipReason};
	const minimum = CRITERION_MINIMUMS[spec.id];
	const finalFail = spec.id === 'rss-peak' && data.value !== null && !satisfies(spec.op, data.value, spec.threshold);
	if (data.value === null || (data.count < minimum.count && measured.progress !== 'complete' && !finalFail)) {
		const when = measured.progress === 'interrupted' ? ' when the run was interrupted' : '';
		const why = `${data.count} of ${minimum.count} ${minimum.of}${when}`;
		return {...spec, value: data.value, status: 'pending', reason: why};
	}
	if (satisfies(spec.op, data.value, spec.threshold)) return {...spec, value: data.value, status: 'pass'};
	const shown = formatCriterionValue(data.value, spec.unit);
	const bound = formatCriterionValue(spec.threshold, spec.unit);
	return {...spec, value: data.value, status: 'fail', reason: `${shown} is not ${spec.op} ${bound}`};
}

/** The verdict over criterion results (see the module comment). */
export function verdictOf(results: readonly Pick<CriterionResult, 'status'>[]): Verdict {
	if (results.some((result) => result.status === 'fail')) return 'fail';
	if (results.some((result) => result.status === 'pending')) return 'pending';
	return 'pass';
}

/** The fields of {@link CriteriaMeasurements} that are {@link Measured}. */
type MeasuredKey = {[K in keyof CriteriaMeasurements]: CriteriaMeasurements[K] extends Measured ? K : never}[keyof CriteriaMeasurements];

/** The measurement each criterion is judged on. */
const MEASURED_BY: Readonly<Record<CriterionId, MeasuredKey>> = {
	'idle-cpu': 'idleCpuMean',
	'active-cpu-mean': 'activeCpuMean',
	'active-cpu-p99': 'activeCpuP99',
	'rss-peak': 'rssPeak',
	'latency-p95': 'latencyP95',
	'latency-ratio': 'itlP99OverP50',
	correctness: 'correctnessMean',
	'interactive-delay-p99': 'canaryP99',
};

const NO_DATA: Readonly<Record<CriterionId, string>> = {
	'idle-cpu': 'no idle samples (the idle phases had no samples)',
	'active-cpu-mean': 'no samples while prompts ran',
	'active-cpu-p99': 'no samples while prompts ran',
	'rss-peak': 'no samples',
	'latency-p95': 'no prompt completed',
	'latency-ratio': 'no inter-token gaps from completed prompts',
	correctness: 'no prompt was scored',
	'interactive-delay-p99': 'no canary data while prompts ran',
};

function skipReasonOf(id: CriterionId, measured: CriteriaMeasurements, data: Measured): string | null {
	if (id === 'correctness' && measured.modelSynthetic === true) {
		return 'synthetic model (random weights): its answers are gibberish, so correctness is not scored';
	}
	if (id === 'interactive-delay-p99' && measured.canarySamples === 0) {
		const known = measured.progress === 'complete' || measured.samples >= CANARY_ABSENT_AFTER_SAMPLES;
		if (known) return 'no canary data (samples carry no canary lateness)';
	}
	if (measured.progress === 'complete' && data.count === 0) return NO_DATA[id];
	if (id === 'latency-ratio' && measured.progress === 'complete' && data.value === null) {
		return 'ITL p50 is 0: the ratio is undefined';
	}
	return null;
}
