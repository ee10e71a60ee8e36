/**
 * The headline `compare` opens with, per compared report: the criteria whose
 * status changed (those that stopped passing first) and the biggest counted
 * moves of run-level metrics (context figures left out), largest % of the baseline first (a move from a
 * baseline of 0 has no % and is listed first).
 */
import {describeChange} from './compare-format.js';
import {HEADLINE_MOVES, type CriterionComparison, type Headline, type MetricComparison} from './compare-types.js';

/** The headline of report `i` (>= 1) against the baseline. */
export function headlineOf(i: number, criteria: readonly CriterionComparison[], metrics: readonly MetricComparison[]): Headline {
	const changed = criteria.filter((criterion) => {
		const from = criterion.statuses[0] ?? null;
		const to = criterion.statuses[i] ?? null;
		return from !== null && to !== null && from !== to;
	});
	const ordered = [...changed.filter((criterion) => criterion.regressed[i]), ...changed.filter((criterion) => !criterion.regressed[i])];
	const flipped = ordered.map((criterion) => `${criterion.id} ${criterion.statuses[0] ?? ''} → ${criterion.statuses[i] ?? ''}`);
	const moved = metrics
		.map((metric) => ({metric, change: metric.changes[i] ?? null}))
		.filter(({metric, change}) => !metric.context && change !== null && change.judgement !== 'same')
		.sort((a, b) => size(b.change?.pct ?? null) - size(a.change?.pct ?? null));
	const moves = moved.slice(0, HEADLINE_MOVES).map(({metric, change}) => {
		const mark = change?.judgement === 'worse' ? 'worse' : 'better';
		return `${metric.label} ${describeChange(metric.values[0] ?? null, metric.values[i] ?? null, change!, metric.unit)} ${mark}`;
	});
	return {report: i, flipped, moves};
}

function size(pct: number | null): number {
	return pct === null ? Number.POSITIVE_INFINITY : Math.abs(pct);
}
