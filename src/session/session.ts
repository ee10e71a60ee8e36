import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import type {Engine, EngineOptions, PromptResult, RunPromptOptions} from '../engine/index.js';
import {EVENTS_SCHEMA, type PromptRef, type RunEndEvent, type RunEvent} from '../run/events.js';
import {RunStore} from '../run/store.js';
import {chunkingWarning, rssBelowModelWarning} from '../run/stream-figures.js';
import type {CriterionSpec, HostInfo, Phase, RunConfig, TargetInfo} from '../run/types.js';
import type {SampleReading, SampleSource, Sampler, SamplerProbes} from '../sampler/index.js';
import {createProcessTreeProbes, startSampler} from '../sampler/index.js';
import {ServerDiedError} from '../engine/endpoint/errors.js';
import {toSampleEvent} from './to-event.js';
import type {SuitePrompt} from '../suite/index.js';
import {PromptDoesNotFitError} from './errors.js';
import {modelLoadedEvent, threadContentionWarning} from './engine-events.js';
import {IntervalLabel} from './interval-label.js';
import {lowerObserverPriority} from './observer-priority.js';
import {PauseGate} from './pause-gate.js';
import {promptEndEvent} from './prompt-outcome.js';
import {PromptQueue} from './prompt-queue.js';

/** What a session runs: a suite's prompts (`run`) or prompts typed live (`try`). */
export interface SessionPlan {
	mode: 'run' | 'try';
	suite: {name: string; path: string; system?: string; gamedCeiling?: number};
	/** Prompts of a `run`, in order; empty for `try`. */
	prompts: SuitePrompt[];
	/** Per-prompt token cap unless the prompt sets its own (`--max-tokens` overrides both). */
	maxTokens: number;
	maxTokensForced: boolean;
}

/** Everything a session needs; producers are injected so tests and benchmarks can swap them. */
export interface SessionOptions {
	plan: SessionPlan;
	config: RunConfig;
	criteria: CriterionSpec[];
	host: HostInfo;
	modelRef: string;
	engineOptions: Omit<EngineOptions, 'signal' | 'onProgress'>;
	/** Loads the model (in a worker thread in the CLI). */
	openEngine(options: EngineOptions): Promise<Engine>;
	/** Extra fields on every sample: canary, PSI, load workers. */
	sources?: SampleSource[];
	/** `--cpu-cap` in % of the machine. */
	cpuCapPct?: number;
	/** Every event, in order, after the store has it (recorder, headless printer). */
	onEvent?(event: RunEvent): void;
	/** Name and version written into `run-start` (and so the report). */
	tool?: {name: string; version: string};
	/** Warnings known before the run starts. */
	warnings?: {code: string; message: string}[];
	/**
	 * Settles once the sources starting in the background (the canary) are up,
	 * with their warnings (e.g. the canary fell back to Node): the run starts
	 * at once and waits for it only before the first prompt.
	 */
	sourcesReady?: Promise<{code: string; message: string}[]>;
	/** Milliseconds from an arbitrary origin (default `performance.now`); tests inject a fake one. */
	clock?: {now(): number};
	/**
	 * What the prompts run on, as known before loading (written into
	 * `run-start`). An endpoint's process tree is sampled instead of llmtop's
	 * own process: from `pid` at once, or from the PID the engine reports
	 * (`--launch`); without either nothing is sampled (latency only).
	 * @default in-process
	 */
	target?: TargetInfo;
}

/** How a session ended. */
export type SessionEnd = RunEndEvent['reason'];

/**
 * One profiling session: load, idle-before, prompts, idle-after. Emits the
 * event stream into its store (and `onEvent`); controls (pause, skip, stop,
 * submit) come from the dashboard keys or signals.
 */
export class Session {
	readonly store = new RunStore();
	readonly #options: SessionOptions;
	readonly #clock: {now(): number};
	readonly #origin: number;
	readonly #stop = new AbortController();
	readonly #phase = new IntervalLabel<Phase>('load', (phase) => phase === 'load' || phase === 'prompts');
	readonly #promptId = new IntervalLabel<string | undefined>(undefined, (id) => id !== undefined);
	#promptAbort: AbortController | undefined;
	#skipRequested = false;
	readonly #pause = new PauseGate();
	#endReason: SessionEnd | undefined;
	#engine: Engine | undefined;
	#sampler: Sampler | undefined;
	readonly #tryouts = new PromptQueue();
	/** `try`: a prompt taken from the queue whose `prompt-start` has not come yet (it still counts as queued). */
	#tryoutStarting = false;
	#fatal: Error | undefined;
	/** Why the engine died during the prompts, once it did: the run ends with `error`, the verdict decides. */
	#crash: string | undefined;
	#probes: SamplerProbes | undefined;
	#promptsStarted = 0;
	#died: string | undefined;
	#chunkingWarned = false;
	#rssWarned = false;
	#disposing = false;

	constructor(options: SessionOptions) {
		this.#options = options;
		this.#clock = options.clock ?? performance;
		this.#origin = this.#clock.now();
	}

	/** Milliseconds since the session started (the events' `t`). */
	now(): number {
		return this.#clock.now() - this.#origin;
	}

	/** Runs the whole session; resolves with how it ended. Never rejects for a stop; rejects for load errors. */
	async run(): Promise<SessionEnd> {
		const {plan, config} = this.#options;
		this.#emit({
			type: 'run-start',
			t: 0,
			schema: EVENTS_SCHEMA,
			startedAt: new Date().toISOString(),
			mode: plan.mode,
			host: this.#options.host,
			model: {ref: this.#options.modelRef, path: ''},
			config,
			criteria: this.#options.criteria,
			suite: {
				name: plan.suite.name,
				path: plan.suite.path,
				prompts: plan.prompts.map(toPromptRef),
				...(plan.suite.gamedCeiling === undefined ? {} : {gamedCeiling: plan.suite.gamedCeiling}),
			},
			...(this.#options.tool ? {tool: this.#options.tool} : {}),
			...(this.#options.target ? {target: this.#options.target} : {}),
		});
		for (const warning of this.#options.warnings ?? []) this.#warn(warning.code, warning.message);
		const sourcesReady = this.#options.sourcesReady?.then((warnings) => {
			for (const warning of warnings) this.notify(warning.code, warning.message);
		});
		this.#enterPhase('load');
		const target = this.#options.target;
		if (target?.kind !== 'endpoint') this.#startSampler();
		else if (target.pid !== undefined) this.#sampleProcess(target.pid);
		try {
			await this.#load();
			if (sourcesReady && !this.#stopped()) await Promise.race([sourcesReady, this.#whenStopped()]);
			if (this.#stopped()) return this.#finish();
			this.#enterPhase('idle-before');
			if (plan.mode === 'try') {
				await this.#tryLoop();
			} else {
				await this.#wait(config.idleSeconds * 1000);
				if (!this.#stopped()) {
					this.#enterPhase('prompts');
					await this.#runSuite();
				}
				if (!this.#stopped()) {
					this.#enterPhase('idle-after');
					await this.#wait(config.idleSeconds * 1000);
				}
			}
			if (this.#fatal) throw this.#fatal;
			if (this.#crash !== undefined) return this.#finish('error', this.#crash);
			return this.#finish();
		} catch (error) {
			if (this.#stopped() && error !== this.#fatal) return this.#finish();
			this.#finish('error', error instanceof Error ? error.message : String(error));
			throw error;
		} finally {
			await this.#dispose();
		}
	}

	/** Stops the session: aborts the running prompt, skips the rest. */
	stop(reason: 'interrupted' | 'terminated' = 'interrupted'): void {
		if (this.#stop.signal.aborted || this.store.runEnd) return;
		this.#endReason = reason;
		this.#stop.abort();
		this.#promptAbort?.abort();
		this.#pause.release();
		this.#tryouts.end({drop: true});
	}

	/** Pauses after the running prompt (or now, between prompts); resumes when paused. */
	togglePause(): void {
		this.#pause.toggle();
	}

	/** Skips the running prompt (it is marked `skipped`). */
	skipPrompt(): void {
		if (!this.#promptAbort) return;
		this.#skipRequested = true;
		this.#promptAbort.abort();
	}

	/** `try`: queues a prompt typed by the user. */
	submit(text: string): void {
		if (!this.#stopped()) this.#tryouts.push(text);
	}

	/** `try`: how many typed prompts have not started yet (waiting for the running one, or about to start). */
	queued(): number {
		return this.#tryouts.size + (this.#tryoutStarting ? 1 : 0);
	}

	/**
	 * `try`: no more prompts will come; the session ends normally once the
	 * queued prompts ran — or at once with `now` (the running prompt is
	 * aborted, queued ones are dropped).
	 */
	endInput(options: {now?: boolean} = {}): void {
		this.#tryouts.end({drop: options.now === true});
		if (options.now) this.#promptAbort?.abort();
	}

	/** Puts a notice in the event stream (the dashboard shows it with the warnings). */
	notify(code: string, message: string): void {
		if (!this.store.runEnd) this.#warn(code, message);
	}

	/** `try`: aborts the running prompt, keeping its partial answer. */
	abortPrompt(): void {
		this.#promptAbort?.abort();
	}

	#stopped(): boolean {
		return this.#stop.signal.aborted;
	}

	#emit(event: RunEvent): void {
		this.store.apply(event);
		this.#options.onEvent?.(event);
	}

	#warn(code: string, message: string): void {
		this.#emit({type: 'warning', t: this.now(), code, message});
	}

	#enterPhase(name: Phase): void {
		const t = this.now();
		this.#phase.set(name, t);
		this.#emit({type: 'phase', t, name});
	}

	/** Samples an endpoint's server: its process tree instead of llmtop's own process. */
	#sampleProcess(pid: number): void {
		if (this.#stopped() || this.store.runEnd) return;
		this.#stopSampler();
		try {
			this.#probes = createProcessTreeProbes({pid});
		} catch (error) {
			this.#warn('server-not-sampled', `the server's process ${pid} cannot be sampled: ${(error as Error).message}`);
			return;
		}
		this.#startSampler(this.#probes);
	}

	#stopSampler(): void {
		this.#sampler?.stop();
		this.#sampler = undefined;
		this.#probes?.close?.();
		this.#probes = undefined;
	}

	#startSampler(probes?: SamplerProbes): void {
		this.#sampler = startSampler({
			...(probes ? {probes} : {}),
			intervalMs: this.#options.config.intervalMs,
			...(this.#options.host.cpusAvailable === undefined ? {} : {logicalCores: this.#options.host.cpusAvailable}),
			clock: {
				now: () => this.now(),
				setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
				clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
			},
			sources: this.#options.sources ?? [],
			onSample: (reading: SampleReading) => {
				const {t, intervalMs} = reading;
				const event = toSampleEvent(reading, this.#phase.of(t, intervalMs), this.#promptId.of(t, intervalMs));
				this.#emit(event);
				if (probes && !this.#rssWarned && event.phase === 'prompts' && event.promptId !== undefined) {
					const warning = rssBelowModelWarning(reading.rssBytes, this.#engine?.model.sizeBytes ?? 0, this.#options.target?.pid ?? this.#engine?.target?.pid);
					if (warning) {
						this.#rssWarned = true;
						this.#warn('rss-below-model', warning);
					}
				}
			},
		});
	}

	async #load(): Promise<void> {
		const onProcess = this.#options.target?.kind === 'endpoint' ? {onProcess: (pid: number) => this.#sampleProcess(pid)} : {};
		const onProgress = (stage: string, fraction?: number): void =>
			this.store.setLoadProgress({stage, fraction: fraction === undefined ? undefined : Math.round(fraction * 100) / 100});
		this.#engine = await this.#options.openEngine({...this.#options.engineOptions, signal: this.#stop.signal, ...onProcess, onProgress});
		this.store.setLoadProgress(null);
		const engine = this.#engine;
		this.#emit(modelLoadedEvent(engine, this.now()));
		void engine.gone?.then((why) => this.#serverDied(why));
		const {observerNice} = this.#options.config;
		if (observerNice !== undefined) lowerObserverPriority(observerNice);
		const contention = threadContentionWarning(engine, Math.floor(this.#options.host.cpusAvailable ?? this.#options.host.logicalCores));
		if (contention) this.#warn('thread-contention', contention);
	}

	/**
	 * The suite's prompts, once — or, in a soak, pass after pass: `--repeat N`
	 * runs N passes; `--duration D` starts prompts until D has elapsed since
	 * the prompts phase began, and the prompt running then finishes (the last
	 * pass is usually partial). Prompt ids stay the suite's; each
	 * `prompt-start` carries its pass.
	 */
	async #runSuite(): Promise<void> {
		const {prompts} = this.#options.plan;
		const {repeat, durationMs} = this.#options.config;
		const soak = repeat !== undefined || durationMs !== undefined;
		const passes = repeat ?? (durationMs === undefined ? 1 : Infinity);
		const deadline = durationMs === undefined ? Infinity : this.now() + durationMs;
		const total = Number.isFinite(passes) ? passes * prompts.length : 0;
		let index = 0;
		for (let pass = 1; pass <= passes && prompts.length > 0; pass++) {
			for (const prompt of prompts) {
				if (!this.#stopped()) await this.#pause.gate((paused) => this.#emit({type: 'pause', t: this.now(), paused}));
				if (this.#stopped() || this.now() >= deadline) return;
				await this.#runPrompt(prompt, index++, total, soak ? pass : undefined);
			}
		}
	}

	async #tryLoop(): Promise<void> {
		for (let count = 0; !this.#stopped(); count++) {
			const text = await this.#tryouts.next();
			if (text === undefined || this.#stopped()) break;
			const prompt: SuitePrompt = {id: `try-${count + 1}`, prompt: text, tags: [], weight: 1, checks: []};
			this.#tryoutStarting = true;
			this.#enterPhase('prompts');
			try {
				await this.#runPrompt(prompt, count, 0);
			} finally {
				this.#tryoutStarting = false;
			}
			if (!this.#stopped()) this.#enterPhase('idle-before');
		}
	}

	async #runPrompt(prompt: SuitePrompt, index: number, total: number, pass?: number): Promise<void> {
		const engine = this.#engine;
		if (!engine) return;
		const {plan, config, cpuCapPct} = this.#options;
		const abort = new AbortController();
		this.#promptAbort = abort;
		this.#skipRequested = false;
		const submittedAt = this.now();
		this.#promptId.set(prompt.id, submittedAt);
		let started = false;
		const start = (promptTokens: number): void => {
			if (started) return;
			started = true;
			this.#tryoutStarting = false;
			this.#emit({
				type: 'prompt-start',
				t: submittedAt,
				promptId: prompt.id,
				index,
				total,
				promptTokens,
				prompt: prompt.prompt,
				...(pass === undefined ? {} : {pass}),
			});
		};
		const maxTokens = plan.maxTokensForced ? plan.maxTokens : (prompt.maxTokens ?? plan.maxTokens);
		const options: RunPromptOptions = {
			temperature: config.temperature,
			topP: config.topP,
			maxTokens,
			signal: abort.signal,
			now: () => this.now(),
			onPromptTokens: start,
			onToken: (tokenIndex, text, t) => this.#emit({type: 'token', t, promptId: prompt.id, index: tokenIndex, text}),
			...(config.seed === undefined ? {} : {seed: config.seed}),
			...(cpuCapPct === undefined ? {} : {cpuCapPct, cpuCapWindowMs: config.intervalMs, ...machineCpus(this.#options.host)}),
		};
		const input = {id: prompt.id, prompt: prompt.prompt, ...(plan.suite.system ? {system: plan.suite.system} : {})};
		this.#promptsStarted++;
		let tokens = 0;
		let text = '';
		const onToken = options.onToken;
		options.onToken = (tokenIndex, piece, t) => {
			tokens++;
			text += piece;
			onToken?.(tokenIndex, piece, t);
		};
		let result: PromptResult;
		try {
			result = await engine.runPrompt(input, options);
		} catch (error) {
			// Dead before the first prompt got going: the engine never ran a prompt (exit 2, as a load failure).
			if (!started && index === 0 && plan.mode === 'run') throw error;
			const message = `the engine failed: ${error instanceof Error ? error.message : String(error)}`;
			result = {status: 'error', response: text, promptTokens: 0, outputTokens: tokens, error: message};
			this.#crash = message;
			this.#stop.abort();
		}
		start(result.promptTokens);
		this.#emit(promptEndEvent(prompt, result, this.now(), {skipped: this.#skipRequested, synthetic: engine.model.synthetic}));
		this.#checkStream();
		if (result.errorName === 'ServerDiedError') this.#serverDied(result.error ?? 'the server died');
		this.#promptId.set(undefined, this.now());
		this.#promptAbort = undefined;
		if (result.errorName === 'ContextTooSmallError' && plan.mode === 'run') {
			this.#fatal = new PromptDoesNotFitError(prompt.id, result.error);
			this.#stop.abort();
		}
	}

	#checkStream(): void {
		const stream = this.store.stream;
		if (this.#chunkingWarned || !stream) return;
		const warning = chunkingWarning(stream);
		if (!warning) return;
		this.#chunkingWarned = true;
		this.#warn('itl-chunked', warning);
	}

	/**
	 * An endpoint's server died. Before the first prompt the run cannot go on
	 * (bad input: exit 2); during the prompts the running prompt is an error,
	 * the rest are not run, and the run ends `error` with its report.
	 */
	#serverDied(why: string): void {
		if (this.#died !== undefined || this.store.runEnd || this.#disposing) return;
		const description = why.replace(/^the server died: /, '');
		this.#died = description;
		if (this.#promptsStarted === 0) {
			this.#fatal = new ServerDiedError(`${description} (before the first prompt)`);
		} else {
			this.#warn('server-died', `the server died during the prompts (${description}); the prompts after it were not run`);
			this.#endReason = 'error';
		}
		this.#stop.abort();
		this.#promptAbort?.abort();
		this.#pause.release();
		this.#tryouts.end({drop: true});
	}

	#whenStopped(): Promise<void> {
		const signal = this.#stop.signal;
		return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), {once: true}));
	}

	async #wait(ms: number): Promise<void> {
		if (ms <= 0 || this.#stopped()) return;
		try {
			await sleep(ms, undefined, {signal: this.#stop.signal});
		} catch {
			// stopped
		}
	}

	#finish(reason?: SessionEnd, message?: string): SessionEnd {
		if (this.store.runEnd) return this.store.runEnd.reason;
		const end: SessionEnd = reason ?? this.#endReason ?? 'done';
		this.#endReason = end;
		this.#stopSampler();
		if (!message && this.#died !== undefined) message = `the server died: ${this.#died}`;
		if (this.#phase.current !== 'done') this.#enterPhase('done');
		this.#emit({
			type: 'run-end',
			t: this.now(),
			complete: end === 'done',
			reason: end,
			finishedAt: new Date().toISOString(),
			...(message ? {message} : {}),
		});
		return end;
	}

	async #dispose(): Promise<void> {
		this.#disposing = true;
		const engine = this.#engine;
		this.#engine = undefined;
		await engine?.dispose();
	}
}

function toPromptRef(prompt: SuitePrompt): PromptRef {
	return {id: prompt.id, prompt: prompt.prompt, tags: prompt.tags, weight: prompt.weight};
}

/** The run's machine CPUs for the cap (`host.cpusAvailable`), so the cap and the samples share one 100 %. */
function machineCpus(host: HostInfo): {cpuCapCores?: number} {
	return host.cpusAvailable === undefined ? {} : {cpuCapCores: host.cpusAvailable};
}
