/**
 * Findings of the experiment log: each one a pure predicate over a report
 * that, when it holds, says what it saw with the numbers that triggered it.
 * Nothing is inferred beyond the report's figures; a rule whose inputs are
 * missing (`null`) does not fire. The rules, in the order they are listed:
 *
 * - `interrupted`: the run did not complete (`complete` false).
 * - `thread-contention`: `config.threads >= host.logicalCores` and ITL
 *   p99/p50 >= {@link STALL_RATIO}.
 * - `cpu-p99-over-limit`: the `active-cpu-p99` criterion (enabled) has a
 *   value that does not meet its threshold; lists the kept CPU spikes above
 *   the threshold that happened while a prompt ran, each as the prefill
 *   (peak at or before the prompt's first token: `startMs + ttftMs`) or the
 *   decode (after it) of that prompt.
 * - `idle-cpu-observer`: the `idle-cpu` criterion's value misses its
 *   threshold but idle CPU without llmtop's own thread meets it.
 * - `interactive-delay-over-limit`: the `interactive-delay-p99` criterion
 *   (enabled) has a value that misses its threshold.
 * - `rss-growth`: RSS peak exceeds RSS just after load by at least
 *   {@link RSS_GROWTH_MIN_BYTES} and {@link RSS_GROWTH_MIN_SHARE} of it (the
 *   report keeps the peak, not the RSS at the end of the prompts).
 * - `slow-return-to-idle`: CPU took at least {@link SLOW_RETURN_MS} after the
 *   last token to come back to idle, or never did during an idle-after phase
 *   at least that long.
 * - `cold-ttft`: cold TTFT >= {@link COLD_TTFT_RATIO} x the warm mean and at
 *   least {@link COLD_TTFT_MIN_MS} more.
 * - `load-workers-slowed`: `--load` workers ran below
 *   {@link LOAD_SLOWDOWN_RATIO} of their idle throughput while prompts ran.
 * - `correctness-synthetic`: the model is synthetic and correctness was skipped.
 */
import {DEFAULT_CRITERIA, satisfies} from '../run/criteria.js';
import type {CriterionId, CriterionOp, Spike} from '../run/types.js';
import {formatValue} from './compare-format.js';
import type {CriterionReport, PromptReport, Report} from './types.js';

/** ITL p99/p50 at or above which stalls are reported. */
export const STALL_RATIO = 2;
/** RSS growth after load that counts: at least this many bytes... */
export const RSS_GROWTH_MIN_BYTES = 32 * 1024 ** 2;
/** ...and at least this share of the RSS after load. */
export const RSS_GROWTH_MIN_SHARE = 0.1;
/** Return to idle at or above this is slow, ms. */
export const SLOW_RETURN_MS = 1000;
/** Cold TTFT this many times the warm mean... */
export const COLD_TTFT_RATIO = 3;
/** ...and at least this many ms more. */
export const COLD_TTFT_MIN_MS = 50;
/** Load workers below this share of their idle throughput were slowed. */
export const LOAD_SLOWDOWN_RATIO = 0.9;

/** Which rule a finding comes from (see the module comment). */
export type FindingId =
	| 'interrupted'
	| 'thread-contention'
	| 'cpu-p99-over-limit'
	| 'idle-cpu-observer'
	| 'interactive-delay-over-limit'
	| 'rss-growth'
	| 'slow-return-to-idle'
	| 'cold-ttft'
	| 'load-workers-slowed'
	| 'correctness-synthetic';

/** One finding: what the data shows, and the numbers behind it. */
export interface Finding {
	id: FindingId;
	text: string;
	figures: Record<string, number | string>;
}

type Rule = (report: Report) => Finding | null;

/** Every finding whose condition holds, in rule order. */
export function findingsOf(report: Report): Finding[] {
	return RULES.map((rule) => rule(report)).filter((finding): finding is Finding => finding !== null);
}

const ms = (value: number): string => formatValue(value, 'ms');
const pct = (value: number): string => formatValue(value, '%');
const bytes = (value: number): string => formatValue(value, 'bytes');

/** The report's criterion, or the default spec (no value) for reports that predate it. */
function criterionOf(report: Report, id: CriterionId): Pick<CriterionReport, 'op' | 'threshold' | 'enabled' | 'value' | 'status'> | null {
	const found = report.criteria.find((criterion) => criterion.id === id);
	if (found) return found;
	const spec = DEFAULT_CRITERIA.find((candidate) => candidate.id === id);
	return spec ? {...spec, value: null, status: 'skip'} : null;
}

function misses(op: CriterionOp, value: number | null, threshold: number): value is number {
	return value !== null && Number.isFinite(value) && !satisfies(op, value, threshold);
}

const interrupted: Rule = (report) => {
	if (report.complete) return null;
	const reason = report.endReason ?? 'no run-end: the process was killed';
	return {
		id: 'interrupted',
		text: `The run did not complete (${reason}): every figure covers only what was measured before it stopped.`,
		figures: {endReason: reason},
	};
};

const threadContention: Rule = (report) => {
	const threads = report.config.threads;
	const cores = report.host.logicalCores;
	const ratio = report.metrics.itl.p99OverP50;
	if (ratio === null || !(threads >= cores) || ratio < STALL_RATIO) return null;
	return {
		id: 'thread-contention',
		text: `Threads ${threads} >= ${cores} logical cores with ITL p99/p50 ${ratio.toFixed(2)} (>= ${STALL_RATIO}): inter-token stalls while every core is given to inference (thread contention).`,
		figures: {threads, logicalCores: cores, itlP99OverP50: ratio},
	};
};

const cpuP99OverLimit: Rule = (report) => {
	const criterion = criterionOf(report, 'active-cpu-p99');
	const value = report.metrics.cpu.active.p99;
	if (!criterion?.enabled || !misses(criterion.op, value, criterion.threshold)) return null;
	const prompts = new Map(report.prompts.map((prompt) => [prompt.id, prompt]));
	const spikes = report.metrics.spikes.items.filter((spike) => spike.metric === 'cpu' && spike.promptId !== null && spike.value > criterion.threshold);
	const where = spikes.map(
		(spike) =>
			`the ${stageOf(spike, prompts.get(spike.promptId ?? ''))} of prompt ${spike.promptId} (peak ${pct(spike.value)} at ${(spike.t / 1000).toFixed(1)} s)`,
	);
	const dropped = report.metrics.spikes.itemsDropped > 0 ? ` (${report.metrics.spikes.itemsDropped} older spikes were not kept)` : '';
	const detail =
		where.length > 0
			? `; CPU spikes above the limit during ${unique(where).join(', ')}${dropped}`
			: `; no kept CPU spike during a prompt exceeded the limit${dropped} (active p50 ${pct(report.metrics.cpu.active.p50 ?? Number.NaN)}, peak ${pct(report.metrics.cpu.active.max ?? Number.NaN)})`;
	return {
		id: 'cpu-p99-over-limit',
		text: `Active CPU p99 ${pct(value)} is over the ${pct(criterion.threshold)} limit${detail}.`,
		figures: {activeCpuP99: value, threshold: criterion.threshold, spikesAboveLimit: spikes.length},
	};
};

/** `prefill` when the spike peaked at or before the prompt's first token, else `decode`. */
export function stageOf(spike: Pick<Spike, 't'>, prompt: Pick<PromptReport, 'startMs' | 'ttftMs'> | undefined): 'prefill' | 'decode' {
	if (!prompt || prompt.startMs === null || prompt.ttftMs === null) return 'prefill';
	return spike.t <= prompt.startMs + prompt.ttftMs ? 'prefill' : 'decode';
}

function unique(items: readonly string[]): string[] {
	return [...new Set(items)];
}

const idleCpuObserver: Rule = (report) => {
	const criterion = criterionOf(report, 'idle-cpu');
	const idle = report.metrics.cpu.idle;
	const without = idle.meanExcludingObserver;
	if (
		!criterion?.enabled ||
		!misses(criterion.op, idle.mean, criterion.threshold) ||
		without === null ||
		!satisfies(criterion.op, without, criterion.threshold)
	)
		return null;
	return {
		id: 'idle-cpu-observer',
		text: `Idle CPU mean ${pct(idle.mean)} is over the ${pct(criterion.threshold)} limit, but ${pct(without)} without llmtop's own JS thread: the excess is the observer's, not the model's.`,
		figures: {idleCpuMean: idle.mean, idleCpuMeanExcludingObserver: without, threshold: criterion.threshold},
	};
};

const interactiveDelay: Rule = (report) => {
	const criterion = criterionOf(report, 'interactive-delay-p99');
	const prompts = report.metrics.canary?.phases.prompts ?? null;
	const value = prompts?.p99 ?? null;
	if (!criterion?.enabled || !misses(criterion.op, value, criterion.threshold)) return null;
	const idle = report.metrics.canary?.phases['idle-before']?.p99 ?? null;
	const idleText = idle === null ? '' : `; ${ms(idle)} while idle before the prompts`;
	return {
		id: 'interactive-delay-over-limit',
		text: `Interactive delay (canary lateness) p99 ${ms(value)} while prompts ran is over the ${ms(criterion.threshold)} limit (max ${ms(prompts?.max ?? Number.NaN)}${idleText}).`,
		figures: {interactiveDelayP99: value, threshold: criterion.threshold, ...(idle === null ? {} : {idleBeforeP99: idle})},
	};
};

const rssGrowth: Rule = (report) => {
	const {peakBytes, afterLoadBytes} = report.metrics.rss;
	if (peakBytes === null || afterLoadBytes === null || afterLoadBytes <= 0) return null;
	const growth = peakBytes - afterLoadBytes;
	if (growth < RSS_GROWTH_MIN_BYTES || growth < afterLoadBytes * RSS_GROWTH_MIN_SHARE) return null;
	return {
		id: 'rss-growth',
		text: `RSS grew during the run: peak ${bytes(peakBytes)} is ${bytes(growth)} (+${((growth / afterLoadBytes) * 100).toFixed(1)} %) above the ${bytes(afterLoadBytes)} just after load.`,
		figures: {rssPeakBytes: peakBytes, rssAfterLoadBytes: afterLoadBytes, growthBytes: growth},
	};
};

const slowReturnToIdle: Rule = (report): Finding | null => {
	const returned = report.metrics.returnToIdleMs;
	if (returned !== null) {
		if (returned < SLOW_RETURN_MS) return null;
		return {
			id: 'slow-return-to-idle',
			text: `CPU took ${ms(returned)} after the last token to return to idle (>= ${ms(SLOW_RETURN_MS)}).`,
			figures: {returnToIdleMs: returned},
		};
	}
	const idleAfter = report.phases['idle-after'];
	if (!idleAfter || idleAfter.durationMs < SLOW_RETURN_MS || report.metrics.latency.count === 0 || report.metrics.cpu.idle.samples === 0) return null;
	return {
		id: 'slow-return-to-idle',
		text: `CPU did not return to idle during the ${ms(idleAfter.durationMs)} of idle-after.`,
		figures: {idleAfterMs: idleAfter.durationMs},
	};
};

const coldTtft: Rule = (report) => {
	const {coldMs, warmMean} = report.metrics.ttft;
	if (coldMs === null || warmMean === null || warmMean <= 0) return null;
	if (coldMs < warmMean * COLD_TTFT_RATIO || coldMs - warmMean < COLD_TTFT_MIN_MS) return null;
	return {
		id: 'cold-ttft',
		text: `Cold TTFT ${ms(coldMs)} (first prompt) is ${(coldMs / warmMean).toFixed(1)}x the warm mean ${ms(warmMean)}.`,
		figures: {coldTtftMs: coldMs, warmTtftMeanMs: warmMean},
	};
};

const loadWorkersSlowed: Rule = (report) => {
	const workers = report.metrics.loadWorkers;
	const ratio = workers?.activeOverIdle ?? null;
	if (!workers || ratio === null || ratio >= LOAD_SLOWDOWN_RATIO) return null;
	return {
		id: 'load-workers-slowed',
		text: `The --load workers ran at ${(ratio * 100).toFixed(0)} % of their idle throughput while prompts ran (${Math.round(workers.idleOpsPerSec ?? 0)} -> ${Math.round(workers.activeOpsPerSec ?? 0)} ops/s).`,
		figures: {activeOverIdle: ratio},
	};
};

const correctnessSynthetic: Rule = (report) => {
	const criterion = report.criteria.find((candidate) => candidate.id === 'correctness');
	if (report.model.synthetic !== true || criterion?.status !== 'skip') return null;
	return {
		id: 'correctness-synthetic',
		text: 'Correctness was not measured: the model is synthetic (random weights), so its answers say nothing; the run measures cost only.',
		figures: {},
	};
};

const RULES: readonly Rule[] = [
	interrupted,
	threadContention,
	cpuP99OverLimit,
	idleCpuObserver,
	interactiveDelay,
	rssGrowth,
	slowReturnToIdle,
	coldTtft,
	loadWorkersSlowed,
	correctnessSynthetic,
];
