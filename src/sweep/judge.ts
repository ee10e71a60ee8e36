/**
 * What one configuration's report says, in the sweep's terms: its status,
 * the figures it is ranked on, its criteria, and which criteria it could not
 * judge. Pure.
 */
import type {Report} from '../report/types.js';
import type {ConfigCriterion, ConfigFigures, ConfigStatus} from './types.js';

/** A skip by design (the report's `skipClass`; in older reports: a disabled criterion, correctness of a synthetic model), not missing data. */
export function isSkipByDesign(criterion: Pick<ConfigCriterion, 'status' | 'reason' | 'skipClass'>): boolean {
	if (criterion.status !== 'skip') return false;
	if (criterion.skipClass !== undefined) return criterion.skipClass === 'by-design';
	return /^(disabled|synthetic model)/.test(criterion.reason ?? '');
}

/** The sweep status of a run's report: its verdict, or `interrupted` when the run did not complete. */
export function statusOfReport(report: Pick<Report, 'complete' | 'verdict'>): ConfigStatus {
	if (!report.complete) return 'interrupted';
	const verdict: string = report.verdict;
	if (verdict === 'pass') return 'pass';
	if (verdict === 'fail') return 'fail';
	return 'inconclusive';
}

/** The report's criteria as the sweep keeps them. */
export function criteriaOfReport(report: Pick<Report, 'criteria'>): ConfigCriterion[] {
	return report.criteria.map((criterion) => ({
		id: criterion.id,
		label: criterion.label,
		op: criterion.op,
		threshold: criterion.threshold,
		unit: criterion.unit,
		value: criterion.value,
		status: criterion.status,
		...(criterion.skipClass === undefined ? {} : {skipClass: criterion.skipClass}),
		reason: criterion.reason,
	}));
}

/** Criteria neither passed nor failed, other than skips by design: the sweep says it could not judge them, and why. */
export function notJudged(criteria: readonly ConfigCriterion[]): {id: string; reason: string}[] {
	return criteria
		.filter((criterion) => criterion.status !== 'pass' && criterion.status !== 'fail' && !isSkipByDesign(criterion))
		.map((criterion) => ({id: criterion.id, reason: criterion.reason ?? criterion.status}));
}

/** The figures the summary shows and ranks on. */
export function figuresOfReport(report: Pick<Report, 'metrics' | 'decodeCeiling'>): ConfigFigures {
	const m = report.metrics;
	return {
		activeCpuMean: m.cpu.active.mean,
		activeCpuP99: m.cpu.active.p99,
		idleCpuMean: m.cpu.idle.mean,
		rssPeakBytes: m.rss.peakBytes,
		e2eP95Ms: m.latency.p95,
		itlP99OverP50: m.itl.p99OverP50,
		correctness: m.correctness.mean,
		decodeTokensPerSec: m.decodeTokensPerSec.mean,
		decodeCeilingFraction: report.decodeCeiling?.fraction ?? null,
		ceilingTokensPerSec: report.decodeCeiling?.ceilingTokensPerSec ?? null,
	};
}
