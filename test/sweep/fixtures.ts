import type {ConfigCriterion, ConfigFigures, ConfigResult, ConfigStatus} from '../../src/sweep/types.js';

/** Figures with everything unknown but what is given. */
export function figures(values: Partial<ConfigFigures> = {}): ConfigFigures {
	return {
		activeCpuMean: null,
		activeCpuP99: null,
		idleCpuMean: null,
		rssPeakBytes: null,
		e2eP95Ms: null,
		itlP99OverP50: null,
		correctness: null,
		decodeTokensPerSec: null,
		decodeCeilingFraction: null,
		ceilingTokensPerSec: null,
		...values,
	};
}

/** A criterion of a hand-made result. */
export function criterion(
	id: ConfigCriterion['id'],
	status: ConfigCriterion['status'],
	value: number | null,
	threshold: number,
	op: ConfigCriterion['op'] = '<=',
	unit: ConfigCriterion['unit'] = '%',
	reason: string | null = null,
): ConfigCriterion {
	return {id, label: id, op, threshold, unit, value, status, reason};
}

/** A hand-made configuration result. */
export function result(id: string, status: ConfigStatus, values: Partial<ConfigFigures> = {}, criteria: ConfigCriterion[] = []): ConfigResult {
	return {
		id,
		label: id,
		config: {model: `synthetic:tiny:${id}`},
		status,
		reused: false,
		report: `${id}.report.json`,
		events: `${id}.events.jsonl`,
		exitCode: null,
		error: null,
		durationMs: null,
		quiet: null,
		figures: status === 'failed' || status === 'not-run' ? null : figures(values),
		criteria,
		notJudged: criteria.filter((c) => c.status === 'pending' || c.status === 'inconclusive').map((c) => ({id: c.id, reason: c.reason ?? c.status})),
	};
}
