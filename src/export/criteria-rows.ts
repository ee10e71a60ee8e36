/**
 * The criteria as every export shows them: value, limit and margin, and
 * how each was judged (a skip by design apart from a skip for lack of data).
 */
import type {CriterionReport, Report} from '../report/types.js';
import {formatCriterionValue} from '../run/format.js';
import type {CriterionOp, CriterionSpec} from '../run/types.js';

/** How a criterion came out: `skip-design` (disabled, or correctness of a synthetic model) does not block a pass; `skip-data` (data the run should have produced) does. */
export type Judged = 'pass' | 'fail' | 'skip-design' | 'skip-data' | 'pending';

/** The verdict as shared: anything but pass or fail is inconclusive. */
export type SharedVerdict = 'pass' | 'fail' | 'inconclusive';

/** One criterion, ready to show. */
export interface CriterionRow {
	id: string;
	label: string;
	unit: CriterionSpec['unit'];
	op: CriterionOp;
	threshold: number;
	value: number | null;
	judged: Judged;
	/** Headroom to the limit in the criterion's unit: positive when within it, negative when over; `null` without a value. */
	margin: number | null;
	valueText: string;
	limitText: string;
	marginText: string;
	reason: string | null;
}

/** Headroom of `value` to `threshold`: `threshold - value` for an upper bound, `value - threshold` for a lower one. */
export function marginOf(op: CriterionOp, value: number | null, threshold: number): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	switch (op) {
		case '<=':
		case '<':
			return threshold - value;
		case '>=':
		case '>':
			return value - threshold;
		default:
			return op satisfies never;
	}
}

/** True when a skip is by design: the report's `skipClass` says so; reports without it: the criterion is disabled, or it is correctness and the model is synthetic. */
export function isSkipByDesign(criterion: Pick<CriterionReport, 'id' | 'reason' | 'enabled' | 'skipClass'>): boolean {
	if (criterion.skipClass !== undefined) return criterion.skipClass === 'by-design';
	if (!criterion.enabled || criterion.reason === 'disabled') return true;
	return criterion.id === 'correctness' && (criterion.reason ?? '').startsWith('synthetic model');
}

/** How one criterion was judged. */
export function judgedOf(criterion: CriterionReport): Judged {
	switch (criterion.status) {
		case 'pass':
		case 'fail':
		case 'pending':
			return criterion.status;
		case 'skip':
			return isSkipByDesign(criterion) ? 'skip-design' : 'skip-data';
		default:
			return criterion.status satisfies never;
	}
}

/** The verdict as shared (the report's `pending` is `inconclusive`). */
export function sharedVerdict(verdict: Report['verdict'] | string): SharedVerdict {
	if (verdict === 'pass') return 'pass';
	if (verdict === 'fail') return 'fail';
	return 'inconclusive';
}

/** A margin in its unit with a sign and a word: `8.0 % to spare`, `120 ms over`. */
export function formatMargin(margin: number | null, unit: CriterionSpec['unit']): string {
	if (margin === null) return '—';
	const size = formatCriterionValue(Math.abs(margin), unit);
	return margin >= 0 ? `${size} to spare` : `${size} over`;
}

/** Every criterion of the report as a row. */
export function criterionRows(report: Pick<Report, 'criteria'>): CriterionRow[] {
	return report.criteria.map((criterion) => {
		const margin = marginOf(criterion.op, criterion.value, criterion.threshold);
		return {
			id: criterion.id,
			label: criterion.label,
			unit: criterion.unit,
			op: criterion.op,
			threshold: criterion.threshold,
			value: criterion.value,
			judged: judgedOf(criterion),
			margin,
			valueText: formatCriterionValue(criterion.value, criterion.unit),
			limitText: `${criterion.op} ${formatCriterionValue(criterion.threshold, criterion.unit)}`,
			marginText: formatMargin(margin, criterion.unit),
			reason: criterion.reason,
		};
	});
}
