/**
 * How far a judged criterion is from its threshold, in words a reader takes
 * in at a glance: "3.9x over", "+3.3 points", "0.12 short", "45 % of the
 * limit". Pure; the dashboard, the headless summary and the report text
 * share it.
 */
import type {CriterionResult} from './types.js';

/** The figures a margin needs. */
export type MarginInput = Pick<CriterionResult, 'status' | 'op' | 'threshold' | 'unit' | 'value'>;

/** Below this ratio over an upper limit a failure is said in percent ("+4 % over"), from it as a factor ("1.5x over"). */
const FACTOR_FROM = 1.5;

/**
 * The margin of a passed or failed criterion in words; `null` for a pending
 * or skipped one, or one without a value (its reason says why).
 */
export function criterionMargin(result: MarginInput): string | null {
	const {value, threshold, unit, op, status} = result;
	if ((status !== 'pass' && status !== 'fail') || value === null || !Number.isFinite(value)) return null;
	const upper = op === '<=' || op === '<';
	if (unit === 'count') {
		const gap = Math.abs(value - threshold);
		if (status === 'pass') return value === 0 && upper ? 'none' : gap === 0 ? 'exactly at the limit' : `${gap} to spare`;
		return upper ? `${gap} over` : `${gap} short`;
	}
	if (value === threshold) return status === 'fail' ? 'at the limit (must be below)' : 'exactly at the limit';
	if (unit === '%') {
		const points = Math.abs(value - threshold);
		const over = upper ? value > threshold : value < threshold;
		return over ? `${upper ? '+' : '-'}${points.toFixed(1)} points ${upper ? 'over' : 'under'}` : `${points.toFixed(1)} points to spare`;
	}
	if (unit === 'score') {
		const gap = Math.abs(value - threshold).toFixed(2);
		if (upper) return value > threshold ? `${gap} over` : `${gap} to spare`;
		return value < threshold ? `${gap} short` : `${gap} to spare`;
	}
	if (threshold <= 0) return null;
	const ratio = value / threshold;
	if (upper) {
		if (ratio > 1) return ratio >= FACTOR_FROM ? `${factor(ratio)}x over` : `+${Math.max(1, Math.round((ratio - 1) * 100))} % over`;
		return `${Math.round(ratio * 100)} % of the limit`;
	}
	if (ratio < 1) return `${Math.round(ratio * 100)} % of the minimum`;
	return `${factor(ratio)}x the minimum`;
}

function factor(ratio: number): string {
	return ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1);
}
