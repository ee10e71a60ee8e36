/**
 * CPU-burst fidelity: bursts of several sizes (ms of CPU used by one thread
 * of the sampled process; on a loaded or shared core the same work spans
 * more wall time; `lib/cpu-bursts.ts`), found by llmtop's real sampler and
 * the store's CPU spike detector, under three conditions run one after the
 * other: an idle baseline on every core; a busy baseline (another thread of
 * the process busy a share of every 10 ms, as a decoding model is); and the
 * busy baseline with the process pinned to one core (`taskset -c 0`), where
 * the burst, the busy thread and the sampler share a core.
 *
 * The rule: a sample at least 10 points (% of the machine) above the median
 * of the last 31 samples, for at most 1 s. On 2 cores at 100 ms sampling, a
 * one-thread burst of d ms adds at most d/2 points to one sample: ~20 ms is
 * the edge, and bursts over 1 s are a plateau, not a spike (expected misses).
 */
import type {BenchContext, SectionResult} from './lib/context.js';
import {runCpuBursts, type CpuBurstOptions, type CpuBurstResult} from './lib/cpu-bursts.js';
import {inWindow, matchDetections} from './lib/matching.js';
import {spread} from './lib/stats.js';
import {figureRow, fmt, missingRow, type BenchRow} from './lib/table.js';

/** One condition. */
export interface BurstCondition {
	name: string;
	background?: CpuBurstOptions['background'];
	cpus?: string;
}

/** The conditions: idle, busy baseline, busy baseline on one core. */
export const BURST_CONDITIONS: readonly BurstCondition[] = [
	{name: 'idle baseline, every core'},
	{name: 'busy baseline (3 ms of every 10 ms), every core', background: {busyMs: 3, everyMs: 10}},
	{name: 'busy baseline (3 ms of every 10 ms), taskset -c 0', background: {busyMs: 3, everyMs: 10}, cpus: '0'},
];

/** Settings of the burst runs. */
export type BurstSettings = Omit<CpuBurstOptions, 'background' | 'cpus'>;

/** Runs every condition and returns the rows. */
export async function benchBursts(ctx: BenchContext, settings: BurstSettings): Promise<SectionResult> {
	ctx.steps(BURST_CONDITIONS.length);
	const data: {condition: BurstCondition; result?: CpuBurstResult; error?: string}[] = [];
	const rows: BenchRow[] = [];
	for (const condition of BURST_CONDITIONS) {
		ctx.log(`bursts: ${condition.name}: ${settings.bursts} bursts of ${settings.burstsMs.join('/')} ms, then ${settings.quietMs / 1000} s quiet`);
		try {
			const result = await runCpuBursts({
				...settings,
				...(condition.background ? {background: condition.background} : {}),
				...(condition.cpus ? {cpus: condition.cpus} : {}),
			});
			data.push({condition, result});
			rows.push(...burstRows(condition, settings, result));
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			data.push({condition, error: message});
			rows.push(missingRow(`CPU bursts: ${condition.name}`, 'recall', `failed: ${message}`));
		}
		ctx.step();
	}
	rows.push(...idleRows(ctx));
	return {rows, data};
}

function burstRows(condition: BurstCondition, settings: BurstSettings, result: CpuBurstResult): BenchRow[] {
	const section = `CPU bursts in the sampled process, ${condition.name}; ${settings.intervalMs} ms sampling`;
	const detections = result.spikes.map((spike) => ({start: spike.startT, end: spike.startT + spike.durationMs, peak: spike.t}));
	const during = detections.filter((d) => d.peak < result.quiet.start);
	const rows: BenchRow[] = [];
	const all = matchDetections(result.bursts, during, settings.intervalMs);
	for (const ms of settings.burstsMs) {
		const matched = all.matched.filter((m) => m.event.ms === ms).length;
		const sized = result.bursts.filter((b) => b.ms === ms);
		const total = sized.length;
		const wall = spread(sized.map((b) => b.end - b.start)).median;
		const target = ms > 1000 ? {op: '<=' as const, value: 5} : ms >= 60 ? {op: '>=' as const, value: 95} : undefined;
		rows.push(
			figureRow(section, `${ms} ms of CPU burst: found %`, spread([total === 0 ? null : (matched / total) * 100]), {
				unit: ' %',
				digits: 0,
				...(target ? {target} : {}),
				note: `${matched}/${total}, wall span ${fmt(wall, 0)} ms${ms > 1000 ? '; longer than 1 s: a plateau, not a spike' : target ? '' : '; near the 10-point rule'}`,
			}),
		);
	}
	const abs = (values: number[]): number[] => values.map(Math.abs);
	rows.push(
		figureRow(section, 'spikes that were no burst', spread([all.unmatched.length]), {digits: 0, note: `of ${during.length} spikes during the bursts`}),
		figureRow(section, '|spike start - burst start| ms', spread(abs(all.startErrorsMs)), {digits: 0, note: 'one sample interval is the resolution'}),
		figureRow(section, `false spikes in a ${settings.quietMs / 1000} s quiet window`, spread([inWindow(detections, result.quiet).length]), {
			digits: 0,
			target: {op: '=', value: 0},
		}),
	);
	return rows;
}

function idleRows(ctx: BenchContext): BenchRow[] {
	const section = 'CPU spikes while idle (model loaded) in the llmtop runs of this bench';
	return (['headless', 'dashboard'] as const).map((mode) => {
		const runs = ctx.llmtopRuns.filter((run) => run.mode === mode && (run.figures.idleSeconds ?? 0) > 0);
		const spikes = runs.reduce((sum, run) => sum + (run.figures.idleCpuSpikes ?? 0), 0);
		const seconds = runs.reduce((sum, run) => sum + (run.figures.idleSeconds ?? 0), 0);
		return runs.length === 0
			? missingRow(section, mode, `no ${mode} runs with idle phases in this bench (the sections run used --idle 0)`)
			: figureRow(section, mode, spread([spikes]), {digits: 0, target: {op: '=', value: 0}, note: `${runs.length} runs, ${fmt(seconds, 0)} s idle`});
	});
}
