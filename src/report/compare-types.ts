/**
 * The comparison `llmtop compare` builds (and prints with `--json`): every
 * report is compared with the first one, the baseline. Arrays indexed "per
 * report" have one entry per compared report, baseline first; `changes[0]`
 * is always `null` (the baseline against itself).
 */
import type {CriterionId, CriterionOp, CriterionSpec, CriterionStatus, Verdict} from '../run/types.js';
import type {ConfigComparison} from './compare-config.js';
import type {Change, CompareUnit, Direction, MetricDef} from './compare-metrics.js';
import type {ReportPromptStatus} from './types.js';

/** Re-exported so the comparison's types come from one module. */
export type {Change, CompareUnit, ConfigComparison, Direction};

/** Schema id of the comparison JSON. */
export const COMPARISON_SCHEMA = 'llmtop/compare@1';

/** What a compared report was. */
export interface ComparedReport {
	/** How the user named it (the file path). */
	name: string;
	model: string;
	quantization: string | null;
	suite: string;
	startedAt: string;
	complete: boolean;
	verdict: Verdict;
}

/** One metric across the reports: its definition (without the reader) and its value and change per report. */
export interface MetricComparison extends Omit<MetricDef, 'read'> {
	values: (number | null)[];
	changes: (Change | null)[];
}

/** One criterion across the reports (matched by id). */
export interface CriterionComparison {
	id: CriterionId;
	label: string;
	unit: CriterionSpec['unit'];
	/** Per report; `null` when the report has no such criterion. */
	ops: (CriterionOp | null)[];
	thresholds: (number | null)[];
	values: (number | null)[];
	statuses: (CriterionStatus | null)[];
	/** Per report: true when the baseline passed it and this report does not (fail, skip or pending). */
	regressed: boolean[];
}

/** A per-prompt figure across the reports. */
export interface PromptFigure {
	values: (number | null)[];
	changes: (Change | null)[];
}

/** One prompt (matched by id) across the reports that ran it. */
export interface PromptComparison {
	id: string;
	/** Per report; `null` when the report has no such prompt. */
	statuses: (ReportPromptStatus | null)[];
	score: PromptFigure;
	/** E2E latency and TTFT: of prompts that ended `ok` only. */
	e2eMs: PromptFigure;
	ttftMs: PromptFigure;
}

/** Prompts that a report and the baseline do not share. */
export interface PromptSetDifference {
	/** Index of the compared report (>= 1). */
	report: number;
	onlyInBaseline: string[];
	onlyInReport: string[];
}

/** Something that got worse beyond the tolerance. */
export interface Regression {
	kind: 'metric' | 'criterion' | 'prompt-score' | 'prompt-status' | 'verdict';
	/** Metric id, criterion id, prompt id, or `verdict`. */
	id: string;
	/** Index of the report that regressed against the baseline (>= 1). */
	report: number;
	message: string;
}

/** The whole comparison. */
export interface Comparison {
	schema: typeof COMPARISON_SCHEMA;
	tolerancePct: number;
	reports: ComparedReport[];
	config: ConfigComparison[];
	metrics: MetricComparison[];
	criteria: CriterionComparison[];
	prompts: PromptComparison[];
	promptSets: PromptSetDifference[];
	suites: {same: boolean; names: string[]};
	/** What could not be compared like for like, in words. */
	notes: string[];
	regressions: Regression[];
	/** What to read first: criteria that flipped and the biggest moves, per compared report. */
	headline: Headline[];
}

/** The headline of one compared report against the baseline. */
export interface Headline {
	/** Index of the compared report (>= 1). */
	report: number;
	/** Criteria whose status changed, e.g. `active-cpu-p99 pass → fail`, regressions first. */
	flipped: string[];
	/** The largest counted changes of run-level metrics, by % of the baseline (at most {@link HEADLINE_MOVES}). */
	moves: string[];
}

/** How many metric moves the headline lists. */
export const HEADLINE_MOVES = 3;
