/**
 * Builds one frame's {@link DashboardView} from the run store. Called at
 * most once per store version and chart window (see `frame.ts`), never per
 * key press. Only the criteria and prompt rows come from `run/selectors.ts`
 * (the report shares them); the rest is the dashboard's own.
 */
import {chartLimit, type ChartLimitContext} from '../run/chart-limit.js';
import {formatLevers, formatLoadProgress} from '../run/format.js';
import {busyShortLine} from '../run/busy-warning.js';
import {runProgress, selectBusyMachine, selectCriteria, selectPromptRows} from '../run/selectors.js';
import {formatGrowthRate, formatSoakStatus} from '../run/soak-format.js';
import {spikeRuleDescription} from '../run/spikes.js';
import type {RunStore} from '../run/store.js';
import type {TargetInfo} from '../run/types.js';
import {decodeRateStats} from './decode-stats.js';
import {selectChart} from './select-chart.js';
import {listedSpikes} from './spike-order.js';
import {shortLabel} from './components/CriteriaPanel.js';
import type {CriterionResult} from '../run/types.js';
import type {DashboardMode, DashboardView, HeaderView, ShownChartId} from './view.js';

/** Spikes listed under the charts. */
const LATEST_SPIKES = 8;
/** Extra history fetched beyond the window: the chart's first column starts up to one bucket early. */
const WINDOW_SLACK = 1.1;

/** Selects everything a frame shows, for a chart window of `windowMs`. */
export function selectView(store: RunStore, mode: DashboardMode, windowMs: number): DashboardView {
	const header = selectHeader(store, mode);
	const criteria = selectCriteria(store);
	const prompts = selectPromptRows(store);
	const window = windowMs * WINDOW_SLACK;
	const running = prompts.findIndex((row) => row.state === 'running');
	const cpuCapPct = store.runStart?.config.cpuCapPct ?? null;
	const context = (p50: number | null): ChartLimitContext => ({
		tryout: mode === 'try',
		phase: store.clock.current,
		promptRunning: running >= 0,
		p50,
		cpuCapPct,
	});
	const limit = (id: ShownChartId) => chartLimit(store.criteria, id, context(store.charts[id].stats.quantile(0.5)));
	const spikes = listedSpikes(store.spikes.toArray(), LATEST_SPIKES);
	return {
		header: {...header, verdict: criteria.verdict, verdictReason: verdictReason(criteria.verdict, criteria.results)},
		charts: [
			selectChart(store, 'cpu', window, limit('cpu'), {secondary: 'systemCpu'}),
			selectChart(store, 'rss', window, limit('rss')),
			selectChart(store, 'itl', window, limit('itl')),
			selectChart(store, 'tokensPerSec', window, limit('tokensPerSec'), {stats: decodeRateStats(prompts)}),
			selectChart(store, 'canary', window, limit('canary'), {note: canaryNote(store)}),
		],
		endT: store.now,
		spikeCount: store.spikes.total - store.spikesDuringLoad,
		loadSpikeCount: store.spikesDuringLoad,
		latestSpikes: spikes,
		criteria: criteria.results,
		prompts,
		runningIndex: running,
		focusIndex: focusOf(prompts, running),
		warnings: withBusyLine(
			store.warnings.toArray().map((warning) => warning.message),
			busyShortLine(selectBusyMachine(store), store.runStart?.config.allowBusy === true, runProgress(store) === 'running'),
		),
		spikeRule: spikeRuleDescription(store.runStart?.config.intervalMs ?? 100),
	};
}

/** Why the interactive-delay chart has no line: the canary is off, failed, or has not reported yet; `undefined` once it has. */
export function canaryNote(store: RunStore): string | undefined {
	if (store.charts.canary.stats.count > 0) return undefined;
	if (store.runStart?.config.canary === false) return 'canary off (--no-canary)';
	if (store.warnings.toArray().some((warning) => warning.code === 'canary-failed')) return 'canary did not start';
	return store.runEnd ? 'no canary data' : 'canary starting';
}

/** The header but the verdict: model, configuration, phase, prompt k/N, elapsed time and observer CPU. */
export function selectHeader(store: RunStore, mode: DashboardMode): Omit<HeaderView, 'verdict'> {
	const start = store.runStart;
	const model = store.model;
	const config = start?.config;
	const sample = store.lastSample;
	const started = store.prompts.started;
	const target = store.target;
	return {
		mode,
		...(target.kind === 'endpoint' ? {target: targetLabel(target)} : {}),
		modelName: model?.name ?? model?.ref ?? 'loading…',
		architecture: model?.architecture ?? null,
		quantization: model?.quantization ?? null,
		sizeBytes: model?.sizeBytes ?? null,
		threads: config?.threads ?? null,
		contextSize: config?.contextSize ?? null,
		batchSize: config?.batchSize ?? null,
		gpuLayers: config?.gpuLayers ?? null,
		levers: formatLevers(config),
		logicalCores: start?.host.cpusAvailable ?? start?.host.logicalCores ?? null,
		phase: store.clock.current,
		loading: formatLoadProgress(store.loadProgress),
		promptNumber: started > 0 ? started : null,
		promptTotal: config?.durationMs === undefined ? store.prompts.planned : 0,
		soak: soakHeader(store),
		elapsedMs: store.now,
		observerCpuPct: typeof sample?.observerCpuPct === 'number' ? sample.observerCpuPct : null,
		paused: store.clock.paused,
		ended: runProgress(store) !== 'running',
	};
}

/** The busy-machine line goes last: the warning bar shows the newest first. */
function withBusyLine(warnings: string[], busy: string | null): string[] {
	return busy ? [...warnings, busy] : warnings;
}

/** The header's soak words: the pass (and time against `--duration`), then the RSS growth once it is known. */
function soakHeader(store: RunStore): string | null {
	const status = formatSoakStatus(store.runStart?.config, store.passes.counts, store.clock.span('prompts', store.now)?.durationMs ?? null);
	if (status === null) return null;
	const growth = store.passes.growth().bytesPerHour;
	return growth === null ? status : `${status} · RSS ${formatGrowthRate(growth)}`;
}

/** The criteria an `inconclusive` (or `pending`) verdict waits on, by short label; `null` for pass and fail. */
export function verdictReason(verdict: string, results: readonly CriterionResult[]): string | null {
	if (verdict !== 'inconclusive' && verdict !== 'pending') return null;
	const lacking = results.filter((result) => result.status === 'pending' || (result.status === 'skip' && result.skipClass === 'lack-of-data'));
	const busy = lacking.filter((result) => result.reason?.startsWith('busy machine') === true);
	const data = lacking.filter((result) => !busy.includes(result));
	const parts = [
		data.length > 0 ? `not enough data: ${data.map(shortLabel).join(', ')}` : null,
		busy.length > 0 ? `busy machine: ${busy.map(shortLabel).join(', ')}` : null,
	].filter((part) => part !== null);
	return parts.length > 0 ? parts.join('; ') : null;
}

/** The running prompt, else the last one started, else the first (-1 without prompts). */
export function focusOf(prompts: readonly {state: string}[], runningIndex: number): number {
	if (runningIndex >= 0) return runningIndex;
	for (let index = prompts.length - 1; index >= 0; index--) {
		if (prompts[index]?.state !== 'pending') return index;
	}
	return prompts.length > 0 ? 0 : -1;
}

/** The header's words for an endpoint: server name and version, and the PID sampled (or that none is). */
function targetLabel(target: TargetInfo): string {
	const server = target.server ? `${target.server.name}${target.server.version ? ` ${target.server.version}` : ''}` : 'endpoint';
	return `server ${server} ${target.pid === undefined ? (target.launched ? 'starting' : 'no pid: latency only') : `pid ${target.pid}`}`;
}
