import {realClock} from './clock.js';
import {readMachineCpus} from './machine-cpus.js';
import {createDefaultProbes} from './probes.js';
import {nextTick} from './schedule.js';
import type {SampleReading, SampleSource, SamplerClock, SamplerProbes} from './types.js';

/** Options of `startSampler`. */
export interface SamplerOptions {
	/**
	 * Time between samples, ms (at least 20: machine CPU counters tick every 10 ms).
	 * @default 100
	 */
	intervalMs?: number;
	/**
	 * Monotonic clock and timers. Pass one whose `now()` is ms since the run
	 * started and each reading's `t` is the event's `t`.
	 * @default realClock (performance.now, unref'd setTimeout)
	 */
	clock?: SamplerClock;
	/**
	 * Where numbers come from. Probes passed in stay open on `stop()`.
	 * @default createDefaultProbes({observerTids})
	 */
	probes?: SamplerProbes;
	/** Extra llmtop-owned thread ids counted as observer CPU (default probes only). */
	observerTids?: () => Iterable<number>;
	/**
	 * The machine's CPUs: 100 % of every CPU figure (pass the run's
	 * `host.cpusAvailable`; may be fractional under a cgroup quota).
	 * @default readMachineCpus().count (affinity, or the cgroup quota when lower)
	 */
	logicalCores?: number;
	/** Canary, PSI, load workers...: each adds its fields at every tick. */
	sources?: readonly SampleSource[];
	/** Receives every reading after the first (dropped) one. */
	onSample(reading: SampleReading): void;
	/** A probe or source failed; a failed required probe merges this tick into the next. */
	onError?(error: unknown): void;
}

/** A running sampler. */
export interface Sampler {
	/** Stops the loop (idempotent); closes the default probes. */
	stop(): void;
	/** Highest RSS so far, bytes (kernel high-water mark where known). */
	peakRssBytes(): number;
	/** Readings emitted so far. */
	readonly samples: number;
}

const MIN_INTERVAL_MS = 20;

/**
 * Starts the sampling loop. The first sample is taken now, at startup, and
 * dropped: it only sets the baselines the next ticks are differenced
 * against. Ticks follow a fixed grid (`setTimeout` re-aimed at each slot, no
 * drift; late ticks skip slots) and each reading covers the actual time since
 * the previous one. The reading carries `t` from the clock; the caller adds
 * `phase` and `promptId` (`toSampleEvent`).
 */
export function startSampler(options: SamplerOptions): Sampler {
	const intervalMs = options.intervalMs ?? 100;
	if (!(intervalMs >= MIN_INTERVAL_MS) || !Number.isFinite(intervalMs)) {
		throw new RangeError(`sampler interval must be a number of ms >= ${MIN_INTERVAL_MS}, got ${intervalMs}`);
	}
	const logicalCores = options.logicalCores ?? readMachineCpus().count;
	if (!(logicalCores > 0)) throw new RangeError(`logical cores must be > 0, got ${logicalCores}`);
	const loop = new SamplerLoop(
		intervalMs,
		options.clock ?? realClock,
		options.probes ?? createDefaultProbes(options.observerTids ? {observerTids: options.observerTids} : {}),
		options.probes === undefined,
		logicalCores,
		options.sources ?? [],
		options.onSample,
		options.onError,
	);
	loop.start();
	return loop;
}

class SamplerLoop implements Sampler {
	samples = 0;
	private running = false;
	private timer: unknown;
	private origin = 0;
	private slot = 0;
	private prevT = 0;
	private prevCpuUs = Number.NaN;
	private prevBusy = Number.NaN;
	private prevTotal = Number.NaN;
	private prevObserverNs = Number.NaN;
	private lastSystemPct = 0;
	private peak = 0;

	constructor(
		private readonly intervalMs: number,
		private readonly clock: SamplerClock,
		private readonly probes: SamplerProbes,
		private readonly ownsProbes: boolean,
		private readonly logicalCores: number,
		private readonly sources: readonly SampleSource[],
		private readonly onSample: (reading: SampleReading) => void,
		private readonly onError: ((error: unknown) => void) | undefined,
	) {}

	start(): void {
		this.running = true;
		this.origin = this.clock.now();
		this.prime(this.origin);
		this.schedule(this.origin);
	}

	stop(): void {
		if (!this.running) return;
		this.running = false;
		this.clock.clearTimer(this.timer);
		if (this.ownsProbes) this.probes.close?.();
	}

	peakRssBytes(): number {
		this.updatePeak(Number.NaN);
		return this.peak;
	}

	private prime(now: number): void {
		this.prevT = now;
		this.prevCpuUs = this.attempt(() => this.probes.processCpuUs()) ?? Number.NaN;
		const times = this.attempt(() => this.probes.systemCpu());
		this.prevBusy = times?.busy ?? Number.NaN;
		this.prevTotal = times?.total ?? Number.NaN;
		this.prevObserverNs = this.optional(this.probes.observerCpuNs);
		this.updatePeak(this.attempt(() => this.probes.rssBytes()) ?? Number.NaN);
		for (const source of this.sources) this.attempt(() => source.prime());
	}

	private schedule(now: number): void {
		const next = nextTick(this.origin, this.intervalMs, this.slot, now);
		this.slot = next.slot;
		this.timer = this.clock.setTimer(this.tick, next.delayMs);
	}

	private readonly tick = (): void => {
		if (!this.running) return;
		const now = this.clock.now();
		const reading = this.read(now);
		this.schedule(this.clock.now());
		if (reading) {
			this.samples++;
			this.onSample(reading);
		}
	};

	private read(now: number): SampleReading | undefined {
		const elapsedMs = now - this.prevT;
		if (!(elapsedMs > 0)) return undefined;
		let cpuUs: number;
		let rss: number;
		let busy: number;
		let total: number;
		try {
			cpuUs = this.probes.processCpuUs();
			rss = this.probes.rssBytes();
			const times = this.probes.systemCpu();
			busy = times.busy;
			total = times.total;
		} catch (error) {
			this.onError?.(error);
			return undefined;
		}
		if (Number.isNaN(this.prevCpuUs) || Number.isNaN(this.prevTotal)) {
			this.prime(now);
			return undefined;
		}
		const cpuMs = Math.max(0, cpuUs - this.prevCpuUs) / 1000;
		const cpuPct = clampPct((cpuMs / elapsedMs / this.logicalCores) * 100);
		const reading: SampleReading = {
			t: now,
			intervalMs: elapsedMs,
			cpuPct,
			cores: (cpuPct * this.logicalCores) / 100,
			rssBytes: rss,
			peakRssBytes: 0,
			systemCpuPct: this.systemPct(busy, total),
		};
		this.prevT = now;
		this.prevCpuUs = cpuUs;
		this.updatePeak(rss);
		reading.peakRssBytes = this.peak;

		const memUsed = this.optional(this.probes.systemMemUsedBytes);
		if (!Number.isNaN(memUsed)) reading.systemMemUsedBytes = memUsed;

		const observerNs = this.optional(this.probes.observerCpuNs);
		if (!Number.isNaN(observerNs) && !Number.isNaN(this.prevObserverNs)) {
			const observerMs = Math.max(0, observerNs - this.prevObserverNs) / 1e6;
			const ownPct = clampPct((observerMs / elapsedMs / this.logicalCores) * 100);
			const observerPct = this.probes.observerApart ? ownPct : Math.min(cpuPct, ownPct);
			reading.observerCpuPct = observerPct;
			reading.inferenceCpuPct = this.probes.observerApart ? cpuPct : cpuPct - observerPct;
		}
		const threads = this.optional(this.probes.threadCount);
		if (!Number.isNaN(threads)) reading.threads = threads;
		this.prevObserverNs = observerNs;

		for (const source of this.sources) {
			try {
				source.contribute(reading, elapsedMs);
			} catch (error) {
				this.onError?.(error);
			}
		}
		return reading;
	}

	private systemPct(busy: number, total: number): number {
		const dTotal = total - this.prevTotal;
		if (dTotal > 0) {
			this.lastSystemPct = clampPct(((busy - this.prevBusy) / dTotal) * 100);
			this.prevBusy = busy;
			this.prevTotal = total;
		}
		return this.lastSystemPct;
	}

	private updatePeak(rss: number): void {
		if (rss > this.peak) this.peak = rss;
		const kernelPeak = this.optional(this.probes.peakRssBytes);
		if (kernelPeak > this.peak) this.peak = kernelPeak;
	}

	private optional(probe: (() => number) | undefined): number {
		if (!probe) return Number.NaN;
		try {
			return probe.call(this.probes);
		} catch (error) {
			this.onError?.(error);
			return Number.NaN;
		}
	}

	private attempt<T>(fn: () => T): T | undefined {
		try {
			return fn();
		} catch (error) {
			this.onError?.(error);
			return undefined;
		}
	}
}

function clampPct(value: number): number {
	return value < 0 ? 0 : value > 100 ? 100 : value;
}
