/**
 * What a busy machine does to the criteria. A release gate must not pass or
 * fail a model on a noisy measurement: when other processes made the prompts
 * phase busy (`busy-machine.ts`), the criteria that other load moves (CPU
 * while prompts run, latency, ITL ratio, interactive delay) are not judged —
 * `pending` while the run goes on, then `skip` for lack of (reliable) data, so
 * the verdict is at best `inconclusive` — unless a criterion fails by far
 * (beyond {@link BUSY_FAR_FACTOR} times its limit), which no plausible amount
 * of noise explains. `--allow-busy` judges them anyway. Idle CPU, RSS,
 * correctness and prompt errors are what the model itself does whatever else
 * runs, so they are judged as usual.
 */
import type {BusyAssessment} from './busy-machine.js';
import {QUIET_THRESHOLDS} from './quiet.js';
import type {CriterionId, CriterionOp, CriterionResult} from './types.js';

/** The criteria a busy machine makes unreliable. */
export const BUSY_SENSITIVE_CRITERIA: readonly CriterionId[] = ['active-cpu-mean', 'active-cpu-p99', 'latency-p95', 'latency-ratio', 'interactive-delay-p99'];

/** A failure beyond this factor of the limit stands on a busy machine. */
export const BUSY_FAR_FACTOR = 2;

/** True when `value` misses `threshold` by more than {@link BUSY_FAR_FACTOR} (over twice a maximum, under half a minimum). */
export function failsByFar(op: CriterionOp, value: number, threshold: number): boolean {
	switch (op) {
		case '<=':
		case '<':
			return value > threshold * BUSY_FAR_FACTOR;
		case '>=':
		case '>':
			return value < threshold / BUSY_FAR_FACTOR;
		default:
			return op satisfies never;
	}
}

/** The busy-machine state the rule needs. */
export interface BusyContext {
	/** The run's judgement (`null`: not known, or too little sampled). */
	busy: BusyAssessment | null | undefined;
	/** `--allow-busy`: judge as usual. */
	allowBusy: boolean;
	/** The run is still going (`pending` rather than `skip`). */
	running: boolean;
}

/** The reason a criterion is not judged on a busy machine. */
export function busyReason(busy: BusyAssessment): string {
	const mean = busy.figures.othersMeanPct === null ? '' : `, mean ${Math.round(busy.figures.othersMeanPct)} %`;
	return `busy machine (others over ${QUIET_THRESHOLDS.othersCpuPct} % of CPU for ${Math.round(busy.overShare * 100)} % of prompts${mean}): not judged; --allow-busy judges`;
}

/** Applies the busy-machine rule (see the module comment) to one judged criterion. */
export function applyBusyRule(result: CriterionResult, context: BusyContext): CriterionResult {
	const {busy} = context;
	if (!busy?.busy || context.allowBusy || !BUSY_SENSITIVE_CRITERIA.includes(result.id)) return result;
	if (result.status !== 'pass' && result.status !== 'fail') return result;
	if (result.status === 'fail' && result.value !== null && failsByFar(result.op, result.value, result.threshold)) {
		return {...result, reason: `${result.reason ?? 'failed'}; on a busy machine, but beyond ${BUSY_FAR_FACTOR}x the limit`};
	}
	if (context.running) return {...result, status: 'pending', reason: busyReason(busy)};
	return {...result, status: 'skip', skipClass: 'lack-of-data', reason: busyReason(busy)};
}
