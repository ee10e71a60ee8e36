/**
 * The acceptance criteria: defaults, judging a measured value against a
 * threshold, the pending / pass / fail / skip rules and the verdict.
 *
 * Minimum data ({@link CRITERION_MINIMUMS}): a criterion is judged only on at
 * least its minimum. Below it, it is `pending` while the run is in progress
 * (and after an interruption, with that said), and `skip` with
 * {@link SkipClass} `lack-of-data` once a complete run ended without it.
 * `rss-peak` and `prompt-errors` fail at once, whatever the amount of data:
 * more data cannot undo an over-limit peak or an error.
 *
 * A percentile over too few values to tell it from the maximum (p99 under 100
 * values, p95 under 20) is reported and judged as the maximum, and says so
 * (`measure: 'max'`): with fewer than 1/(1 - q) values the top (1 - q) share
 * is less than one value, so the nearest-rank percentile is the maximum.
 *
 * Skips by design (`disabled` in the criteria file; correctness of a
 * synthetic model or of tryouts, which have no rubric; interactive delay
 * with `--no-canary`) never block a pass.
 *
 * On a busy machine the criteria that other load moves are not judged
 * unless they fail by far (`busy-criteria.ts`).
 *
 * Verdict ({@link verdictOf}): `fail` if any criterion fails; else, if any
 * criterion is pending or was skipped for lack of data, `pending` while the
 * run is in progress and `inconclusive` once it ended; else `pass`.
 */
import {applyBusyRule} from './busy-criteria.js';
import type {BusyAssessment} from './busy-machine.js';
import {formatCriterionValue} from './format.js';
import {CRITERION_MINIMUMS, QUANTILE_AS_MAX} from './criteria-minimums.js';
import type {CriterionId, CriterionOp, CriterionResult, CriterionSpec, SkipClass, Verdict} from './types.js';

export {CRITERION_MINIMUMS, noIdleWindowWarning, QUANTILE_AS_MAX, type CriterionMinimum} from './criteria-minimums.js';

/** The nine criteria with their default thresholds, in display order. */
export const DEFAULT_CRITERIA: readonly Readonly<CriterionSpec>[] = Object.freeze([
	{id: 'idle-cpu', label: 'idle CPU mean', op: '<=', threshold: 2, unit: '%', enabled: true},
	{id: 'active-cpu-mean', label: 'active CPU mean', op: '<=', threshold: 35, unit: '%', enabled: true},
	{id: 'active-cpu-p99', label: 'active CPU p99', op: '<=', threshold: 50, unit: '%', enabled: true},
	{id: 'rss-peak', label: 'RSS peak', op: '<=', threshold: 6 * 1024 ** 3, unit: 'bytes', enabled: true},
	{id: 'latency-p95', label: 'E2E latency p95', op: '<=', threshold: 2500, unit: 'ms', enabled: true},
	{id: 'latency-ratio', label: 'ITL p99/p50', op: '<', threshold: 2.0, unit: 'ratio', enabled: true},
	{id: 'correctness', label: 'correctness mean', op: '>=', threshold: 0.8, unit: 'score', enabled: true},
	{id: 'interactive-delay-p99', label: 'interactive delay p99', op: '<=', threshold: 10, unit: 'ms', enabled: true},
	{id: 'prompt-errors', label: 'prompts failed', op: '<=', threshold: 0, unit: 'count', enabled: true},
] satisfies CriterionSpec[]);

/** Fresh, mutable copies of {@link DEFAULT_CRITERIA}. */
export function defaultCriteria(): CriterionSpec[] {
	return DEFAULT_CRITERIA.map((spec) => ({...spec}));
}

/** All criterion ids, in display order. */
export const CRITERION_IDS: readonly CriterionId[] = DEFAULT_CRITERIA.map((spec) => spec.id);

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
	/** `run` (a suite) or `try` (tryouts, no rubric). @default 'run' */
	mode?: 'run' | 'try';
	/** True for llmtop's random-weight models; `null` while unknown. */
	modelSynthetic: boolean | null;
	/** `config.idleSeconds` (0 = no idle window), `null` when unknown. */
	idleSeconds?: number | null;
	/** False when the canary was turned off (`--no-canary`). */
	canaryEnabled?: boolean | null;
	idleCpuMean: Measured;
	activeCpuMean: Measured;
	activeCpuP99: Measured;
	/** Largest active sample: what `active-cpu-p99` is judged on under 100 samples. */
	activeCpuMax?: Measured;
	rssPeak: Measured;
	latencyP95: Measured;
	/** Slowest prompt: what `latency-p95` is judged on under 20 prompts. */
	latencyMax?: Measured;
	itlP99OverP50: Measured;
	correctnessMean: Measured;
	/** p99 of canary lateness while prompts run; count = wake-ups. */
	canaryP99: Measured;
	/** Prompts that failed; count = prompts that ended. */
	promptErrors?: Measured;
	/** An endpoint without a server PID (`--endpoint` alone): the cost criteria cannot be judged. */
	costNotMeasured?: boolean;
	/** Whether other processes made the prompts phase busy (`busy-machine.ts`); absent or `null`: not known. */
	busy?: BusyAssessment | null;
	/** `--allow-busy`: judge the criteria a busy machine moves anyway. */
	allowBusy?: boolean;
	/** Samples seen so far, and how many of them carried canary data. */
	samples: number;
	canarySamples: number;
}

/** Samples without any canary field after which a running `interactive-delay-p99` says "no canary data". */
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

/** Judges one criterion (see the module comment for the rules, and `busy-criteria.ts` for a busy machine). */
export function evaluateCriterion(spec: CriterionSpec, measured: CriteriaMeasurements): CriterionResult {
	return applyBusyRule(judgeCriterion(spec, measured), {busy: measured.busy, allowBusy: measured.allowBusy === true, running: measured.progress === 'running'});
}

function judgeCriterion(spec: CriterionSpec, measured: CriteriaMeasurements): CriterionResult {
	const data = measuredFor(spec.id, measured);
	const skip = (skipClass: SkipClass, reason: string): CriterionResult => ({...spec, value: data.value, n: data.count, status: 'skip', skipClass, reason});
	if (!spec.enabled) return skip('by-design', 'disabled');
	const design = byDesignSkip(spec.id, measured);
	if (design) return skip('by-design', design);
	const {value, measure, note} = figureOf(spec.id, data, measured);
	const label = measure === 'max' ? spec.label.replace(/\bp\d\d\b/, 'max') : spec.label;
	const base = {...spec, label, value, n: data.count, ...(measure ? {measure} : {})};
	const minimum = CRITERION_MINIMUMS[spec.id];
	const failsAtOnce = minimum.failsAtOnce && value !== null && !satisfies(spec.op, value, spec.threshold);
	if (!failsAtOnce && (value === null || data.count < minimum.count)) {
		const why = lackOfData(spec.id, data, measured);
		if (measured.progress === 'complete') return {...base, status: 'skip', skipClass: 'lack-of-data', reason: why};
		const when = measured.progress === 'interrupted' ? ' when the run was interrupted' : '';
		return {...base, status: 'pending', reason: `${why}${when}`};
	}
	const judged = value as number;
	if (satisfies(spec.op, judged, spec.threshold)) return {...base, status: 'pass', ...(note ? {reason: note} : {})};
	const shown = formatCriterionValue(judged, spec.unit);
	const bound = formatCriterionValue(spec.threshold, spec.unit);
	return {...base, status: 'fail', reason: `${note ? `${note}: ` : ''}${shown} is not ${spec.op} ${bound}`};
}

/**
 * The verdict over criterion results (see the module comment). `progress`
 * tells `pending` (still running) from `inconclusive` (ended); results
 * without a `skipClass` (older reports) count as skips by design.
 */
export function verdictOf(results: readonly Pick<CriterionResult, 'status' | 'skipClass'>[], progress: RunProgress = 'complete'): Verdict {
	if (results.some((result) => result.status === 'fail')) return 'fail';
	const lacking = results.some((result) => result.status === 'pending' || (result.status === 'skip' && result.skipClass === 'lack-of-data'));
	if (lacking) return progress === 'running' ? 'pending' : 'inconclusive';
	return 'pass';
}

const NOTHING: Measured = {value: null, count: 0};

function measuredFor(id: CriterionId, m: CriteriaMeasurements): Measured {
	switch (id) {
		case 'idle-cpu':
			return m.idleCpuMean;
		case 'active-cpu-mean':
			return m.activeCpuMean;
		case 'active-cpu-p99':
			return m.activeCpuP99;
		case 'rss-peak':
			return m.rssPeak;
		case 'latency-p95':
			return m.latencyP95;
		case 'latency-ratio':
			return m.itlP99OverP50;
		case 'correctness':
			return m.correctnessMean;
		case 'interactive-delay-p99':
			return m.canaryP99;
		case 'prompt-errors':
			return m.promptErrors ?? NOTHING;
		default:
			return id satisfies never;
	}
}

/** The value judged: the percentile, or the maximum when there are too few values for it. */
function figureOf(id: CriterionId, data: Measured, m: CriteriaMeasurements): {value: number | null; measure?: string; note?: string} {
	const asMax = QUANTILE_AS_MAX[id];
	if (!asMax) return {value: data.value};
	if (data.count >= asMax.from) return {value: data.value, measure: asMax.name};
	const max = (id === 'active-cpu-p99' ? m.activeCpuMax : m.latencyMax) ?? NOTHING;
	const note = `max of ${data.count} ${asMax.of} (${asMax.name} needs >= ${asMax.from})`;
	return {value: max.value, measure: 'max', note};
}

function byDesignSkip(id: CriterionId, m: CriteriaMeasurements): string | null {
	if (id === 'correctness' && m.modelSynthetic === true) {
		return 'synthetic model (random weights): its answers are gibberish, so correctness is not scored';
	}
	if (id === 'correctness' && m.mode === 'try') return 'tryouts have no rubric, so correctness is not scored';
	if (id === 'interactive-delay-p99' && m.canaryEnabled === false) return 'the canary was turned off (--no-canary)';
	return null;
}

const NO_DATA: Readonly<Record<CriterionId, string>> = {
	'idle-cpu': 'no idle samples',
	'active-cpu-mean': 'no samples while prompts ran',
	'active-cpu-p99': 'no samples while prompts ran',
	'rss-peak': 'no samples',
	'latency-p95': 'no prompt completed',
	'latency-ratio': 'no inter-token gaps from completed prompts',
	correctness: 'no prompt was scored',
	'interactive-delay-p99': 'no canary wake-ups while prompts ran',
	'prompt-errors': 'no prompt ran',
};

/** The criteria that measure what running the model costs the machine: they need the server's process (`--pid`). */
export const COST_CRITERIA: readonly CriterionId[] = ['idle-cpu', 'active-cpu-mean', 'active-cpu-p99', 'rss-peak', 'interactive-delay-p99'];

/** Why a cost criterion lacks data on an endpoint without a PID (a skip for lack of data: the verdict is at best inconclusive). */
export const NO_SERVER_PID = 'no server PID: cost not measured (give --pid, or --launch the server)';

function lackOfData(id: CriterionId, data: Measured, m: CriteriaMeasurements): string {
	if (m.costNotMeasured && COST_CRITERIA.includes(id)) return NO_SERVER_PID;
	if (id === 'idle-cpu' && m.idleSeconds === 0) return 'no idle window (--idle 0): idle CPU was not measured';
	if (id === 'interactive-delay-p99' && m.canarySamples === 0 && (m.progress !== 'running' || m.samples >= CANARY_ABSENT_AFTER_SAMPLES)) {
		return 'no canary data (samples carry no canary lateness)';
	}
	if (id === 'latency-ratio' && data.value === null && data.count > 0 && data.count >= CRITERION_MINIMUMS[id].count) {
		return 'ITL p50 is 0: the ratio is undefined';
	}
	const minimum = CRITERION_MINIMUMS[id];
	if (data.count === 0) return `${NO_DATA[id]} (needs ${minimum.count} ${minimum.of})`;
	return `${data.count} of ${minimum.count} ${minimum.of}`;
}
