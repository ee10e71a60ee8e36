/**
 * The Prometheus view of a run: a consumer of the run's events and store,
 * like the recorder. Per event it only counts (a token is a few comparisons
 * into plain bucket counts, see `bucket-histogram.ts`); counters and gauges
 * are brought up to date when they are read (`refresh`, called on each
 * scrape and before a push), from those counts and the store.
 */
import {hostname} from 'node:os';
import {Counter, Gauge, Registry} from 'prom-client';
import type {RunEvent} from '../run/events.js';
import {selectMetrics} from '../run/metrics.js';
import {RUN_PHASES} from '../run/phase-clock.js';
import {selectCriteria} from '../run/selectors.js';
import type {RunStore} from '../run/store.js';
import {BucketHistogram} from './bucket-histogram.js';
import {sharedVerdict} from './criteria-rows.js';
import {METRICS, SECONDS_BUCKETS, type MetricDoc} from './metric-names.js';
import {hostAlias, redactRef} from './redact.js';

/** Options of {@link RunMetricsExporter}. */
export interface MetricsExporterOptions {
	/** The run's store; may be attached later with `attach` (a server can listen before the run exists). */
	store?: RunStore;
	/**
	 * The host label (the machine's host name by default; an alias of it with `redact`).
	 * @default os.hostname()
	 */
	host?: string;
	/**
	 * Replace the host name by a stable alias and a model path by its file name.
	 * @default false
	 */
	redact?: boolean;
}

const CRITERION_STATUSES = ['pending', 'pass', 'fail', 'skip'] as const;
const VERDICTS = ['running', 'pass', 'fail', 'inconclusive'] as const;
const PHASES = [...RUN_PHASES, 'done'] as const;

/** Exports one run's figures in the Prometheus format (see `metric-names.ts`). */
export class RunMetricsExporter {
	readonly registry = new Registry();
	#store: RunStore | undefined;
	readonly #redact: boolean;
	readonly #host: string;
	/** The running prompt (one runs at a time): its id, start and last token time. */
	#prompt: {id: string; start: number; last: number | null} | null = null;
	#tokens = 0;
	readonly #ended = new Map<string, number>();
	readonly #spikesSeen = {cpu: 0, itl: 0};
	readonly #gauges;
	readonly #histograms;
	readonly #counters;

	constructor(options: MetricsExporterOptions) {
		this.#store = options.store;
		this.#redact = options.redact === true;
		const name = options.host ?? hostname();
		this.#host = this.#redact ? hostAlias(name) : name;
		const gauge = (doc: MetricDoc): Gauge => new Gauge({name: doc.name, help: doc.help, labelNames: [...doc.labels], registers: [this.registry]});
		const histogram = (doc: MetricDoc, buckets: readonly number[]): BucketHistogram => new BucketHistogram(doc.name, doc.help, buckets, this.registry);
		const counter = (doc: MetricDoc): Counter => new Counter({name: doc.name, help: doc.help, labelNames: [...doc.labels], registers: [this.registry]});
		this.#gauges = {
			processCpu: gauge(METRICS.processCpu),
			processCores: gauge(METRICS.processCores),
			inferenceCpu: gauge(METRICS.inferenceCpu),
			observerCpu: gauge(METRICS.observerCpu),
			systemCpu: gauge(METRICS.systemCpu),
			rss: gauge(METRICS.rss),
			rssPeak: gauge(METRICS.rssPeak),
			psi: gauge(METRICS.psi),
			criterionValue: gauge(METRICS.criterionValue),
			criterionThreshold: gauge(METRICS.criterionThreshold),
			criterionStatus: gauge(METRICS.criterionStatus),
			verdict: gauge(METRICS.verdict),
			phase: gauge(METRICS.phase),
			elapsed: gauge(METRICS.elapsed),
			complete: gauge(METRICS.complete),
		};
		this.#histograms = {
			itl: histogram(METRICS.itl, SECONDS_BUCKETS.itl),
			ttft: histogram(METRICS.ttft, SECONDS_BUCKETS.request),
			e2e: histogram(METRICS.e2e, SECONDS_BUCKETS.request),
			canary: histogram(METRICS.canary, SECONDS_BUCKETS.canary),
		};
		this.#counters = {tokens: counter(METRICS.tokens), prompts: counter(METRICS.prompts), spikes: counter(METRICS.spikes)};
		this.#labelRun();
	}

	/** Attaches the run's store (when it was not given to the constructor). */
	attach(store: RunStore): void {
		this.#store = store;
		this.#labelRun();
	}

	/** The labels every series carries now. */
	get labels(): Record<'host' | 'model' | 'quantization' | 'threads', string> {
		const model = this.#store?.model;
		const ref = model?.name ?? model?.ref ?? 'unknown';
		const threads = this.#store?.loaded?.context?.threads ?? this.#store?.runStart?.config.threads;
		return {
			host: this.#host,
			model: this.#redact ? redactRef(ref) : ref,
			quantization: model?.quantization ?? 'unknown',
			threads: threads === undefined ? 'unknown' : String(threads),
		};
	}

	/** Takes one event (call it after the store applied it). Cheap: counts only. */
	onEvent(event: RunEvent): void {
		switch (event.type) {
			case 'run-start':
			case 'model-loaded':
				this.#labelRun();
				return;
			case 'prompt-start':
				this.#prompt = {id: event.promptId, start: event.t, last: null};
				return;
			case 'token':
				this.#onToken(event.promptId, event.t);
				return;
			case 'prompt-end':
				this.#onPromptEnd(event.promptId, event.t, event.status);
				return;
			case 'sample':
				if (Array.isArray(event.canaryLateMs)) for (const late of event.canaryLateMs) this.#histograms.canary.observe(late / 1000);
				return;
			case 'phase':
			case 'pause':
			case 'warning':
			case 'run-end':
				return;
			default:
				return event satisfies never;
		}
	}

	/** Brings every metric up to date from the buffers and the store (on scrape, before a push). */
	refresh(): void {
		this.#flush();
		const store = this.#store;
		if (!store) return;
		const sample = store.lastSample;
		const g = this.#gauges;
		if (sample) {
			g.processCpu.set(sample.cpuPct);
			g.processCores.set(sample.cores);
			g.systemCpu.set(sample.systemCpuPct);
			g.rss.set(sample.rssBytes);
			if (typeof sample.observerCpuPct === 'number') g.observerCpu.set(sample.observerCpuPct);
			if (typeof sample.inferenceCpuPct === 'number') g.inferenceCpu.set(sample.inferenceCpuPct);
		}
		const metrics = selectMetrics(store);
		if (metrics.rss.peakBytes !== null) g.rssPeak.set(metrics.rss.peakBytes);
		if (metrics.psi)
			for (const phase of RUN_PHASES) {
				const share = metrics.psi[phase]?.share;
				if (typeof share === 'number') g.psi.set({phase}, share);
			}
		for (const metric of ['cpu', 'itl'] as const) {
			const count = store.spikeCounts[metric];
			if (count > this.#spikesSeen[metric]) this.#counters.spikes.inc({metric}, count - this.#spikesSeen[metric]);
			this.#spikesSeen[metric] = count;
		}
		const criteria = selectCriteria(store);
		g.criterionValue.reset();
		for (const result of criteria.results) {
			const labels = {criterion: result.id, unit: result.unit};
			if (result.value !== null && Number.isFinite(result.value)) g.criterionValue.set(labels, result.value);
			g.criterionThreshold.set(labels, result.threshold);
			for (const status of CRITERION_STATUSES) g.criterionStatus.set({criterion: result.id, status}, result.status === status ? 1 : 0);
		}
		const verdict = store.runEnd ? sharedVerdict(criteria.verdict) : 'running';
		for (const value of VERDICTS) g.verdict.set({verdict: value}, value === verdict ? 1 : 0);
		const current = store.runEnd ? 'done' : store.clock.current;
		for (const phase of PHASES) g.phase.set({phase}, phase === current ? 1 : 0);
		g.elapsed.set(store.now / 1000);
		g.complete.set(store.runEnd?.complete === true ? 1 : 0);
	}

	/** The exposition text, up to date. */
	async metricsText(): Promise<string> {
		this.refresh();
		return this.registry.metrics();
	}

	#labelRun(): void {
		this.registry.setDefaultLabels(this.labels);
	}

	#onToken(promptId: string, t: number): void {
		this.#tokens++;
		const prompt = this.#prompt;
		if (prompt === null || prompt.id !== promptId) return;
		if (prompt.last === null) this.#histograms.ttft.observe((t - prompt.start) / 1000);
		else this.#histograms.itl.observe((t - prompt.last) / 1000);
		prompt.last = t;
	}

	#onPromptEnd(promptId: string, t: number, status: string): void {
		const prompt = this.#prompt;
		if (status === 'ok' && prompt !== null && prompt.id === promptId) this.#histograms.e2e.observe((t - prompt.start) / 1000);
		this.#ended.set(status, (this.#ended.get(status) ?? 0) + 1);
		if (prompt?.id === promptId) this.#prompt = null;
	}

	#flush(): void {
		if (this.#tokens > 0) this.#counters.tokens.inc(this.#tokens);
		this.#tokens = 0;
		for (const [status, count] of this.#ended) this.#counters.prompts.inc({status}, count);
		this.#ended.clear();
	}
}
