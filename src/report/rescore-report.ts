/**
 * `llmtop score`: re-scores a report's saved responses against a (possibly
 * edited) suite and re-judges every criterion and the verdict. Pure.
 *
 * Only correctness changes: each prompt that ended `ok` gets the new score
 * and checks (a prompt the suite has no rubric for gets `score: null` and a
 * reason); `metrics.correctness` is recomputed by `suiteCorrectness` (mean
 * weighted by the suite's prompt weights, over `ok` prompts with a score,
 * and suite prompts that ended `error` scored 0), the store's rule. Every other criterion is judged again from the
 * report's own measured figures, with the report's own criteria specs.
 *
 * Synthetic models: the responses are scored anyway (the user asked), so the
 * per-prompt scores and `metrics.correctness` are filled in; the
 * `correctness` criterion stays `skip` (a random-weight model's answers say
 * nothing about the real model), with a reason that says they were scored,
 * and `rescored.syntheticModel` is true. The verdict is therefore the same
 * as with correctness skipped.
 */
import {evaluateCriteria, verdictOf, type CriteriaMeasurements, type RunProgress} from '../run/criteria.js';
import type {CriterionSpec} from '../run/types.js';
import {rescoreResponses, suiteCorrectness, type RescoredPrompt, type Suite} from '../suite/index.js';
import type {CriterionReport, PromptReport, Report} from './types.js';

/** What `score` did, recorded in the re-scored report. */
export interface RescoreNote {
	/** The suite the responses were scored against. */
	suite: {name: string; path: string};
	/** True when the report's model is synthetic (see the module comment). */
	syntheticModel: boolean;
	/** Prompts that ended `ok` but have no rubric in the suite (left unscored). */
	notInSuite: string[];
}

/** A report after `llmtop score`. */
export type RescoredReport = Report & {rescored: RescoreNote};

/** Re-scores `report` against `suite` (see the module comment). */
export function rescoreReport(report: Report, suite: Suite): RescoredReport {
	const rescored = rescoreResponses(
		report.prompts.map(({id, response, status}) => ({id, response, status})),
		suite,
	);
	const prompts = report.prompts.map((prompt, i) => rescorePrompt(prompt, rescored[i]));
	// A failed prompt of a suite run scores 0 (the store's rule), so a crash never scores better than an answer.
	const zeroed = rescored.map((result, i) =>
		result.inSuite && report.mode === 'run' && report.prompts[i]?.status === 'error' ? {...result, score: 0} : result,
	);
	const {mean, min, count} = suiteCorrectness(zeroed, suite.prompts);
	const correctness = {mean, min, scored: count};
	const synthetic = report.model.synthetic === true;
	const specs: CriterionSpec[] = report.criteria.map(({id, label, op, threshold, unit, enabled}) => ({id, label, op, threshold, unit, enabled}));
	const results = evaluateCriteria(specs, measurementsOf(report, correctness));
	const criteria: CriterionReport[] = results.map((result) => {
		const reason = result.reason ?? null;
		if (result.id === 'correctness' && synthetic && result.status === 'skip' && correctness.mean !== null) {
			return {...result, reason: `${reason}; llmtop score scored the responses anyway (mean ${correctness.mean.toFixed(2)}), not judged`};
		}
		return {...result, reason};
	});
	return {
		...report,
		prompts,
		metrics: {...report.metrics, correctness},
		criteria,
		verdict: verdictOf(criteria, progressOf(report)),
		rescored: {
			suite: {name: suite.name, path: suite.path},
			syntheticModel: synthetic,
			// A soak lists each prompt once per pass: each missing id is named once.
			notInSuite: [...new Set(rescored.filter((result, i) => !result.inSuite && report.prompts[i]?.status === 'ok').map((result) => result.id))],
		},
	};
}

function rescorePrompt(prompt: PromptReport, result: RescoredPrompt | undefined): PromptReport {
	if (!result || prompt.status !== 'ok') return prompt;
	if (result.score === null) return {...prompt, score: null, checks: [], reason: result.reason ?? null};
	return {...prompt, score: result.score, checks: result.checks, reason: null};
}

function progressOf(report: Report): RunProgress {
	if (report.endReason === null) return 'running';
	return report.complete ? 'complete' : 'interrupted';
}

/** The criteria inputs from the report's figures; correctness from the new scores. */
function measurementsOf(report: Report, correctness: Report['metrics']['correctness']): CriteriaMeasurements {
	const m = report.metrics;
	const canary = m.canary?.phases.prompts ?? null;
	const ended = report.prompts.filter((prompt) => prompt.status !== 'not-run' && prompt.status !== 'running');
	const interrupted = progressOf(report) === 'interrupted';
	const failed = ended.filter((prompt) => prompt.status === 'error' || (prompt.status === 'aborted' && report.mode === 'run' && !interrupted));
	const canaryFlag = report.config.canary;
	return {
		progress: progressOf(report),
		mode: report.mode,
		modelSynthetic: report.model.synthetic,
		idleSeconds: report.config.idleSeconds,
		canaryEnabled: typeof canaryFlag === 'boolean' ? canaryFlag : null,
		idleCpuMean: {value: m.cpu.idle.mean, count: m.cpu.idle.samples},
		activeCpuMean: {value: m.cpu.active.mean, count: m.cpu.active.samples},
		activeCpuP99: {value: m.cpu.active.p99, count: m.cpu.active.samples},
		activeCpuMax: {value: m.cpu.active.max, count: m.cpu.active.samples},
		rssPeak: {value: m.rss.peakBytes, count: m.rss.samples ?? (m.rss.peakBytes === null ? 0 : 1)},
		latencyP95: {value: m.latency.p95, count: m.latency.count},
		latencyMax: {value: m.latency.max, count: m.latency.count},
		itlP99OverP50: {value: m.itl.p99OverP50, count: m.itl.count},
		correctnessMean: {value: correctness.mean, count: correctness.scored},
		canaryP99: {value: canary?.p99 ?? null, count: canary?.count ?? 0},
		promptErrors: {value: ended.length === 0 ? null : failed.length, count: ended.length},
		samples: m.cpu.idle.samples + m.cpu.active.samples,
		canarySamples: m.canary === null ? 0 : 1,
		busy: report.busyMachine ?? null,
		allowBusy: report.config.allowBusy === true,
	};
}
