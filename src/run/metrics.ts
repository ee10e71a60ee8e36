/**
 * Run-level figures from the store, shared by the headless summary and the
 * report. CPU: `idle` = samples in `idle-before` and `idle-after` (model
 * loaded, nothing running); `active` = samples in `prompts` except those
 * taken while paused. `null` wherever there is no data of that kind.
 */
import {aggregateTrackedPrompts, distributionOf, type PromptAggregates, type DistributionFigures} from './prompt-aggregates.js';
import {perPhase, type RunPhase} from './phase-clock.js';
import type {QuantileAccumulator} from './quantiles.js';
import type {PassCounts} from './pass-tracker.js';
import type {CpuGroups, OpsTally, PsiTally} from './sample-stats.js';
import {ratio} from './stats.js';
import type {RunStore} from './store.js';
import type {Spike} from './types.js';

/** CPU while idle (% of machine). */
export interface IdleCpuFigures {
	samples: number;
	mean: number | null;
	p99: number | null;
	max: number | null;
}

/** CPU while prompts run (% of machine). */
export interface ActiveCpuFigures {
	samples: number;
	mean: number | null;
	p50: number | null;
	p95: number | null;
	p99: number | null;
	max: number | null;
}

/** A CPU measure, idle and active. */
export interface CpuFigures {
	idle: IdleCpuFigures;
	active: ActiveCpuFigures;
}

/** Process CPU; idle also without llmtop's own JS thread. */
export interface ProcessCpuFigures {
	idle: IdleCpuFigures & {
		/** Mean idle process CPU minus observer CPU, over idle samples that carry the observer figure. */
		meanExcludingObserver: number | null;
	};
	active: ActiveCpuFigures;
}

/** Resident memory, bytes. */
export interface RssFigures {
	/** Samples behind the figures (absent in reports written before it existed). */
	samples?: number;
	peakBytes: number | null;
	meanBytes: number | null;
	/** RSS just before `model-loaded` (last sample before it) and just after (first sample after it). */
	beforeLoadBytes: number | null;
	afterLoadBytes: number | null;
	riseAtLoadBytes: number | null;
	/**
	 * Memory growth, bytes per hour: the Theil-Sen slope of the per-pass RSS
	 * medians of a soak (`--repeat`, `--duration`; see `growth.ts`); `null`
	 * under 2 complete passes or a span under 5 minutes. Absent in reports
	 * written before it existed.
	 */
	growthBytesPerHour?: number | null;
	/** Complete passes behind `growthBytesPerHour`. */
	growthPasses?: number;
	/** Time from the first to the last pass point behind `growthBytesPerHour`, ms. */
	growthSpanMs?: number;
}

/** Spike count and the kept spikes (oldest first). */
export interface SpikeFigures {
	count: number;
	cpu: number;
	itl: number;
	items: Spike[];
	/** Spikes counted but no longer kept in `items`. */
	itemsDropped: number;
}

/** Canary lateness (ms) in one phase. */
export interface LatenessFigures {
	count: number;
	p50: number | null;
	p99: number | null;
	max: number | null;
}

/** Interactive delay: canary lateness per phase and the canary's own cost. */
export interface CanaryFigures {
	phases: Record<RunPhase, LatenessFigures | null>;
	/** Mean CPU of the canary process, % of one core. */
	cpuPctOfCoreMean: number | null;
}

/** CPU pressure stall (PSI `some`) in one phase. */
export interface PsiFigures {
	/** Stall time, ms. */
	stallMs: number;
	/** Time the stall was measured over (sum of sample intervals with PSI), ms. */
	coveredMs: number;
	/** stallMs / coveredMs: share of time some task was waiting for a CPU. */
	share: number | null;
}

/** Throughput of `--load` workers while idle vs while prompts run. */
export interface LoadWorkerFigures {
	idleOpsPerSec: number | null;
	activeOpsPerSec: number | null;
	/** active / idle: below 1 when the model slowed the workers. */
	activeOverIdle: number | null;
}

/** Every run-level figure. */
export interface RunMetrics extends PromptAggregates {
	/** Passes of the suite started and completed (a soak runs more than one). Absent in reports written before it existed. */
	passes?: PassCounts;
	cpu: ProcessCpuFigures;
	systemCpu: CpuFigures;
	observerCpu: CpuFigures;
	rss: RssFigures;
	/** Gaps between consecutive tokens of prompts that ended `ok`, ms. */
	itl: DistributionFigures;
	spikes: SpikeFigures;
	/** See `SampleStats.returnToIdleMs`. */
	returnToIdleMs: number | null;
	/** `null` when no sample carried canary data. */
	canary: CanaryFigures | null;
	/** `null` when no sample carried PSI data (e.g. not Linux). */
	psi: Record<RunPhase, PsiFigures | null> | null;
	/** `null` when no sample carried load-worker counts. */
	loadWorkers: LoadWorkerFigures | null;
}

/** Computes every run-level figure; O(prompts + kept spikes + sketch buckets). */
export function selectMetrics(store: RunStore): RunMetrics {
	const samples = store.samples;
	const cpu = cpuFigures(samples.cpu);
	const beforeLoadBytes = store.loaded?.rssBeforeBytes ?? samples.rssBeforeLoad;
	const afterLoadBytes = store.loaded?.rssAfterBytes ?? samples.rssAfterLoad;
	const growth = store.passes.growth();
	return {
		cpu: {idle: {...cpu.idle, meanExcludingObserver: samples.idleCpuExcludingObserver.mean}, active: cpu.active},
		systemCpu: cpuFigures(samples.systemCpu),
		observerCpu: cpuFigures(samples.observerCpu),
		rss: {
			samples: samples.rss.count,
			peakBytes: samples.peakRssBytes,
			meanBytes: samples.rss.mean,
			beforeLoadBytes,
			afterLoadBytes,
			riseAtLoadBytes: rise(beforeLoadBytes, afterLoadBytes),
			growthBytesPerHour: growth.bytesPerHour,
			growthPasses: growth.passes,
			growthSpanMs: growth.spanMs,
		},
		passes: store.passes.counts,
		...withGamedCeiling(
			aggregateTrackedPrompts(store.prompts, {mode: store.runStart?.mode ?? 'run', interrupted: store.runEnd?.complete === false}),
			store.runStart?.suite.gamedCeiling,
		),
		itl: distributionOf(store.prompts.okGaps.summary()),
		spikes: {
			count: store.spikes.total,
			cpu: store.spikeCounts.cpu,
			itl: store.spikeCounts.itl,
			items: store.spikes.toArray(),
			itemsDropped: store.spikes.dropped,
		},
		returnToIdleMs: samples.returnToIdleMs,
		canary: samples.canarySamples === 0 ? null : canaryFigures(samples.canary, samples.canaryCpu.mean),
		psi: samples.psiSamples === 0 ? null : perPhase((phase) => psiFigures(samples.psi[phase])),
		loadWorkers: samples.loadSamples === 0 ? null : loadWorkerFigures(samples.loadOps),
	};
}

function cpuFigures(groups: CpuGroups): CpuFigures {
	const {idle, active} = groups;
	return {
		idle: {samples: idle.count, mean: idle.mean, p99: idle.quantile(0.99), max: idle.max},
		active: {
			samples: active.count,
			mean: active.mean,
			p50: active.quantile(0.5),
			p95: active.quantile(0.95),
			p99: active.quantile(0.99),
			max: active.max,
		},
	};
}

function rise(before: number | null, after: number | null): number | null {
	return before === null || after === null ? null : after - before;
}

function canaryFigures(phases: Record<RunPhase, QuantileAccumulator>, cpuMean: number | null): CanaryFigures {
	return {
		phases: perPhase((phase) => {
			const values = phases[phase];
			return values.count === 0 ? null : {count: values.count, p50: values.quantile(0.5), p99: values.quantile(0.99), max: values.max};
		}),
		cpuPctOfCoreMean: cpuMean,
	};
}

function psiFigures(tally: PsiTally): PsiFigures | null {
	if (tally.coveredMs <= 0) return null;
	const stallMs = tally.stallUs / 1000;
	return {stallMs, coveredMs: tally.coveredMs, share: stallMs / tally.coveredMs};
}

function loadWorkerFigures(tallies: Record<'idle' | 'active', OpsTally>): LoadWorkerFigures {
	const perSecond = (tally: OpsTally): number | null => (tally.ms > 0 ? (tally.ops * 1000) / tally.ms : null);
	const idleOpsPerSec = perSecond(tallies.idle);
	const activeOpsPerSec = perSecond(tallies.active);
	return {idleOpsPerSec, activeOpsPerSec, activeOverIdle: ratio(activeOpsPerSec, idleOpsPerSec)};
}

function withGamedCeiling(aggregates: PromptAggregates, gamedCeiling: number | undefined): PromptAggregates {
	return gamedCeiling === undefined ? aggregates : {...aggregates, correctness: {...aggregates.correctness, gamedCeiling}};
}
