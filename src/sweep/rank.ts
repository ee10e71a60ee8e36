/**
 * Ranking a sweep: the Pareto front over E2E p95, active CPU mean and
 * correctness; the recommendation (the cheapest configuration that passes
 * every criterion, else the closest one and by how much it misses); the exit
 * code. Pure functions over {@link ConfigResult}s.
 */
import type {ConfigResult, CriterionMiss, Recommendation} from './types.js';

/** One configuration's place on the three Pareto axes (`null` = unknown). */
interface ParetoPoint {
	id: string;
	e2eP95Ms: number;
	activeCpuMean: number;
	correctness: number | null;
}

/**
 * Ids of the configurations no other one dominates: nothing else is at least
 * as good on every axis (lower E2E p95, lower active CPU mean, higher
 * correctness) and better on one. Correctness counts only when both have it
 * (a synthetic model has none). Configurations without both latency and CPU
 * figures are left out. Ties keep both.
 */
export function paretoFront(results: readonly ConfigResult[]): string[] {
	const points: ParetoPoint[] = [];
	for (const result of results) {
		const f = result.figures;
		if (!f || f.e2eP95Ms === null || f.activeCpuMean === null || !isRanked(result)) continue;
		points.push({id: result.id, e2eP95Ms: f.e2eP95Ms, activeCpuMean: f.activeCpuMean, correctness: f.correctness});
	}
	return points.filter((point) => !points.some((other) => other !== point && dominates(other, point))).map((point) => point.id);
}

/** True when `a` is at least as good as `b` on every axis both have and better on one. */
export function dominates(a: Omit<ParetoPoint, 'id'>, b: Omit<ParetoPoint, 'id'>): boolean {
	const pairs: [number, number][] = [
		[b.e2eP95Ms, a.e2eP95Ms],
		[b.activeCpuMean, a.activeCpuMean],
	];
	if (a.correctness !== null && b.correctness !== null) pairs.push([a.correctness, b.correctness]);
	return pairs.every(([worse, better]) => better <= worse) && pairs.some(([worse, better]) => better < worse);
}

/** Whether a configuration has a report to rank (it ran to the end: pass, fail or inconclusive). */
function isRanked(result: ConfigResult): boolean {
	return result.status === 'pass' || result.status === 'fail' || result.status === 'inconclusive';
}

/** Cheapest first: lowest active CPU mean, then peak RSS, then E2E p95 (unknown last), then id. */
export function byCost(a: ConfigResult, b: ConfigResult): number {
	const keys = (r: ConfigResult): (number | null)[] => [r.figures?.activeCpuMean ?? null, r.figures?.rssPeakBytes ?? null, r.figures?.e2eP95Ms ?? null];
	const ka = keys(a);
	const kb = keys(b);
	for (let i = 0; i < ka.length; i++) {
		const order = compareNullable(ka[i] ?? null, kb[i] ?? null);
		if (order !== 0) return order;
	}
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareNullable(a: number | null, b: number | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a - b;
}

/** By how much each failing criterion of a configuration misses its bound. */
export function missesOf(result: ConfigResult): CriterionMiss[] {
	return result.criteria
		.filter((criterion) => criterion.status === 'fail' && criterion.value !== null)
		.map((criterion) => {
			const value = criterion.value as number;
			const by = Math.abs(value - criterion.threshold);
			return {
				id: criterion.id,
				label: criterion.label,
				unit: criterion.unit,
				op: criterion.op,
				value,
				threshold: criterion.threshold,
				by,
				relative: criterion.threshold === 0 ? null : by / Math.abs(criterion.threshold),
			};
		});
}

/** Sum of relative misses (a miss against a zero bound counts 1). */
function totalMiss(misses: readonly CriterionMiss[]): number {
	return misses.reduce((sum, miss) => sum + (miss.relative ?? 1), 0);
}

/**
 * The recommendation: among configurations that pass, the cheapest
 * ({@link byCost}); if none passes, the closest one with a report — fewest
 * failing criteria, then the smallest sum of relative misses, then the
 * cheapest — with its misses and the criteria it could not judge.
 */
export function recommend(results: readonly ConfigResult[]): Recommendation {
	const passing = results.filter((result) => result.status === 'pass').sort(byCost);
	const best = passing[0];
	if (best) {
		const others = passing.length - 1;
		return {
			kind: 'pass',
			id: best.id,
			why: `passes every criterion with the lowest cost (active CPU mean, then peak RSS, then E2E p95)${others > 0 ? ` of the ${passing.length} that pass` : ''}`,
		};
	}
	const candidates = results.filter(isRanked).map((result) => ({result, misses: missesOf(result)}));
	candidates.sort((a, b) => a.misses.length - b.misses.length || totalMiss(a.misses) - totalMiss(b.misses) || byCost(a.result, b.result));
	const closest = candidates[0];
	if (!closest) return {kind: 'none', why: results.length === 0 ? 'the sweep ran no configuration' : 'no configuration ran to the end'};
	const why =
		closest.misses.length > 0
			? `no configuration passes; this one misses the fewest criteria by the least`
			: `no configuration passes; this one fails none but could not be judged on every criterion`;
	return {kind: 'closest', id: closest.result.id, why, misses: closest.misses, notJudged: closest.result.notJudged};
}

/** The sweep's exit code: 0 a configuration passes, 1 none does (one failed or could not run), 3 none could be judged. */
export function sweepExitCode(results: readonly ConfigResult[]): 0 | 1 | 3 {
	if (results.some((result) => result.status === 'pass')) return 0;
	if (results.some((result) => result.status === 'fail' || result.status === 'failed')) return 1;
	return 3;
}
