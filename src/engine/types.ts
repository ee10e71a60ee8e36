import type {Pace, StopReason} from './decode-loop.js';
import type {ModelInfo, StreamCounts, TargetInfo} from '../run/types.js';
import type {EngineBuild, EngineFacts} from './llama-binding.js';
import type {NiceReport} from './nice.js';
import type {StallHook} from './test-stall.js';

/** Stages reported through {@link EngineOptions.onProgress}, in order. */
export type LoadStage = 'resolve' | 'download' | 'synthesize' | 'binding' | 'model' | 'context' | 'ready';

/** Options of {@link openEngine}. */
export interface EngineOptions {
	/** A GGUF file path, an `hf:` URI (or URL), or `synthetic:PRESET[:QUANT]`. */
	model: string;
	/** Decode threads. @default logical cores - 1, at least 1 (`defaultThreads()`) */
	threads?: number;
	/** Context size in tokens. @default 2048, or the model's training context if smaller */
	contextSize?: number;
	/** Prefill batch size in tokens, at most the context size. @default 512 */
	batchSize?: number;
	/** Layers offloaded to a GPU. 0 keeps everything on the CPU backend. @default 0 */
	gpuLayers?: number;
	/** Which llama.cpp binary to load; never compiles. @default 'prebuilt' */
	build?: EngineBuild;
	/** CMake options of the local build to select (`build: 'local' | 'auto'`). @default those of the last local build */
	cmakeOptions?: Record<string, string>;
	/** Nice value (-20..19) for the inference threads, set once the context exists and again after each prompt. */
	nice?: number;
	/** Also nice the JS main thread (see `applyNice`). @default false */
	niceMainThread?: boolean;
	/** Cache root for synthetic models and `hf:` downloads. @default `LLMTOP_CACHE_DIR`, else each source's default */
	cacheDir?: string;
	/** No-progress timeout of `hf:` lookups and downloads, ms. @default 20000 */
	networkTimeoutMs?: number;
	/** Aborts loading (resolve, download, model load, context creation). */
	signal?: AbortSignal;
	/** Load progress; `fraction` in [0, 1] where the stage reports one. */
	onProgress?: (stage: LoadStage, fraction?: number) => void;
	/** llama.cpp log lines at warn level and above (they are kept off the terminal). */
	onLog?: (level: string, message: string) => void;
	/** The engine runs in another process (an endpoint's server): called with its PID once known, so the sampler measures that process tree. */
	onProcess?: (pid: number) => void;
}

/** One prompt to run. */
export interface PromptInput {
	id: string;
	prompt: string;
	/** System message; none when absent. */
	system?: string;
}

/** Settings and callbacks of one {@link Engine.runPrompt} call. */
export interface RunPromptOptions {
	/** 0 is greedy. */
	temperature: number;
	/** In (0, 1]. */
	topP: number;
	/** At least 1. */
	maxTokens: number;
	seed?: number;
	/** Aborting keeps the partial answer (status `aborted`). */
	signal?: AbortSignal;
	/** Monotonic clock for token timestamps, ms. @default performance.now */
	now?: () => number;
	/** Prompt tokens after the chat template, before evaluation starts. */
	onPromptTokens?: (n: number) => void;
	/**
	 * One call per generated token, at the moment it is produced: `t` is taken
	 * first thing when the generator yields it. `text` is `''` while a
	 * multi-byte character is incomplete. Keep it cheap: it runs between decode
	 * steps, so its time delays the next token.
	 */
	onToken?: (index: number, text: string, t: number) => void;
	/** Awaited between decode steps; a number is a pause in ms. */
	pace?: Pace;
	/**
	 * `--cpu-cap`: pace generation so the process stays within this % of the
	 * machine over any one-second window (see `createCpuCapPace`). Ignored when
	 * `pace` is given. The prefill is then evaluated in chunks, paced too.
	 */
	cpuCapPct?: number;
	/**
	 * The window `cpuCapPct` holds over, ms: every window this long (and every
	 * whole multiple of it) stays within the cap; other lengths only within
	 * `cpuCapWindowBoundPct`. Match it to the sampling interval and no sample
	 * exceeds the cap.
	 * @default 1000
	 */
	cpuCapWindowMs?: number;
	/**
	 * The machine's CPUs `cpuCapPct` is a share of: pass the run's
	 * `host.cpusAvailable`, so the cap and the sampled CPU use one definition.
	 * @default readMachineCpus().count (src/sampler/machine-cpus.ts)
	 */
	cpuCapCores?: number;
	/** Test hook: stalls before chosen tokens (`test-stall.ts`). An engine in a worker takes it from `LLMTOP_TEST_STALL` instead. */
	stall?: StallHook;
}

/** Outcome of one prompt. */
export interface PromptResult {
	status: 'ok' | 'aborted' | 'error';
	/** The answer (partial when aborted), without the chat wrapper's stop trigger. */
	response: string;
	/** Tokens of the rendered prompt (0 if it failed before tokenizing). */
	promptTokens: number;
	/** Tokens delivered through `onToken`. */
	outputTokens: number;
	/** Why generation ended; absent on error. */
	stopReason?: StopReason;
	/** An endpoint's stream: events, tokens, and how many events carried more than one token. */
	stream?: StreamCounts;
	/** One-line message when `status` is `error`. */
	error?: string;
	/** Class name of the error, e.g. `ContextTooSmallError`. */
	errorName?: string;
	/** Pauses `cpuCapPct` inserted: how many and their total, ms. */
	paced?: {pauses: number; totalPauseMs: number};
}

/** Engine facts for the report: {@link EngineFacts} plus what the context got. */
export interface EngineInfo extends EngineFacts {
	/** What `--nice` did, when asked. */
	nice?: NiceReport;
}

/** A loaded model with one context and one sequence, ready to run prompts one at a time. */
export interface Engine extends AsyncDisposable {
	readonly model: ModelInfo;
	readonly engine: EngineInfo;
	readonly threads: number;
	/** Actual context size (llama.cpp may round the requested one up). */
	readonly contextSize: number;
	readonly batchSize: number;
	/** Layers offloaded to a GPU: 0 when no GPU backend loaded, whatever was asked. */
	readonly gpuLayers: number;
	/** Model file to ready context, ms (`loadModel` + `createContext`). */
	readonly loadMs: number;
	/** Time in each load stage, ms. */
	readonly timings: {resolveMs: number; bindingMs: number; modelMs: number; contextMs: number};
	/**
	 * Process RSS around the load, bytes: before the model (the binding is
	 * loaded by then), after the model, and once the context exists. The rise
	 * from the first to the second is the model's own memory.
	 */
	readonly memory: {beforeModelBytes: number; afterModelBytes: number; afterContextBytes: number};
	/** Where prompts run; absent: in-process. */
	readonly target?: TargetInfo;
	/** An endpoint's server: resolves with how it died (`exit code 1`, `process 123 exited`) if it does while the engine is open. */
	readonly gone?: Promise<string>;
	/**
	 * Runs one prompt from a clean sequence state. Per-prompt failures (a
	 * prompt longer than the context, an evaluation error) come back as status
	 * `error`; bad options throw `BadOptionError`; a second call while one
	 * runs throws `EngineBusyError`.
	 */
	runPrompt(p: PromptInput, o: RunPromptOptions): Promise<PromptResult>;
	/** Aborts a running prompt, waits for it, and frees the context, model and binding. Idempotent. */
	dispose(): Promise<void>;
}

/** The facts of a loaded engine: plain data, set once it is open (and copied as is to the main thread). */
export type EngineSnapshot = Pick<Engine, 'model' | 'engine' | 'threads' | 'contextSize' | 'batchSize' | 'gpuLayers' | 'loadMs' | 'timings' | 'memory'>;
