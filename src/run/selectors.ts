/**
 * Selectors: pure functions from the store to the data that more than one
 * reader shares (the dashboard, the headless printer, the report). The
 * dashboard's own selectors live in `src/ui`. Each returns fresh plain
 * objects; callers that render often should memoise on `store.version`.
 */
import {assessBusy, type BusyAssessment} from './busy-machine.js';
import {evaluateCriteria, verdictOf, type CriteriaMeasurements, type RunProgress} from './criteria.js';
import {aggregateTrackedPrompts} from './prompt-aggregates.js';
import {itlFiguresOf, promptFigures, type PromptRecord} from './prompt-record.js';
import {perPhase, type PhaseSpan, type RunPhase} from './phase-clock.js';
import {ratio} from './stats.js';
import type {RunStore} from './store.js';
import type {CriterionResult} from './types.js';
import type {CriteriaView, PromptRow} from './view-types.js';
import type {TargetInfo} from './types.js';

/** `running` until `run-end`; then `complete` or `interrupted` as it says. */
export function runProgress(store: RunStore): RunProgress {
	const end = store.runEnd;
	if (!end) return 'running';
	return end.complete ? 'complete' : 'interrupted';
}

/** What the criteria are judged from, measured from the store. */
export function measureCriteria(store: RunStore): CriteriaMeasurements {
	const samples = store.samples;
	const progress = runProgress(store);
	const mode = store.runStart?.mode ?? 'run';
	const prompts = aggregateTrackedPrompts(store.prompts, {mode, interrupted: progress === 'interrupted'});
	const gaps = store.prompts.okGaps;
	const canary = samples.canary.prompts;
	const active = samples.cpu.active;
	const config = store.runStart?.config;
	const canaryFlag = config?.canary;
	return {
		progress,
		mode,
		modelSynthetic: store.model?.synthetic ?? null,
		idleSeconds: config?.idleSeconds ?? null,
		canaryEnabled: typeof canaryFlag === 'boolean' ? canaryFlag : null,
		idleCpuMean: {value: samples.cpu.idle.mean, count: samples.cpu.idle.count},
		activeCpuMean: {value: active.mean, count: active.count},
		activeCpuP99: {value: active.quantile(0.99), count: active.count},
		activeCpuMax: {value: active.max, count: active.count},
		rssPeak: {value: samples.peakRssBytes, count: samples.rss.count},
		latencyP95: {value: prompts.latency.p95, count: prompts.latency.count},
		latencyMax: {value: prompts.latency.max, count: prompts.latency.count},
		itlP99OverP50: {value: ratio(gaps.quantile(0.99), gaps.quantile(0.5)), count: gaps.count},
		correctnessMean: {value: prompts.correctness.mean, count: prompts.correctness.scored},
		canaryP99: {value: canary.quantile(0.99), count: canary.count},
		promptErrors: {value: prompts.promptErrors.ended === 0 ? null : prompts.promptErrors.count, count: prompts.promptErrors.ended},
		samples: samples.samples,
		canarySamples: samples.canarySamples,
		costNotMeasured: costNotMeasured(store.target),
		busy: selectBusyMachine(store).run,
		allowBusy: config?.allowBusy === true,
	};
}

/** The busy-machine judgement of the run (over the prompts phase) and of the last seconds (the live line). */
export interface BusyMachineView {
	run: BusyAssessment | null;
	recent: BusyAssessment | null;
}

/**
 * Whether other processes made the figures unreliable (`busy-machine.ts`).
 * Both `null` on an endpoint without a server PID: the server's own CPU is
 * then part of "the rest of the machine", so other load cannot be told apart.
 */
export function selectBusyMachine(store: RunStore): BusyMachineView {
	if (costNotMeasured(store.target)) return {run: null, recent: null};
	return {run: assessBusy(store.othersCpu.prompts()), recent: selectBusyNow(store)};
}

/** The live judgement alone (the last few seconds), for a caller that asks at every sample. */
export function selectBusyNow(store: RunStore): BusyAssessment | null {
	return costNotMeasured(store.target) ? null : assessBusy(store.othersCpu.recent());
}

/** Criteria results and the verdict, judged from the data so far. */
export function selectCriteria(store: RunStore): CriteriaView {
	const measured = measureCriteria(store);
	const results = withGamedCeiling(evaluateCriteria([...store.criteria], measured), store.runStart?.suite.gamedCeiling);
	return {progress: measured.progress, results, verdict: verdictOf(results, measured.progress)};
}

/** The correctness criterion, when judged, says the suite's gamed ceiling beside its value (dashboard, headless, report). */
function withGamedCeiling(results: CriterionResult[], gamedCeiling: number | undefined): CriterionResult[] {
	if (gamedCeiling === undefined) return results;
	const note = `gamed ceiling ${gamedCeiling.toFixed(2)}`;
	return results.map((result) =>
		result.id === 'correctness' && result.status !== 'skip' ? {...result, reason: result.reason ? `${result.reason}; ${note}` : note} : result,
	);
}

/** Rows of prompts that ended: a record never changes once ended, so its row is made once (a soak has thousands). */
const endedRows = new WeakMap<PromptRecord, PromptRow>();

/**
 * One row per prompt: suite prompts (pending until started), then prompts
 * not in the suite (and a soak's later passes), in start order. Rows of
 * ended prompts are shared between calls: read them, do not change them.
 */
export function selectPromptRows(store: RunStore): PromptRow[] {
	return store.prompts.records.map((record) => {
		if (record.state === 'pending' || record.state === 'running') return promptRow(record);
		let row = endedRows.get(record);
		if (!row) {
			row = promptRow(record);
			endedRows.set(record, row);
		}
		return row;
	});
}

/** The row of one prompt (its latest run), or `null`. */
export function selectPrompt(store: RunStore, id: string): PromptRow | null {
	const record = store.prompts.get(id);
	return record ? promptRow(record) : null;
}

/** Span of each measured phase (`null` for phases that never started). */
export function selectPhases(store: RunStore): Record<RunPhase, PhaseSpan | null> {
	return perPhase((phase) => store.clock.span(phase, store.now));
}

function promptRow(record: PromptRecord): PromptRow {
	return {
		id: record.id,
		index: record.index,
		pass: record.pass,
		state: record.state,
		tags: record.tags,
		prompt: record.prompt,
		promptTokens: record.promptTokens,
		outputTokens: record.outputTokens ?? record.tokens,
		...promptFigures(record),
		cold: record.cold,
		itl: itlFiguresOf(record),
		score: record.score,
		checks: record.checks,
		failedChecks: record.checks.filter((check) => !check.passed),
		response: record.text,
		reason: record.reason,
		startMs: record.startT,
		endMs: record.endT,
	};
}

/** An endpoint whose server process is not known: its CPU and memory are not measured. */
function costNotMeasured(target: TargetInfo): boolean {
	return target.kind === 'endpoint' && target.pid === undefined && target.launched !== true;
}
