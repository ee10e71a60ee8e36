/**
 * The `llmtop/report@2` report, as written by
 * `--report FILE.json` and read by `compare`, `score` and `learnings`.
 * JSON Schema: `schema/report.schema.json` at the repository root.
 * Additions are fine; renames bump the schema version.
 */
import type {BusyAssessment} from '../run/busy-machine.js';
import type {CheckResult, CriterionResult, HostInfo, ModelInfo, PromptStatus, RunConfig, TargetInfo, Verdict} from '../run/types.js';
import type {StreamFigures} from '../run/stream-figures.js';
import type {DecodeCeiling} from '../run/decode-ceiling.js';
import type {RunEndEvent} from '../run/events.js';
import type {PhaseSpan, RunPhase} from '../run/phase-clock.js';
import type {RunMetrics} from '../run/metrics.js';
import type {ItlFigures, PromptFigures} from '../run/prompt-record.js';
import type {ChartId} from '../run/charts.js';
import type {MinMaxSeries} from '../run/timeline.js';

export type {
	ActiveCpuFigures,
	CanaryFigures,
	CpuFigures,
	IdleCpuFigures,
	LatenessFigures,
	LoadWorkerFigures,
	ProcessCpuFigures,
	PsiFigures,
	RssFigures,
	SpikeFigures,
} from '../run/metrics.js';
export type {CorrectnessFigures, DistributionFigures, RateFigures, TtftFigures} from '../run/prompt-aggregates.js';
export type {PhaseSpan, RunPhase} from '../run/phase-clock.js';
export type {DecodeCeiling} from '../run/decode-ceiling.js';
export type {Spike} from '../run/types.js';

/** Schema id of the report. */
export const REPORT_SCHEMA = 'llmtop/report@2';

/**
 * Every run-level figure. CPU in % of the whole machine, times in ms, memory
 * in bytes; `idle` = samples in `idle-before` and `idle-after`, `active` =
 * samples in `prompts` outside paused time; latency, TTFT, ITL, rates and
 * correctness over prompts that ended `ok` only.
 */
export type Metrics = RunMetrics;

/** A prompt's status in the report: how it ended, or `running` / `not-run` when the run stopped first. */
export type ReportPromptStatus = PromptStatus | 'running' | 'not-run';

/** One prompt of the run: its figures and how it ran. */
export interface PromptReport extends PromptFigures {
	id: string;
	/** 0-based position in the run; `null` when it never started. */
	index: number | null;
	/** 1-based pass of the suite in a soak (`--repeat`, `--duration`); absent in other runs (pass 1). `id` stays the suite's id, so `llmtop score` finds the rubric. */
	pass?: number;
	status: ReportPromptStatus;
	tags: string[];
	promptTokens: number | null;
	outputTokens: number;
	/** True for the first prompt of the run (cold TTFT). */
	cold: boolean;
	itlMs: ItlFigures;
	score: number | null;
	checks: CheckResult[];
	response: string;
	/** Why it was skipped, aborted or failed, or why it was not scored. */
	reason: string | null;
	startMs: number | null;
	endMs: number | null;
}

/** One criterion as judged. `reason` is `null` when there is nothing to explain. */
export type CriterionReport = Omit<CriterionResult, 'reason'> & {reason: string | null};

/** The model as far as it is known (everything but `ref` and `path` is `null` when it never loaded). */
export interface ReportModel {
	ref: string;
	path: string;
	name: string | null;
	architecture: string | null;
	quantization: string | null;
	sizeBytes: number | null;
	parameterCount: number | null;
	synthetic: boolean | null;
	preset?: string;
	trainContextSize?: number;
	vocabularySize?: number;
}

/** The report. */
export interface Report {
	schema: typeof REPORT_SCHEMA;
	tool: {name: string; version: string | null};
	/** False unless the events ended with `run-end` `complete: true`. */
	complete: boolean;
	/** How the run ended (`null` when it has not ended). */
	endReason: RunEndEvent['reason'] | null;
	mode: 'run' | 'try';
	startedAt: string;
	finishedAt: string | null;
	/** Time of the last event, ms since the run started. */
	durationMs: number;
	host: HostInfo;
	/** What the prompts ran on: in-process, or an endpoint (URL, server name and version, command line, PID). */
	target: TargetInfo;
	/** An endpoint's stream: events, tokens, events carrying more than one token, and whether that distorts ITL. Absent in-process. */
	stream?: StreamFigures;
	model: ReportModel;
	config: RunConfig;
	suite: {name: string; path: string};
	loadMs: number | null;
	/**
	 * The context as llama.cpp created it (threads, context size, batch, GPU
	 * layers actually used; `config` holds what was asked). `null` when the
	 * model never loaded; absent in reports of older builds.
	 */
	engineContext?: {threads: number; contextSize: number; batchSize: number; gpuLayers: number} | null;
	phases: Record<RunPhase, PhaseSpan | null>;
	prompts: PromptReport[];
	metrics: Metrics;
	/** The mean decode rate against the host's memory-bandwidth ceiling; `null` when the bandwidth or model size is unknown (reports before issue 17 lack it). */
	decodeCeiling?: DecodeCeiling | null;
	criteria: CriterionReport[];
	verdict: Verdict;
	/** Whether other processes made the cost and timing figures unreliable (over the prompts phase); `null`: not known; absent in reports written before it existed. */
	busyMachine?: BusyAssessment | null;
	warnings: {t: number; code: string; message: string}[];
	/** Warnings counted but not kept in `warnings`. */
	warningsDropped: number;
	/** Each chart over the whole run, min and max per time bucket (at most 1500 buckets), so a report alone can draw its charts; phases are in `phases`. Absent in reports written before it existed. */
	timeline?: ReportTimeline;
}

/** The report's charts over time: process CPU and system CPU (% of machine), RSS (bytes), ITL (ms), decode tokens/s, canary lateness (ms, the worst wake-up per sample). */
export type ReportTimeline = Record<ChartId, MinMaxSeries>;
export type {ChartId, MinMaxSeries};

/** Re-exported for convenience. */
export type {ModelInfo};
