/**
 * The one typed event union that crosses from producers (engine, sampler,
 * probes) to consumers (store, recorder, replay). Every event carries `t`:
 * milliseconds since the run started, from a monotonic clock.
 */
import type {CheckResult, CriterionSpec, HostInfo, ModelInfo, Phase, PromptStatus, RunConfig, StreamCounts, TargetInfo} from './types.js';

/** Schema id written into `run-start`. */
export const EVENTS_SCHEMA = 'llmtop/events@2';

/** A prompt as listed in `run-start` (enough to show the table before it runs). */
export interface PromptRef {
	id: string;
	prompt: string;
	tags?: string[];
	weight?: number;
}

/** First event: what the report needs that no sample has. */
export interface RunStartEvent {
	type: 'run-start';
	t: 0;
	schema: typeof EVENTS_SCHEMA;
	/** Wall-clock start (ISO 8601). */
	startedAt: string;
	/** `run` (a suite) or `try` (interactive tryouts). */
	mode: 'run' | 'try';
	host: HostInfo;
	/** Model reference and path as resolved; the full facts arrive with `model-loaded`. */
	model: Pick<ModelInfo, 'ref' | 'path'> & Partial<ModelInfo>;
	config: RunConfig;
	criteria: CriterionSpec[];
	/** `gamedCeiling`: the best built-in adversary's suite-wide score (`llmtop suite check`), when a suite ran. */
	suite: {name: string; path: string; prompts: PromptRef[]; gamedCeiling?: number};
	/** The tool that wrote the events (copied into the report's `tool`). */
	tool?: {name: string; version: string};
	/** What the prompts run on, as far as known before loading; absent: in-process. */
	target?: TargetInfo;
}

/** The model and context are ready. */
export interface ModelLoadedEvent {
	type: 'model-loaded';
	t: number;
	model: ModelInfo;
	/** Model file to ready context, ms. */
	loadMs: number;
	/** Process RSS just before the model loaded (llama.cpp binding already loaded) and once the context was ready, bytes (when the engine measured them). */
	rssBeforeBytes?: number;
	rssAfterBytes?: number;
	/**
	 * Engine facts only known once the binding is loaded (llama.cpp release,
	 * prebuilt or local build, the binary variant); the report merges them
	 * into `host`.
	 */
	engine?: Partial<Pick<HostInfo, 'llamaCppRelease' | 'engineBuild' | 'engineVariant'>> & {
		cpuMathCores?: number;
		binaryPath?: string;
		systemInfo?: string;
	};
	/** Context as created (llama.cpp may round the requested size up). */
	context?: {threads: number; contextSize: number; batchSize: number; gpuLayers: number};
	/** The target once connected (an endpoint's server name and version, PID, command); absent: in-process. */
	target?: TargetInfo;
}

export interface PhaseEvent {
	type: 'phase';
	t: number;
	name: Phase;
}

/** One sampler tick. CPU figures are % of the whole machine (all cores = 100). */
export interface SampleEvent {
	type: 'sample';
	t: number;
	phase: Phase;
	promptId?: string;
	/** Length of the interval this sample covers (since the previous one), ms. */
	intervalMs?: number;
	/** Process CPU, % of machine (0-100), over the interval since the previous sample. */
	cpuPct: number;
	/** Process CPU as cores busy (cpuPct * logicalCores / 100). */
	cores: number;
	rssBytes: number;
	/** Highest RSS of the process so far (the kernel's high-water mark, so peaks between samples count), bytes. */
	peakRssBytes?: number;
	/** The whole machine's CPU (every process), % over the interval. */
	systemCpuPct: number;
	systemMemUsedBytes?: number;
	/** llmtop's own threads (the JS main thread and the known observer threads), % of machine. Linux only (`/proc/self/task`). */
	observerCpuPct?: number;
	/** The rest of the process (inference), % of machine: cpuPct - observerCpuPct, so threads that exited during the interval count here. For a server's PID (observer apart), all of cpuPct. */
	inferenceCpuPct?: number;
	/** Threads of the measured process (a server: its whole process tree), when known. */
	threads?: number;
	/**
	 * Canary wake-up lateness (ms) observed during this interval, raw values in
	 * order (a canary wakes every 10 ms, so ~10 per 100 ms sample).
	 */
	canaryLateMs?: number[];
	/** Canary process CPU, % of one core, over this interval. */
	canaryCpuPct?: number;
	/** Cumulative `some` stall time from `/proc/pressure/cpu` (microseconds). */
	psiSomeTotalUs?: number;
	/** Operations completed by `--load` background workers during this interval. */
	loadOps?: number;
}

export interface PromptStartEvent {
	type: 'prompt-start';
	t: number;
	promptId: string;
	/** 0-based position in the run and the number of prompts planned (0 when open-ended, as in `try`). */
	index: number;
	total: number;
	promptTokens: number;
	/** The prompt text (tryouts have no suite entry to look it up in). */
	prompt?: string;
	/** 1-based pass of the suite in a soak (`--repeat`, `--duration`); absent: pass 1. `promptId` stays the suite's id. */
	pass?: number;
}

/** One generated token, stamped at the moment it was produced. */
export interface TokenEvent {
	type: 'token';
	t: number;
	promptId: string;
	/** 0-based index of the token within the prompt's output. */
	index: number;
	/** Detokenized text of this token (may be empty for partial UTF-8). */
	text?: string;
}

export interface PromptEndEvent {
	type: 'prompt-end';
	t: number;
	promptId: string;
	status: PromptStatus;
	response: string;
	outputTokens: number;
	/** Score in [0, 1] when the prompt was scored; null when skipped (e.g. synthetic model). */
	score?: number | null;
	checks?: CheckResult[];
	/** Why correctness was not scored, or the error message. */
	reason?: string;
	/** An endpoint's stream: events, tokens, events carrying more than one token. */
	stream?: StreamCounts;
}

/** A run was paused or resumed (paused time is not active time). */
export interface PauseEvent {
	type: 'pause';
	t: number;
	paused: boolean;
}

/** Something the user must know about the configuration or the run. */
export interface WarningEvent {
	type: 'warning';
	t: number;
	code: string;
	message: string;
}

/** Last event. `complete` is false when interrupted. */
export interface RunEndEvent {
	type: 'run-end';
	t: number;
	complete: boolean;
	/** `done`, `interrupted` (SIGINT / q), `terminated` (SIGTERM), `error`. */
	reason: 'done' | 'interrupted' | 'terminated' | 'error';
	finishedAt: string;
	message?: string;
}

export type RunEvent =
	RunStartEvent | ModelLoadedEvent | PhaseEvent | SampleEvent | PromptStartEvent | TokenEvent | PromptEndEvent | PauseEvent | WarningEvent | RunEndEvent;

export type RunEventType = RunEvent['type'];
