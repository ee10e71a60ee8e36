/**
 * The metrics `compare` lines up, each with its unit and direction (which
 * way is better), and the rule that judges a change.
 *
 * Direction: lower is better for CPU (process, system, observer, canary),
 * memory, load time, latency, TTFT, ITL, their p99/p50 ratios, spike counts,
 * return-to-idle time, interactive delay and the PSI stall share; higher is
 * better for tokens/s, correctness and the `--load` workers' throughput ratio.
 *
 * Regression rule ({@link judgeChange}): a change counts only when it is
 * larger than the unit's absolute floor ({@link UNIT_FLOORS}) AND larger
 * than the tolerance in % of the baseline value. The floor keeps noise on
 * near-zero values (0.2 % idle CPU becoming 0.4 % is +100 %) from counting;
 * a baseline of exactly 0 has no % change, so there the floor alone decides.
 * A counted change in the worse direction is `worse` (a regression), in the
 * better direction `better`; anything else is `same`.
 *
 * Context figures ({@link MetricDef.context}) are judged the same way so their
 * change shows, but never count as a regression: llmtop's own CPU (its
 * observer thread, its canary) is not the model's cost, and the whole
 * machine's CPU moves with other tenants' load.
 */
import type {CriterionId} from '../run/types.js';
import type {Report} from './types.js';

/** Units of compared figures. `%` is % of the whole machine (or of one core where the label says so); `share` is a 0..1 fraction. */
export type CompareUnit = '%' | 'ms' | 'bytes' | 'ratio' | 'score' | 'tok/s' | 'count' | 'share';

/** Which way is better. */
export type Direction = 'lower' | 'higher';

/**
 * Smallest absolute change that can count, per unit: 0.5 percentage points
 * of CPU, 1 ms, 1 MiB, 0.05 of a ratio, 0.01 of a score, 0.5 tokens/s, one
 * spike (so 0 -> 1 spike is noise, 0 -> 2 is not), 1 point of PSI share.
 */
export const UNIT_FLOORS: Readonly<Record<CompareUnit, number>> = {
	'%': 0.5,
	ms: 1,
	bytes: 1024 ** 2,
	ratio: 0.05,
	score: 0.01,
	'tok/s': 0.5,
	count: 1,
	share: 0.01,
};

/** Default `--tolerance`, % of the baseline value. */
export const DEFAULT_TOLERANCE_PCT = 5;

/** One compared figure. */
export interface MetricDef {
	/** Dotted path in `metrics` (or a top-level key such as `loadMs`). */
	id: string;
	label: string;
	group: string;
	unit: CompareUnit;
	direction: Direction;
	/** The criterion judged on this figure, if any. */
	criterion: CriterionId | null;
	/**
	 * Context only: shown with its change but never a regression (llmtop's own
	 * CPU, and the whole machine's CPU, which other tenants' load moves).
	 */
	context: boolean;
	read(report: Report): number | null;
}

/** How one value compares with the baseline's. */
export interface Change {
	delta: number;
	/** delta / |baseline| in %, `null` when the baseline is 0. */
	pct: number | null;
	judgement: 'better' | 'same' | 'worse';
}

/** Judges `value` against `base` (see the module comment); `null` when either is missing. */
export function judgeChange(base: number | null, value: number | null, direction: Direction, unit: CompareUnit, tolerancePct: number): Change | null {
	if (base === null || value === null || !Number.isFinite(base) || !Number.isFinite(value)) return null;
	const delta = value - base;
	const pct = base === 0 ? null : (delta / Math.abs(base)) * 100;
	const counts = Math.abs(delta) > UNIT_FLOORS[unit] && (pct === null || Math.abs(pct) > tolerancePct);
	if (!counts) return {delta, pct, judgement: 'same'};
	const better = direction === 'lower' ? delta < 0 : delta > 0;
	return {delta, pct, judgement: better ? 'better' : 'worse'};
}

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function def(
	id: string,
	label: string,
	group: string,
	unit: CompareUnit,
	direction: Direction,
	read: (report: Report) => unknown,
	criterion: CriterionId | null = null,
): MetricDef {
	return {id, label, group, unit, direction, criterion, context: false, read: (report) => num(read(report))};
}

/** Group of the context-only figures. */
export const CONTEXT_GROUP = 'context, not judged (llmtop itself, the whole machine)';

function contextDef(id: string, label: string, read: (report: Report) => unknown): MetricDef {
	return {...def(id, label, CONTEXT_GROUP, '%', 'lower', read), context: true};
}

/** Every compared metric, in display order. */
export const COMPARED_METRICS: readonly MetricDef[] = [
	def('cpu.idle.mean', 'CPU idle mean', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.idle.mean, 'idle-cpu'),
	def('cpu.idle.meanExcludingObserver', 'CPU idle mean w/o llmtop', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.idle.meanExcludingObserver),
	def('cpu.idle.p99', 'CPU idle p99', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.idle.p99),
	def('cpu.active.mean', 'CPU active mean', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.active.mean, 'active-cpu-mean'),
	def('cpu.active.p50', 'CPU active p50', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.active.p50),
	def('cpu.active.p95', 'CPU active p95', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.active.p95),
	def('cpu.active.p99', 'CPU active p99', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.active.p99, 'active-cpu-p99'),
	def('cpu.active.max', 'CPU active peak', 'CPU (% of machine)', '%', 'lower', (r) => r.metrics.cpu.active.max),
	def('rss.peakBytes', 'RSS peak', 'memory', 'bytes', 'lower', (r) => r.metrics.rss.peakBytes, 'rss-peak'),
	def('rss.meanBytes', 'RSS mean', 'memory', 'bytes', 'lower', (r) => r.metrics.rss.meanBytes),
	def('rss.riseAtLoadBytes', 'RSS rise at load', 'memory', 'bytes', 'lower', (r) => r.metrics.rss.riseAtLoadBytes),
	def('loadMs', 'load time', 'latency', 'ms', 'lower', (r) => r.loadMs),
	def('latency.mean', 'E2E mean', 'latency', 'ms', 'lower', (r) => r.metrics.latency.mean),
	def('latency.p50', 'E2E p50', 'latency', 'ms', 'lower', (r) => r.metrics.latency.p50),
	def('latency.p95', 'E2E p95', 'latency', 'ms', 'lower', (r) => r.metrics.latency.p95, 'latency-p95'),
	def('latency.p99', 'E2E p99', 'latency', 'ms', 'lower', (r) => r.metrics.latency.p99),
	def('latency.max', 'E2E max', 'latency', 'ms', 'lower', (r) => r.metrics.latency.max),
	def('latency.p99OverP50', 'E2E p99/p50', 'latency', 'ratio', 'lower', (r) => r.metrics.latency.p99OverP50),
	def('ttft.mean', 'TTFT mean', 'latency', 'ms', 'lower', (r) => r.metrics.ttft.mean),
	def('ttft.p50', 'TTFT p50', 'latency', 'ms', 'lower', (r) => r.metrics.ttft.p50),
	def('ttft.p95', 'TTFT p95', 'latency', 'ms', 'lower', (r) => r.metrics.ttft.p95),
	def('ttft.coldMs', 'TTFT cold (first prompt)', 'latency', 'ms', 'lower', (r) => r.metrics.ttft.coldMs),
	def('ttft.warmMean', 'TTFT warm mean', 'latency', 'ms', 'lower', (r) => r.metrics.ttft.warmMean),
	def('itl.p50', 'ITL p50', 'latency', 'ms', 'lower', (r) => r.metrics.itl.p50),
	def('itl.p95', 'ITL p95', 'latency', 'ms', 'lower', (r) => r.metrics.itl.p95),
	def('itl.p99', 'ITL p99', 'latency', 'ms', 'lower', (r) => r.metrics.itl.p99),
	def('itl.max', 'ITL max', 'latency', 'ms', 'lower', (r) => r.metrics.itl.max),
	def('itl.p99OverP50', 'ITL p99/p50', 'latency', 'ratio', 'lower', (r) => r.metrics.itl.p99OverP50, 'latency-ratio'),
	def('decodeTokensPerSec.mean', 'decode mean', 'throughput (tok/s)', 'tok/s', 'higher', (r) => r.metrics.decodeTokensPerSec.mean),
	def('decodeTokensPerSec.min', 'decode, slowest prompt', 'throughput (tok/s)', 'tok/s', 'higher', (r) => r.metrics.decodeTokensPerSec.min),
	def('prefillTokensPerSec.mean', 'prefill mean', 'throughput (tok/s)', 'tok/s', 'higher', (r) => r.metrics.prefillTokensPerSec.mean),
	def('correctness.mean', 'correctness mean', 'correctness', 'score', 'higher', (r) => r.metrics.correctness.mean, 'correctness'),
	def('correctness.min', 'correctness min', 'correctness', 'score', 'higher', (r) => r.metrics.correctness.min),
	def('canary.phases.prompts.p50', 'interactive delay p50', 'invisibility', 'ms', 'lower', (r) => r.metrics.canary?.phases.prompts?.p50),
	def(
		'canary.phases.prompts.p99',
		'interactive delay p99',
		'invisibility',
		'ms',
		'lower',
		(r) => r.metrics.canary?.phases.prompts?.p99,
		'interactive-delay-p99',
	),
	def('canary.phases.prompts.max', 'interactive delay max', 'invisibility', 'ms', 'lower', (r) => r.metrics.canary?.phases.prompts?.max),
	def('psi.prompts.share', 'CPU pressure (prompts)', 'invisibility', 'share', 'lower', (r) => r.metrics.psi?.prompts?.share),
	def('spikes.count', 'spikes', 'invisibility', 'count', 'lower', (r) => r.metrics.spikes.count),
	def('spikes.cpu', 'CPU spikes', 'invisibility', 'count', 'lower', (r) => r.metrics.spikes.cpu),
	def('spikes.itl', 'ITL spikes', 'invisibility', 'count', 'lower', (r) => r.metrics.spikes.itl),
	def('returnToIdleMs', 'return to idle', 'invisibility', 'ms', 'lower', (r) => r.metrics.returnToIdleMs),
	def('loadWorkers.activeOverIdle', 'load workers active/idle', 'invisibility', 'ratio', 'higher', (r) => r.metrics.loadWorkers?.activeOverIdle),
	contextDef('systemCpu.idle.mean', 'system CPU idle mean', (r) => r.metrics.systemCpu.idle.mean),
	contextDef('systemCpu.active.mean', 'system CPU active mean', (r) => r.metrics.systemCpu.active.mean),
	contextDef('observerCpu.active.mean', 'llmtop CPU active mean', (r) => r.metrics.observerCpu.active.mean),
	contextDef('canary.cpuPctOfCoreMean', 'canary CPU (% of one core)', (r) => r.metrics.canary?.cpuPctOfCoreMean),
];
