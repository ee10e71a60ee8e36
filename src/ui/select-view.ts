/**
 * Builds one frame's {@link DashboardView} from the run store through its
 * selectors. Called at most once per store version and chart window (see
 * `frame.ts`), never per key press.
 */
import type {ChartId as StoreChartId} from '../run/charts.js';
import {selectChart, selectCriteria, selectHeader, selectPromptRows, selectSpikes, selectWarnings} from '../run/selectors.js';
import {SPIKE_RULE_DESCRIPTION} from '../run/spikes.js';
import type {RunStore} from '../run/store.js';
import type {CriterionId, CriterionSpec, Phase} from '../run/types.js';
import type {ChartView as StoreChartView} from '../run/view-types.js';
import type {ChartId, ChartView, DashboardMode, DashboardView, HeaderView} from './view.js';

/** Spikes listed under the charts. */
const LATEST_SPIKES = 8;
/** Extra history fetched beyond the window: the chart's first column starts up to one bucket early. */
const WINDOW_SLACK = 1.1;

/** Selects everything a frame shows, for a chart window of `windowMs`. */
export function selectView(store: RunStore, mode: DashboardMode, windowMs: number): DashboardView {
	const header = selectHeader(store);
	const criteria = selectCriteria(store);
	const spikes = selectSpikes(store, LATEST_SPIKES);
	const prompts = selectPromptRows(store);
	const window = {windowMs: windowMs * WINDOW_SLACK};
	const running = prompts.findIndex(row => row.state === 'running');
	const phase = header.phase;
	const cpu = selectChart(store, 'cpu', window);
	const systemCpu = selectChart(store, 'systemCpu', window);
	const cpuLimit = cpuThreshold(store.criteria, mode, phase, running >= 0);
	const itl = selectChart(store, 'itl', window);
	const ratio = enabled(store.criteria, 'latency-ratio');
	const itlLimit = ratio && itl.p50 !== null ? {threshold: ratio.threshold * itl.p50, of: `${ratio.threshold}×p50 ${ratio.id}`} : null;
	const headerView: HeaderView = {
		mode,
		modelName: header.model.name ?? header.model.ref ?? 'loading…',
		architecture: header.model.architecture,
		quantization: header.model.quantization,
		sizeBytes: header.model.sizeBytes,
		threads: header.config?.threads ?? null,
		contextSize: header.config?.contextSize ?? null,
		batchSize: header.config?.batchSize ?? null,
		gpuLayers: header.config?.gpuLayers ?? null,
		logicalCores: header.logicalCores,
		phase,
		promptNumber: header.prompt.k > 0 ? header.prompt.k : null,
		promptTotal: header.prompt.n,
		elapsedMs: header.elapsedMs,
		observerCpuPct: header.observerCpu.currentPct,
		paused: header.paused,
		ended: header.progress !== 'running',
		verdict: criteria.verdict,
	};
	return {
		header: headerView,
		charts: [
			chartView('cpu', cpu, {secondary: systemCpu, threshold: cpuLimit?.threshold ?? null, thresholdOf: cpuLimit?.id ?? null}),
			chartView('rss', selectChart(store, 'rss', window)),
			chartView('itl', itl, {threshold: itlLimit?.threshold ?? null, thresholdOf: itlLimit?.of ?? null}),
			chartView('tokensPerSec', selectChart(store, 'tokensPerSec', window)),
		],
		endT: store.now,
		spikeCount: spikes.count,
		latestSpikes: spikes.latest,
		criteria: criteria.results,
		prompts,
		runningIndex: running,
		focusIndex: focusOf(prompts, running),
		warnings: selectWarnings(store).items.map(warning => warning.message),
		spikeRule: SPIKE_RULE_DESCRIPTION,
	};
}

/**
 * The CPU limit that applies now: the idle criterion while nothing runs in
 * an idle phase (or between tryouts), else the active p99 criterion.
 */
export function cpuThreshold(criteria: readonly CriterionSpec[], mode: DashboardMode, phase: Phase | null, promptRunning: boolean): CriterionSpec | null {
	const idlePhase = phase === 'idle-before' || phase === 'idle-after' || phase === 'load' || phase === null;
	const idle = !promptRunning && (mode === 'try' || idlePhase);
	return enabled(criteria, idle ? 'idle-cpu' : 'active-cpu-p99') ?? enabled(criteria, 'active-cpu-p99');
}

function enabled(criteria: readonly CriterionSpec[], id: CriterionId): CriterionSpec | null {
	return criteria.find(spec => spec.id === id && spec.enabled) ?? null;
}

interface ChartExtras {
	secondary?: StoreChartView;
	threshold?: number | null;
	thresholdOf?: string | null;
}

function chartView(id: ChartId & StoreChartId, chart: StoreChartView, extras: ChartExtras = {}): ChartView {
	return {
		id,
		primary: {t: chart.t, v: chart.v},
		secondary: extras.secondary ? {t: extras.secondary.t, v: extras.secondary.v} : undefined,
		stats: {current: chart.current, p50: chart.p50, p99: chart.p99, max: chart.max},
		threshold: extras.threshold === undefined ? chart.threshold : extras.threshold,
		thresholdOf: extras.thresholdOf === undefined ? chart.criterionId : extras.thresholdOf,
		spikeTimes: chart.spikes.map(spike => spike.t),
	};
}

/** The running prompt, else the last one started, else the first (-1 without prompts). */
export function focusOf(prompts: readonly {state: string}[], runningIndex: number): number {
	if (runningIndex >= 0) return runningIndex;
	for (let index = prompts.length - 1; index >= 0; index--) {
		if (prompts[index]?.state !== 'pending') return index;
	}
	return prompts.length > 0 ? 0 : -1;
}
