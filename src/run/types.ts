/**
 * Plain data shared by producers (engine, sampler), the run store and the
 * report. Nothing here does I/O; everything is JSON-serialisable.
 */
import type {MemoryBandwidthInfo} from './decode-ceiling.js';

/** Run phases, in order. `done` follows `idle-after` (or an interruption). */
export type Phase = 'load' | 'idle-before' | 'prompts' | 'idle-after' | 'done';

/** Facts about the machine the run happened on. */
export interface HostInfo {
	os: string;
	platform: string;
	release: string;
	arch: string;
	cpuModel: string;
	logicalCores: number;
	totalMemoryBytes: number;
	node: string;
	/** llama.cpp release the addon was built from, e.g. `b6500`. */
	llamaCppRelease: string;
	/** `prebuilt` (shipped binary), `localBuild` (built from source on this machine), or `server` (a separate server process: see the report's `target`). */
	engineBuild: 'prebuilt' | 'localBuild' | 'server' | 'unknown';
	/** Which binary variant was loaded (e.g. `linux-x64` CPU), when known. */
	engineVariant?: string;
	/**
	 * The machine's CPUs as llmtop counts them (the 100 % of every CPU figure
	 * and of `--cpu-cap`): the CPUs this process may run on, or the cgroup
	 * quota when lower (may be fractional). Absent in old reports.
	 */
	cpusAvailable?: number;
	/** Where `cpusAvailable` came from: `affinity` or `cgroup-quota`. */
	cpusSource?: 'affinity' | 'cgroup-quota';
	/** Whether PSI (`/proc/pressure/cpu`) is available. */
	psi?: boolean;
	/** Why PSI is not available, when it is not. */
	psiReason?: string;
	/** Memory read bandwidth, measured once per host (the decode ceiling's numerator). */
	memoryBandwidth?: MemoryBandwidthInfo;
}

/** What was loaded: facts read from the GGUF header and the file. */
export interface ModelInfo {
	/** The reference the user gave (`path`, `hf:...`, `synthetic:tiny:Q8_0`). */
	ref: string;
	/** Resolved file path. */
	path: string;
	name: string;
	architecture: string;
	/** e.g. `Q4_K_M`, `Q8_0`, `F16`; `unknown` when the header does not say. */
	quantization: string;
	sizeBytes: number;
	parameterCount: number;
	/** True for llmtop's random-weight models: correctness is skipped. */
	synthetic: boolean;
	/** Synthetic preset name, when synthetic. */
	preset?: string;
	trainContextSize?: number;
	vocabularySize?: number;
	chatTemplate?: string;
}

/**
 * What the prompts ran on: llmtop's own engine, or a server over its
 * OpenAI-compatible endpoint (`--endpoint`, `--launch`).
 */
export interface TargetInfo {
	kind: 'in-process' | 'endpoint';
	/** The endpoint's base URL. */
	url?: string;
	/** How the server names itself (llama-server `/props`, ollama `/api/version`, `/v1/models` `owned_by`). */
	server?: {name: string; version?: string};
	/** The model as the server names it (what the prompts asked for). */
	serverModel?: string;
	/** `--launch`: the command as run, placeholders filled. */
	command?: string[];
	/** The PID whose process tree was sampled (`--pid`, or the launched server); absent: latency only, cost not measured. */
	pid?: number;
	/** True when llmtop started the server (`--launch`) and stopped it at the end. */
	launched?: boolean;
}

/** How an endpoint's streamed tokens arrived: events, tokens, and events that carried more than one token. */
export interface StreamCounts {
	/** Events that delivered text. */
	events: number;
	/** Tokens those events carried. */
	tokens: number;
	/** Events that carried more than one token. */
	multiTokenEvents: number;
	/** Tokens that arrived in an event after its first one: each is a 0 ms inter-token gap beside a long one. */
	mergedTokens: number;
	/**
	 * `server-timings`: exact, from llama-server's running `predicted_n`;
	 * `usage`: the final `usage.completion_tokens` against the events (which
	 * events merged is unknown); `events`: one token per event, unverified.
	 */
	countedBy: 'server-timings' | 'usage' | 'events';
}

/** The configuration a run used. */
export interface RunConfig {
	threads: number;
	contextSize: number;
	batchSize: number;
	gpuLayers: number;
	temperature: number;
	topP: number;
	maxTokens: number;
	intervalMs: number;
	idleSeconds: number;
	/** Suite file path (or `try` for interactive tryouts). */
	suite: string;
	seed?: number;
	/** `--build`: which llama.cpp binary was asked for (`prebuilt` addon, `local` build from `llmtop engine build`, or `auto`). */
	build?: 'prebuilt' | 'local' | 'auto';
	/** OpenMP wait policy of a local build (`OMP_WAIT_POLICY`); absent on the prebuilt addon, which has no OpenMP. */
	waitPolicy?: 'default' | 'active' | 'passive';
	/** `--nice`: the nice value the model's threads ran at. */
	nice?: number;
	/** `--cpu-cap`: the model's CPU budget, % of the whole machine. */
	cpuCapPct?: number;
	/** `--load N`: background workers that competed for the CPU. */
	loadWorkers?: number;
	/** Whether the canary process measured wake-up lateness (false with `--no-canary`). */
	canary?: boolean;
	/** Nice value of llmtop's own (observer) main thread, when it was lowered (Linux). */
	observerNice?: number;
	/** `--allow-busy`: criteria were judged even when other processes made the machine busy. */
	allowBusy?: boolean;
	/** `--repeat N`: a soak of N passes of the suite. */
	repeat?: number;
	/** `--duration D`: a soak that starts passes of the suite until D (ms, from the start of the prompts phase) elapsed, then ends after the running prompt. */
	durationMs?: number;
}

/** Ids of the acceptance criteria. */
export type CriterionId =
	'idle-cpu' | 'active-cpu-mean' | 'active-cpu-p99' | 'rss-peak' | 'latency-p95' | 'latency-ratio' | 'correctness' | 'interactive-delay-p99' | 'prompt-errors';

/** Comparison a criterion's value must satisfy against its threshold. */
export type CriterionOp = '<=' | '<' | '>=' | '>';

/** One criterion as configured (defaults, possibly overridden by a file). */
export interface CriterionSpec {
	id: CriterionId;
	label: string;
	op: CriterionOp;
	threshold: number;
	/** Unit of value and threshold: `%` of machine, `ms`, `bytes`, `ratio`, `score`, `count`. */
	unit: '%' | 'ms' | 'bytes' | 'ratio' | 'score' | 'count';
	enabled: boolean;
}

export type CriterionStatus = 'pending' | 'pass' | 'fail' | 'skip';

/**
 * Why a criterion was skipped: `by-design` (disabled in the criteria file,
 * correctness of a synthetic model, `--no-canary`) does not block a pass;
 * `lack-of-data` (data the run should have produced is missing or too
 * little) makes the verdict `inconclusive`.
 */
export type SkipClass = 'by-design' | 'lack-of-data';

/** A criterion judged against the data so far. */
export interface CriterionResult extends CriterionSpec {
	value: number | null;
	/** Data points behind `value` (samples, prompts, gaps, wake-ups); always set by the judge, absent in older reports. */
	n?: number;
	/** What `value` is when it is not what the label says (e.g. `max` for a p99 over fewer than 100 samples). */
	measure?: string;
	status: CriterionStatus;
	/** Set when `status` is `skip`. */
	skipClass?: SkipClass;
	/** Why it is pending or skipped (or what failed). */
	reason?: string;
}

/** `pending` while running; `inconclusive` when a criterion that applies lacked data at the end. */
export type Verdict = 'pass' | 'fail' | 'pending' | 'inconclusive';

/** Outcome of one prompt. */
export type PromptStatus = 'ok' | 'aborted' | 'skipped' | 'error';

/** One check of a prompt's rubric, as scored. */
export interface CheckResult {
	/** e.g. `icontains`, `regex`, `json`. */
	kind: string;
	/** Human-readable description of what was expected. */
	description: string;
	weight: number;
	passed: boolean;
}

/** What a spike was detected on: process CPU samples or inter-token gaps. */
export type SpikeMetric = 'cpu' | 'itl';

/**
 * A short excursion above the rolling baseline (see `src/run/spikes.ts` for
 * the rule). Times are ms since the run started.
 */
export interface Spike {
	metric: SpikeMetric;
	/** When the burst peaked (the sample or token at its highest value). */
	t: number;
	/** When the burst started (start of its first elevated interval or gap). */
	startT: number;
	/** Peak value: % of machine for `cpu`, ms for `itl`. */
	value: number;
	/** Rolling baseline (median) just before the burst, same unit as `value`. */
	baseline: number;
	/** How long the burst lasted, ms. */
	durationMs: number;
	/** Number of elevated samples (or gaps) in the burst. */
	samples: number;
	phase: Phase;
	/** The prompt running at the peak, or `null`. */
	promptId: string | null;
}
