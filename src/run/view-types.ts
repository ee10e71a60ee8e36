import type {ChartId} from './charts.js';
import type {RunProgress} from './criteria.js';
import type {WarningEvent} from './events.js';
import type {ItlFigures, PromptFigures, PromptState} from './prompt-record.js';
import type {CheckResult, CriterionId, CriterionResult, Phase, Spike, SpikeMetric, Verdict} from './types.js';

/** Header facts of the dashboard and the headless printer. */
export interface HeaderView {
	mode: 'run' | 'try' | null;
	model: {
		ref: string | null;
		name: string | null;
		architecture: string | null;
		quantization: string | null;
		sizeBytes: number | null;
		synthetic: boolean | null;
	};
	config: {threads: number; contextSize: number; batchSize: number; gpuLayers: number} | null;
	logicalCores: number | null;
	phase: Phase | null;
	paused: boolean;
	progress: RunProgress;
	/** k = prompts started so far (the running one included), n = planned (0 = open-ended, as in `try`). */
	prompt: {k: number; n: number; runningId: string | null};
	/** Latest event time, ms since run start. */
	elapsedMs: number;
	pausedMs: number;
	loadMs: number | null;
	/** Latest process CPU sample, % of machine and cores busy. */
	cpu: {currentPct: number | null; currentCores: number | null};
	/** llmtop's own JS thread: latest sample and run mean, % of machine. */
	observerCpu: {currentPct: number | null; meanPct: number | null};
}

/** One chart's recent points and its run-long statistics. */
export interface ChartView {
	id: ChartId;
	label: string;
	unit: '%' | 'bytes' | 'ms' | 'tok/s';
	/** Point times (ms since run start) and values, oldest first, within the requested window. */
	t: number[];
	v: number[];
	/** Latest value, and p50 / p99 / max over every point of the run. */
	current: number | null;
	p50: number | null;
	p99: number | null;
	max: number | null;
	/** The criterion threshold to draw as a line, when one applies to this chart (and is enabled). */
	threshold: number | null;
	criterionId: CriterionId | null;
	/** Spikes on this chart's metric within the window (for the marker lane). */
	spikes: Spike[];
}

/** Spike counter and the latest spikes. */
export interface SpikesView {
	count: number;
	byMetric: Record<SpikeMetric, number>;
	/** Newest first. */
	latest: Spike[];
}

/** Criteria results and the verdict so far. */
export interface CriteriaView {
	progress: RunProgress;
	results: CriterionResult[];
	verdict: Verdict;
}

/** One row of the prompts table: the prompt's figures and how it ran. */
export interface PromptRow extends PromptFigures {
	id: string;
	/** 0-based position in the run, `null` until started. */
	index: number | null;
	state: PromptState;
	tags: string[];
	prompt: string | null;
	promptTokens: number | null;
	/** From `prompt-end`, or the token events so far while running. */
	outputTokens: number;
	/** True for the first prompt of the run (cold TTFT). */
	cold: boolean;
	itl: ItlFigures | null;
	score: number | null;
	checks: CheckResult[];
	failedChecks: CheckResult[];
	/** Final response, or the text streamed so far. */
	response: string;
	/** Why it was skipped, aborted or failed. */
	reason: string | null;
	startMs: number | null;
	endMs: number | null;
}

/** The running prompt's streamed output. */
export interface StreamingView {
	promptId: string;
	index: number | null;
	text: string;
	tokens: number;
}

/** Warnings (kept, newest last) and how many there were. */
export interface WarningsView {
	count: number;
	items: WarningEvent[];
}
