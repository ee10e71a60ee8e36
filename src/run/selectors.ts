/**
 * Selectors: pure functions from the store to the view data of the dashboard
 * and the headless printer. Each returns fresh plain objects; callers that
 * render often should memoise on `store.version`.
 */
import type {ChartId} from './charts.js';
import {evaluateCriteria, verdictOf, type CriteriaMeasurements, type RunProgress} from './criteria.js';
import {aggregatePrompts} from './prompt-aggregates.js';
import {itlFiguresOf, promptFigures, type PromptRecord} from './prompt-record.js';
import {perPhase, type PhaseSpan, type RunPhase} from './phase-clock.js';
import {ratio} from './stats.js';
import type {RunStore} from './store.js';
import type {CriterionId, SpikeMetric} from './types.js';
import type {ChartView, CriteriaView, HeaderView, PromptRow, SpikesView, StreamingView, WarningsView} from './view-types.js';

/** `running` until `run-end`; then `complete` or `interrupted` as it says. */
export function runProgress(store: RunStore): RunProgress {
	const end = store.runEnd;
	if (!end) return 'running';
	return end.complete ? 'complete' : 'interrupted';
}

/** Header facts: model, configuration, phase, prompt k/N, elapsed, CPU and observer CPU. */
export function selectHeader(store: RunStore): HeaderView {
	const start = store.runStart;
	const model = store.model;
	const config = start?.config;
	const sample = store.lastSample;
	const running = store.prompts.running;
	return {
		mode: start?.mode ?? null,
		model: {
			ref: model?.ref ?? null,
			name: model?.name ?? null,
			architecture: model?.architecture ?? null,
			quantization: model?.quantization ?? null,
			sizeBytes: model?.sizeBytes ?? null,
			synthetic: model?.synthetic ?? null,
		},
		config: config
			? {threads: config.threads, contextSize: config.contextSize, batchSize: config.batchSize, gpuLayers: config.gpuLayers}
			: null,
		logicalCores: start?.host.logicalCores ?? null,
		phase: store.clock.current,
		paused: store.clock.paused,
		progress: runProgress(store),
		prompt: {k: store.prompts.started, n: store.prompts.planned, runningId: running?.id ?? null},
		elapsedMs: store.now,
		pausedMs: store.clock.pausedMs(store.now),
		loadMs: store.loaded?.loadMs ?? null,
		cpu: {currentPct: sample?.cpuPct ?? null, currentCores: sample?.cores ?? null},
		observerCpu: {
			currentPct: typeof sample?.observerCpuPct === 'number' ? sample.observerCpuPct : null,
			meanPct: store.samples.observerCpuAll.mean,
		},
	};
}

const CHART_META: Readonly<Record<ChartId, {label: string; unit: ChartView['unit']; criterion: CriterionId | null; spikes: SpikeMetric | null}>> = {
	cpu: {label: 'process CPU', unit: '%', criterion: 'active-cpu-p99', spikes: 'cpu'},
	systemCpu: {label: 'system CPU', unit: '%', criterion: null, spikes: null},
	rss: {label: 'RSS', unit: 'bytes', criterion: 'rss-peak', spikes: null},
	itl: {label: 'inter-token latency', unit: 'ms', criterion: null, spikes: 'itl'},
	tokensPerSec: {label: 'decode tokens/s', unit: 'tok/s', criterion: null, spikes: null},
	canary: {label: 'interactive delay (canary lateness)', unit: 'ms', criterion: 'interactive-delay-p99', spikes: null},
};

/** Options of {@link selectChart}. */
export interface ChartWindow {
	/**
	 * Only points newer than `store.now - windowMs` (all retained points by default).
	 * @default Infinity
	 */
	windowMs?: number;
}

/** One chart: points in the window, current value, run-long p50 / p99 / max, threshold and spikes. */
export function selectChart(store: RunStore, id: ChartId, window: ChartWindow = {}): ChartView {
	const chart = store.charts[id];
	const meta = CHART_META[id];
	const sinceT = store.now - (window.windowMs ?? Number.POSITIVE_INFINITY);
	const {t, v} = chart.series.points(sinceT);
	const spec = meta.criterion ? store.criteria.find((candidate) => candidate.id === meta.criterion && candidate.enabled) : undefined;
	const metric = meta.spikes;
	const spikes = metric ? store.spikes.toArray().filter((spike) => spike.metric === metric && spike.t >= sinceT) : [];
	return {
		id,
		label: meta.label,
		unit: meta.unit,
		t,
		v,
		current: chart.stats.last,
		p50: chart.stats.quantile(0.5),
		p99: chart.stats.quantile(0.99),
		max: chart.stats.max,
		threshold: spec?.threshold ?? null,
		criterionId: spec?.id ?? null,
		spikes,
	};
}

/** Spike counter and the latest `latest` spikes, newest first. */
export function selectSpikes(store: RunStore, latest = 10): SpikesView {
	return {count: store.spikes.total, byMetric: {...store.spikeCounts}, latest: store.spikes.latest(latest)};
}

/** What the criteria are judged from, measured from the store. */
export function measureCriteria(store: RunStore): CriteriaMeasurements {
	const samples = store.samples;
	const prompts = aggregatePrompts(store.prompts.records);
	const gaps = store.prompts.okGaps;
	const canary = samples.canary.prompts;
	return {
		progress: runProgress(store),
		modelSynthetic: store.model?.synthetic ?? null,
		idleCpuMean: {value: samples.cpu.idle.mean, count: samples.cpu.idle.count},
		activeCpuMean: {value: samples.cpu.active.mean, count: samples.cpu.active.count},
		activeCpuP99: {value: samples.cpu.active.quantile(0.99), count: samples.cpu.active.count},
		rssPeak: {value: samples.peakRssBytes, count: samples.rss.count},
		latencyP95: {value: prompts.latency.p95, count: prompts.latency.count},
		itlP99OverP50: {value: ratio(gaps.quantile(0.99), gaps.quantile(0.5)), count: gaps.count},
		correctnessMean: {value: prompts.correctness.mean, count: prompts.correctness.scored},
		canaryP99: {value: canary.quantile(0.99), count: canary.count},
		samples: samples.samples,
		canarySamples: samples.canarySamples,
	};
}

/** Criteria results and the verdict, judged from the data so far. */
export function selectCriteria(store: RunStore): CriteriaView {
	const measured = measureCriteria(store);
	const results = evaluateCriteria([...store.criteria], measured);
	return {progress: measured.progress, results, verdict: verdictOf(results)};
}

/** One row per prompt: suite prompts (pending until started), then prompts not in the suite, in start order. */
export function selectPromptRows(store: RunStore): PromptRow[] {
	return store.prompts.records.map(promptRow);
}

/** The row of one prompt (its latest run), or `null`. */
export function selectPrompt(store: RunStore, id: string): PromptRow | null {
	const record = store.prompts.get(id);
	return record ? promptRow(record) : null;
}

/** The running prompt's streamed text, or `null` when no prompt runs. */
export function selectStreaming(store: RunStore): StreamingView | null {
	const running = store.prompts.running;
	return running ? {promptId: running.id, index: running.index, text: running.text, tokens: running.tokens} : null;
}

/** Warnings so far. */
export function selectWarnings(store: RunStore): WarningsView {
	return {count: store.warnings.total, items: store.warnings.toArray()};
}

/** Span of each measured phase (`null` for phases that never started). */
export function selectPhases(store: RunStore): Record<RunPhase, PhaseSpan | null> {
	return perPhase((phase) => store.clock.span(phase, store.now));
}

function promptRow(record: PromptRecord): PromptRow {
	return {
		id: record.id,
		index: record.index,
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
