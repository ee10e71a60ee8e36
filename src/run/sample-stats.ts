import type {SampleEvent} from './events.js';
import {perPhase, type RunPhase} from './phase-clock.js';
import {QuantileAccumulator} from './quantiles.js';

/** Margin (percentage points of the machine) above the idle-before mean within which CPU counts as back at idle. */
export const RETURN_TO_IDLE_MARGIN_PCT = 1;

/** One CPU measure split by run state. */
export interface CpuGroups {
	/** Samples in `idle-before` and `idle-after` (model loaded, nothing running). */
	idle: QuantileAccumulator;
	/** Samples in `prompts`, except those taken while paused. */
	active: QuantileAccumulator;
}

/** Stall time and the time it was measured over, for one phase. */
export interface PsiTally {
	stallUs: number;
	coveredMs: number;
}

/** Operations of `--load` workers and the time they were counted over. */
export interface OpsTally {
	ops: number;
	ms: number;
}

/** Which group a sample belongs to: `idle`, `active` or neither (load, paused, done). */
export type SampleGroup = 'idle' | 'active' | null;

function cpuGroups(): CpuGroups {
	return {idle: new QuantileAccumulator(), active: new QuantileAccumulator()};
}

/** The group of a sample (see {@link CpuGroups}). */
export function sampleGroup(phase: SampleEvent['phase'], paused: boolean): SampleGroup {
	if (phase === 'idle-before' || phase === 'idle-after') return 'idle';
	if (phase === 'prompts' && !paused) return 'active';
	return null;
}

/**
 * Run-long aggregates of `sample` events, in bounded memory: CPU (process,
 * system, observer) by group, RSS, canary lateness and PSI stall per phase,
 * load-worker throughput, and the return-to-idle time.
 */
export class SampleStats {
	readonly cpu = cpuGroups();
	readonly systemCpu = cpuGroups();
	/** Observer CPU (llmtop's own JS thread), from samples that carry it. */
	readonly observerCpu = cpuGroups();
	/** Observer CPU over every sample that carries it, whatever its phase (the header's run mean). */
	readonly observerCpuAll = new QuantileAccumulator();
	/** Idle process CPU minus observer CPU, from idle samples that carry the observer figure. */
	readonly idleCpuExcludingObserver = new QuantileAccumulator();
	/** Process CPU in `idle-before` only: the idle level that return-to-idle aims at. */
	readonly idleBeforeCpu = new QuantileAccumulator();
	readonly rss = new QuantileAccumulator();
	/** Canary lateness values (ms) per phase; `prompts` excludes paused samples. */
	readonly canary = perPhase(() => new QuantileAccumulator());
	/** Canary process CPU, % of one core. */
	readonly canaryCpu = new QuantileAccumulator();
	readonly psi = perPhase<PsiTally>(() => ({stallUs: 0, coveredMs: 0}));
	readonly loadOps: Record<'idle' | 'active', OpsTally> = {idle: {ops: 0, ms: 0}, active: {ops: 0, ms: 0}};
	samples = 0;
	canarySamples = 0;
	psiSamples = 0;
	loadSamples = 0;
	/** Highest RSS seen: the kernel's high-water mark where samples carry it, else the highest sample. */
	peakRssBytes: number | null = null;
	/** RSS of the last sample before `model-loaded`, and of the first one after. */
	rssBeforeLoad: number | null = null;
	rssAfterLoad: number | null = null;
	/**
	 * Time from the last token of the run to the end of the first `idle-after`
	 * sample whose process CPU is at most the `idle-before` mean +
	 * {@link RETURN_TO_IDLE_MARGIN_PCT} (resolution: one sample interval);
	 * `null` until (or unless) that happens.
	 */
	returnToIdleMs: number | null = null;
	#previousPsi: {t: number; us: number} | null = null;

	/** Adds one sample. `lastTokenT`: time of the run's latest token; `modelLoaded`: whether `model-loaded` came before. */
	add(sample: SampleEvent, intervalMs: number, paused: boolean, lastTokenT: number | null, modelLoaded: boolean): void {
		const group = sampleGroup(sample.phase, paused);
		this.samples++;
		this.#addCpu(sample, group, intervalMs);
		this.rss.add(sample.rssBytes);
		const peak = typeof sample.peakRssBytes === 'number' && sample.peakRssBytes >= sample.rssBytes ? sample.peakRssBytes : sample.rssBytes;
		this.peakRssBytes = Math.max(this.peakRssBytes ?? 0, peak);
		if (!modelLoaded) this.rssBeforeLoad = sample.rssBytes;
		else this.rssAfterLoad ??= sample.rssBytes;
		if (sample.phase === 'idle-after') this.#checkReturnToIdle(sample, lastTokenT);
		const phase = sample.phase === 'done' || (sample.phase === 'prompts' && paused) ? null : sample.phase;
		this.#addCanary(sample, phase);
		this.#addPsi(sample, phase);
		if (typeof sample.loadOps === 'number' && Number.isFinite(sample.loadOps)) {
			this.loadSamples++;
			if (group) {
				this.loadOps[group].ops += sample.loadOps;
				this.loadOps[group].ms += intervalMs;
			}
		}
	}

	/** CPU means are time-weighted: each sample weighs the interval it covers. */
	#addCpu(sample: SampleEvent, group: SampleGroup, intervalMs: number): void {
		const observer = typeof sample.observerCpuPct === 'number' ? sample.observerCpuPct : null;
		if (observer !== null) this.observerCpuAll.add(observer, intervalMs);
		if (sample.phase === 'idle-before') this.idleBeforeCpu.add(sample.cpuPct, intervalMs);
		if (!group) return;
		this.cpu[group].add(sample.cpuPct, intervalMs);
		this.systemCpu[group].add(sample.systemCpuPct, intervalMs);
		if (observer === null) return;
		this.observerCpu[group].add(observer, intervalMs);
		if (group === 'idle')
			this.idleCpuExcludingObserver.add(typeof sample.inferenceCpuPct === 'number' ? sample.inferenceCpuPct : sample.cpuPct - observer, intervalMs);
	}

	#checkReturnToIdle(sample: SampleEvent, lastTokenT: number | null): void {
		const idleMean = this.idleBeforeCpu.mean;
		if (this.returnToIdleMs !== null || lastTokenT === null || idleMean === null) return;
		if (sample.cpuPct <= idleMean + RETURN_TO_IDLE_MARGIN_PCT) this.returnToIdleMs = Math.max(0, sample.t - lastTokenT);
	}

	#addCanary(sample: SampleEvent, phase: RunPhase | null): void {
		if (Array.isArray(sample.canaryLateMs)) {
			this.canarySamples++;
			if (phase) for (const late of sample.canaryLateMs) this.canary[phase].add(late);
		}
		if (typeof sample.canaryCpuPct === 'number') this.canaryCpu.add(sample.canaryCpuPct);
	}

	#addPsi(sample: SampleEvent, phase: RunPhase | null): void {
		const us = sample.psiSomeTotalUs;
		if (typeof us !== 'number' || !Number.isFinite(us)) return;
		this.psiSamples++;
		const previous = this.#previousPsi;
		this.#previousPsi = {t: sample.t, us};
		if (!previous || !phase) return;
		const stallUs = us - previous.us;
		const coveredMs = sample.t - previous.t;
		if (stallUs < 0 || coveredMs <= 0) return;
		this.psi[phase].stallUs += stallUs;
		this.psi[phase].coveredMs += coveredMs;
	}
}
