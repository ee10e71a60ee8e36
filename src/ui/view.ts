/**
 * The plain data the dashboard's views render: one snapshot of the run,
 * selected from the store once per frame (see `select-view.ts`). Views take
 * these as props and nothing else, so tests render them from fixtures.
 */
import type {PointSpan} from './chart-span.js';
import type {Points} from './downsample.js';
import type {ChartId} from '../run/charts.js';
import type {PromptRow} from '../run/view-types.js';
import type {CriterionResult, Phase, Spike, Verdict} from '../run/types.js';

/** Which command the dashboard serves. */
export type DashboardMode = 'run' | 'try' | 'replay' | 'watch';

/** The header: what runs, how it is configured and where the run is. */
export interface HeaderView {
	mode: DashboardMode;
	/** An endpoint target, e.g. `server llama.cpp server b1-80fb11a pid 123`; absent in-process. */
	target?: string;
	modelName: string;
	architecture: string | null;
	quantization: string | null;
	sizeBytes: number | null;
	threads: number | null;
	contextSize: number | null;
	batchSize: number | null;
	gpuLayers: number | null;
	/** The levers set for the run (CPU cap, nice, load, build, wait policy) in words, or `null`. */
	levers: string | null;
	/** Logical cores of the machine (to show CPU as cores busy). */
	logicalCores: number | null;
	phase: Phase | null;
	/** While the model opens: what is happening and how far (`loading the model 62%`); `null` otherwise. */
	loading: string | null;
	/** 1-based number of the prompt running or last started; `null` before the first. */
	promptNumber: number | null;
	/** Prompts planned; 0 when open-ended (`try`, `--duration`). */
	promptTotal: number;
	/** A soak's place and RSS growth once known: `pass 2/3`, `pass 4 · 12:03/2:00:00 · RSS +1.2 MiB/h`; absent or `null` when the run is not a soak. */
	soak?: string | null;
	/** Run time so far (ms since run start), from the latest event. */
	elapsedMs: number;
	/** llmtop's own JS main thread, % of machine, latest sample. */
	observerCpuPct: number | null;
	paused: boolean;
	/** The run ended (a `run-end` was seen). */
	ended: boolean;
	verdict: Verdict;
	/** Why the verdict is `inconclusive` or `pending`: the criteria still lacking data (`CPU p99, delay p99`); `null` otherwise. */
	verdictReason?: string | null;
}

/** Where a replay's playback stands, read from its schedule at each frame (not from the store: the recorded run never paused there). */
export interface PlaybackView {
	paused: boolean;
	/** Playback speed: 1 as recorded, 4 four times faster; 0 everything at once. */
	speed: number;
	/** Recorded run time played so far, ms. */
	playedMs: number;
	/** Recorded run time of the whole events file, ms. */
	totalMs: number;
}

/** Current value and distribution of a charted metric. */
export interface ChartStats {
	current: number | null;
	p50: number | null;
	p99: number | null;
	max: number | null;
}

/** The charts the dashboard shows (of the store's charts; system CPU is drawn on the CPU chart; `canary` is the interactive delay). */
export type ShownChartId = Extract<ChartId, 'cpu' | 'rss' | 'itl' | 'tokensPerSec' | 'canary'>;

/** One chart's data. */
export interface ChartView {
	id: ShownChartId;
	primary: Points;
	/** Second series (system CPU on the CPU chart). */
	secondary?: Points | undefined;
	stats: ChartStats;
	/** Threshold of the criterion that applies to this chart, in its unit. */
	threshold: number | null;
	/** Which criterion the threshold comes from. */
	thresholdOf: string | null;
	/** Peak times (ms) of the spikes detected on this metric. */
	spikeTimes: readonly number[];
	/** How long before its time a point's value holds, so the line is joined where data is continuous. @default none */
	span?: PointSpan | undefined;
	/** Why the chart has no line yet (`canary starting`, `canary off`), or absent. */
	note?: string | undefined;
}

/** Everything one frame shows. */
export interface DashboardView {
	header: HeaderView;
	/** In display order: cpu, rss, itl, tokensPerSec, canary (interactive delay). */
	charts: readonly ChartView[];
	/** Latest time with data (ms since run start): the charts' right edge. */
	endT: number;
	/** Spikes outside the model load. */
	spikeCount: number;
	/** Spikes while the model loaded: counted apart, not listed. @default 0 */
	loadSpikeCount?: number;
	/** Newest first (by peak time), none from the model load. */
	latestSpikes: readonly Spike[];
	criteria: readonly CriterionResult[];
	prompts: readonly PromptRow[];
	/** Index in `prompts` of the running prompt, or -1. */
	runningIndex: number;
	/** The prompt shown when none is selected: the running one, else the last started, else the first (-1: none). */
	focusIndex: number;
	warnings: readonly string[];
	/** The spike rule, as shown in help. */
	spikeRule: string;
}
