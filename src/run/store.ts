/**
 * The run store: a deterministic function of the event stream. No I/O, no
 * clock, no randomness; `apply` is O(1) amortised per event (a `prompt-end`
 * is O(that prompt's gaps) once) and memory is bounded by retention windows,
 * capped lists and sketches. Live, headless and replay feed the same store.
 * Events are treated as immutable: the store keeps references to some of them
 * (`run-start`, `model-loaded`, the latest sample, warnings).
 */
import {createCharts, type Chart, type ChartId} from './charts.js';
import {defaultCriteria} from './criteria.js';
import type {ModelLoadedEvent, PromptEndEvent, RunEndEvent, RunEvent, RunStartEvent, SampleEvent, TokenEvent, WarningEvent} from './events.js';
import {OthersCpuTally} from './others-cpu-tally.js';
import {PassTracker} from './pass-tracker.js';
import {PhaseClock} from './phase-clock.js';
import {promptFigures} from './prompt-record.js';
import {PromptTracker} from './prompt-tracker.js';
import {RecentList} from './recent-list.js';
import {sampleGroup, SampleStats} from './sample-stats.js';
import {cpuSpikeRule, ITL_SPIKE_RULE, SpikeDetector} from './spikes.js';
import type {CriterionSpec, ModelInfo, Spike, SpikeMetric, StreamCounts, TargetInfo} from './types.js';

/** Options of {@link RunStore}. */
export interface RunStoreOptions {
	/**
	 * Chart points older than this (relative to the newest point) are dropped.
	 * @default 600_000 (10 minutes)
	 */
	retentionMs?: number;
	/**
	 * Hard cap on points per chart.
	 * @default 262_144
	 */
	maxChartPoints?: number;
	/**
	 * Spikes kept for listing (all are counted).
	 * @default 1000
	 */
	maxSpikes?: number;
	/**
	 * Warnings kept (all are counted).
	 * @default 200
	 */
	maxWarnings?: number;
}

/** A stage of opening the model and how far it got (0..1, when known). */
export interface LoadProgress {
	/** `resolve`, `download`, `synthesize` (writing a synthetic model), `binding`, `model` (loading the weights), `context`, `ready`. */
	stage: string;
	fraction?: number | undefined;
}

/** The run's store. Read its state through the getters and the selectors in `selectors.ts`; change it only with `apply`. */
export class RunStore {
	#version = 0;
	#now = 0;
	#runStart: RunStartEvent | null = null;
	#loaded: ModelLoadedEvent | null = null;
	#runEnd: RunEndEvent | null = null;
	#criteria: CriterionSpec[] = defaultCriteria();
	#lastSample: SampleEvent | null = null;
	readonly #clock = new PhaseClock();
	readonly #prompts = new PromptTracker();
	readonly #passes = new PassTracker();
	readonly #samples = new SampleStats();
	readonly #others = new OthersCpuTally();
	readonly #charts: Record<ChartId, Chart>;
	readonly #spikes: RecentList<Spike>;
	readonly #spikeCounts: Record<SpikeMetric, number> = {cpu: 0, itl: 0};
	#spikesDuringLoad = 0;
	readonly #warnings: RecentList<WarningEvent>;
	#cpuSpikes = new SpikeDetector(cpuSpikeRule(2));
	readonly #itlSpikes = new SpikeDetector(ITL_SPIKE_RULE);
	readonly #listeners = new Set<() => void>();
	#stream: StreamCounts | null = null;
	#loadProgress: LoadProgress | null = null;

	constructor(options: RunStoreOptions = {}) {
		this.#charts = createCharts({retentionMs: options.retentionMs ?? 600_000, maxPoints: options.maxChartPoints ?? 262_144});
		this.#spikes = new RecentList(options.maxSpikes ?? 1000);
		this.#warnings = new RecentList(options.maxWarnings ?? 200);
	}

	/** Bumped by every event that changed something visible; a no-op event keeps it. */
	get version(): number {
		return this.#version;
	}

	/** Latest event time seen (ms since run start): the run's elapsed time. */
	get now(): number {
		return this.#now;
	}

	get runStart(): RunStartEvent | null {
		return this.#runStart;
	}

	/** The `model-loaded` event, once it came. */
	get loaded(): ModelLoadedEvent | null {
		return this.#loaded;
	}

	/** Full model facts once loaded, else what `run-start` knew. */
	get model(): (Partial<ModelInfo> & Pick<ModelInfo, 'ref' | 'path'>) | null {
		return this.#loaded?.model ?? this.#runStart?.model ?? null;
	}

	get runEnd(): RunEndEvent | null {
		return this.#runEnd;
	}

	/** Criteria as configured in `run-start` (the defaults when it listed none). */
	get criteria(): readonly CriterionSpec[] {
		return this.#criteria;
	}

	get lastSample(): SampleEvent | null {
		return this.#lastSample;
	}

	get clock(): PhaseClock {
		return this.#clock;
	}

	get prompts(): PromptTracker {
		return this.#prompts;
	}

	/** Passes of the suite (soaks run it more than once) and the RSS growth over them. */
	get passes(): PassTracker {
		return this.#passes;
	}

	get samples(): SampleStats {
		return this.#samples;
	}

	/** Other processes' CPU over the prompts phase and the last seconds (the busy-machine check). */
	get othersCpu(): OthersCpuTally {
		return this.#others;
	}

	get charts(): Readonly<Record<ChartId, Chart>> {
		return this.#charts;
	}

	/** The latest spikes (capped list; `total` counts all). */
	get spikes(): RecentList<Spike> {
		return this.#spikes;
	}

	get spikeCounts(): Readonly<Record<SpikeMetric, number>> {
		return this.#spikeCounts;
	}

	/** Spikes that peaked while the model loaded (all counted, listed or not). */
	get spikesDuringLoad(): number {
		return this.#spikesDuringLoad;
	}

	get warnings(): RecentList<WarningEvent> {
		return this.#warnings;
	}

	/** An endpoint's streamed tokens over every prompt so far (`null` in-process). */
	get stream(): Readonly<StreamCounts> | null {
		return this.#stream;
	}

	/** What the prompts run on: the latest the events said (in-process when they said nothing). */
	get target(): TargetInfo {
		return this.#loaded?.target ?? this.#runStart?.target ?? {kind: 'in-process'};
	}

	/** Calls `listener` after every `apply` that bumped the version; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Applies every event in order. */
	applyAll(events: Iterable<RunEvent>): void {
		for (const event of events) this.apply(event);
	}

	/**
	 * How far opening the model has got (writing a synthetic model, loading
	 * it, creating the context), while it loads; `null` otherwise. Live only:
	 * not an event, so not recorded or replayed (a replay has no loading to
	 * wait for).
	 */
	get loadProgress(): LoadProgress | null {
		return this.#loadProgress;
	}

	/** Sets {@link loadProgress} (the session calls it from the engine's progress callback); `null` once loaded. */
	setLoadProgress(progress: LoadProgress | null): void {
		if (this.#runEnd) return;
		const same = progress?.stage === this.#loadProgress?.stage && progress?.fraction === this.#loadProgress?.fraction;
		if (same) return;
		this.#loadProgress = progress;
		this.#version++;
		for (const listener of this.#listeners) listener();
	}

	/** Applies one event; returns true when it changed something (and bumped `version`). Events after `run-end` are ignored. */
	apply(event: RunEvent): boolean {
		if (this.#runEnd) return false;
		const changed = this.#reduce(event);
		if (!changed) return false;
		if (event.t > this.#now) this.#now = event.t;
		this.#version++;
		for (const listener of this.#listeners) listener();
		return true;
	}

	#reduce(event: RunEvent): boolean {
		if (event.type === 'model-loaded') this.#loadProgress = null;
		switch (event.type) {
			case 'run-start':
				return this.#onRunStart(event);
			case 'model-loaded':
				this.#loaded = event;
				return true;
			case 'phase':
				if (event.name !== 'prompts') this.#passes.stop();
				return this.#clock.enter(event.name, event.t);
			case 'sample':
				this.#onSample(event);
				return true;
			case 'prompt-start':
				this.#prompts.start(event);
				this.#passes.promptStarted(event.pass ?? 1);
				return true;
			case 'token':
				return this.#onToken(event);
			case 'prompt-end':
				if (event.stream) this.#stream = addStream(this.#stream, event.stream);
				return this.#onPromptEnd(event);
			case 'pause':
				return this.#clock.setPaused(event.paused, event.t);
			case 'warning':
				this.#warnings.push(event);
				return true;
			case 'run-end':
				this.#onRunEnd(event);
				return true;
			default:
				return event satisfies never;
		}
	}

	#onRunStart(event: RunStartEvent): boolean {
		if (this.#runStart) return false;
		this.#runStart = event;
		this.#cpuSpikes = new SpikeDetector(cpuSpikeRule(event.host.cpusAvailable ?? event.host.logicalCores));
		this.#criteria = event.criteria.length > 0 ? event.criteria.map((spec) => ({...spec})) : defaultCriteria();
		this.#prompts.listSuite(event.suite.prompts);
		this.#passes.setPassSize(event.mode === 'run' ? event.suite.prompts.length : 0);
		return true;
	}

	#onSample(sample: SampleEvent): void {
		const previous = this.#lastSample;
		const own = sample.intervalMs;
		const intervalMs = typeof own === 'number' && own > 0 ? own : previous ? sample.t - previous.t : (this.#runStart?.config.intervalMs ?? 100);
		const paused = this.#clock.paused;
		this.#samples.add(sample, intervalMs, paused, this.#prompts.lastTokenT, this.#loaded !== null);
		const host = this.#runStart?.host;
		const shape = {logicalCores: host?.logicalCores ?? 1, cpusAvailable: host?.cpusAvailable, loadWorkers: this.#runStart?.config.loadWorkers};
		this.#others.add(sample, intervalMs, sampleGroup(sample.phase, paused) === 'active', shape);
		this.#charts.cpu.push(sample.t, sample.cpuPct);
		this.#charts.systemCpu.push(sample.t, sample.systemCpuPct);
		this.#charts.rss.push(sample.t, sample.rssBytes);
		if (sample.phase === 'prompts') this.#passes.sample(sample.t, sample.rssBytes);
		const late = sample.canaryLateMs;
		if (Array.isArray(late) && late.length > 0) this.#charts.canary.push(sample.t, Math.max(...late));
		const promptId = sample.promptId ?? this.#prompts.running?.id ?? null;
		// The model's CPU where the per-thread split exists: llmtop's own frames are not the model's spikes.
		const modelCpu = typeof sample.inferenceCpuPct === 'number' ? sample.inferenceCpuPct : sample.cpuPct;
		this.#addSpike(this.#cpuSpikes.push({t: sample.t, value: modelCpu, intervalMs, phase: sample.phase, promptId}));
		this.#lastSample = sample;
	}

	#onToken(event: TokenEvent): boolean {
		const update = this.#prompts.token(event);
		if (!update) return false;
		if (update.gapMs === null) return true;
		this.#charts.itl.push(event.t, update.gapMs);
		// The running prompt's decode rate so far, by the prompts table's definition: it ends at the prompt's tok/s.
		const rate = promptFigures(update.record).decodeTokensPerSec;
		if (rate !== null) this.#charts.tokensPerSec.push(event.t, rate);
		const phase = this.#clock.current ?? 'prompts';
		const point = {t: event.t, value: update.gapMs, intervalMs: update.gapMs, phase, promptId: event.promptId};
		this.#addSpike(this.#itlSpikes.push(point));
		return true;
	}

	#onPromptEnd(event: PromptEndEvent): boolean {
		const record = this.#prompts.end(event);
		if (!record) return false;
		this.#passes.promptEnded(record.pass);
		this.#addSpike(this.#itlSpikes.flush());
		if (event.outputTokens !== record.tokens) {
			const message = `prompt ${record.id}: prompt-end says ${event.outputTokens} output tokens, ${record.tokens} token events were received`;
			this.#warnings.push({type: 'warning', t: event.t, code: 'token-count-mismatch', message});
		}
		return true;
	}

	#onRunEnd(event: RunEndEvent): void {
		this.#runEnd = event;
		this.#prompts.abortRunning(event.t);
		this.#passes.stop();
		this.#addSpike(this.#itlSpikes.flush());
		this.#addSpike(this.#cpuSpikes.flush());
		this.#clock.end(event.t);
	}

	#addSpike(spike: Spike | null): void {
		if (!spike) return;
		this.#spikes.push(spike);
		this.#spikeCounts[spike.metric]++;
		if (spike.phase === 'load') this.#spikesDuringLoad++;
	}
}

/** Sums stream counts; the weakest way of counting wins (`events` < `usage` < `server-timings`). */
function addStream(total: StreamCounts | null, add: StreamCounts): StreamCounts {
	if (!total) return {...add};
	if (add.events === 0) return total;
	if (total.events === 0) return {...add};
	const rank = {events: 0, usage: 1, 'server-timings': 2} as const;
	return {
		events: total.events + add.events,
		tokens: total.tokens + add.tokens,
		multiTokenEvents: total.multiTokenEvents + add.multiTokenEvents,
		mergedTokens: total.mergedTokens + add.mergedTokens,
		countedBy: rank[add.countedBy] < rank[total.countedBy] ? add.countedBy : total.countedBy,
	};
}
