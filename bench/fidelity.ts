/**
 * Sampling fidelity: does llmtop see what happened, when it happened?
 * - CPU bursts of known length and time in a thread of the sampled process
 *   (see `lib/cpu-bursts.ts` for why there), found by the real sampler and
 *   the store's CPU spike detector; then a quiet window where any spike is false.
 * - Token stalls injected into real token streams (events files of this
 *   benchmark's headless runs), found by the store's ITL spike detector.
 * - False CPU spikes in the idle phases of every llmtop run of the benchmark.
 */
import {readEventsFile} from '../src/report/events-file.js';
import type {BenchContext, SectionResult} from './lib/context.js';
import {runCpuBursts, type CpuBurstOptions} from './lib/cpu-bursts.js';
import {inWindow, matchDetections} from './lib/matching.js';
import {spread} from './lib/stats.js';
import {figureRow, fmt, missingRow, type BenchRow} from './lib/table.js';
import {injectStalls, scoreStalls, type StallPlan} from './lib/token-stalls.js';

/** The stall plan: after a baseline, every 40th token, at 4x, 6x and 10x the median gap. */
export const STALL_PLAN: StallPlan = {firstIndex: 12, everyTokens: 40, factors: [4, 6, 10]};

/** Runs the CPU bursts and scores the token stalls in `eventsFiles`. */
export async function benchFidelity(ctx: BenchContext, bursts: CpuBurstOptions, eventsFiles: readonly string[]): Promise<SectionResult> {
	const rows: BenchRow[] = [];
	const cpuSection = `sampling fidelity: CPU bursts (${bursts.bursts} x ${bursts.burstMs} ms busy loops in a thread of the sampled process, every ~${bursts.periodMs / 1000} s; ${bursts.intervalMs} ms sampling)`;
	ctx.log(`fidelity: ${bursts.bursts} CPU bursts, then ${bursts.quietMs / 1000} s quiet`);
	const cpu = await runCpuBursts(bursts);
	const detections = cpu.spikes.map((spike) => ({start: spike.startT, end: spike.startT + spike.durationMs, peak: spike.t}));
	const duringBursts = detections.filter((d) => d.peak < cpu.quiet.start);
	const match = matchDetections(cpu.bursts, duringBursts, bursts.intervalMs);
	const quietFalse = inWindow(detections, cpu.quiet).length;
	const abs = (values: number[]): number[] => values.map(Math.abs);
	rows.push(
		figureRow(cpuSection, 'recall (bursts found)', spread([match.recall === null ? null : match.recall * 100]), {unit: ' %', digits: 1, target: {op: '>=', value: 95}, note: `${match.matched.length}/${cpu.bursts.length}`}),
		figureRow(cpuSection, 'precision (spikes that were bursts)', spread([match.precision === null ? null : match.precision * 100]), {unit: ' %', digits: 1, note: `${match.matched.length}/${duringBursts.length}`}),
		figureRow(cpuSection, 'start error |spike start - burst start| ms', spread(abs(match.startErrorsMs)), {digits: 0, note: 'median over bursts; one sample interval is the resolution'}),
		figureRow(cpuSection, 'end error |spike end - burst end| ms', spread(abs(match.endErrorsMs)), {digits: 0}),
		figureRow(cpuSection, `false spikes in a ${bursts.quietMs / 1000} s quiet window`, spread([quietFalse]), {digits: 0, target: {op: '=', value: 0}}),
	);
	const idle = (['headless', 'dashboard'] as const).map((mode) => {
		const runs = ctx.llmtopRuns.filter((run) => run.mode === mode && run.figures.idleCpuSpikes !== undefined);
		return {
			mode,
			runs: runs.length,
			spikes: runs.reduce((sum, run) => sum + (run.figures.idleCpuSpikes ?? 0), 0),
			seconds: runs.reduce((sum, run) => sum + (run.figures.idleSeconds ?? 0), 0),
			withSpikes: runs.filter((run) => (run.figures.idleCpuSpikes ?? 0) > 0).map((run) => run.name),
		};
	});
	for (const tally of idle) {
		const figure = `CPU spikes while idle (model loaded), ${tally.mode} llmtop runs of this bench`;
		rows.push(
			tally.runs === 0
				? missingRow(cpuSection, figure, `no ${tally.mode} runs`)
				: figureRow(cpuSection, figure, spread([tally.spikes]), {digits: 0, target: {op: '=', value: 0}, note: `${tally.runs} runs, ${tally.seconds.toFixed(0)} s idle`}),
		);
	}
	const itlSection = `sampling fidelity: token stalls (gap before every ${STALL_PLAN.everyTokens}th token set to ${STALL_PLAN.factors.join('/')}x the median gap, in real t=1 token streams)`;
	const scores = eventsFiles.map((path) => {
		const original = readEventsFile(path).events;
		const injected = injectStalls(original, STALL_PLAN);
		return {path, medianGapMs: injected.medianGapMs, stalls: injected.stalls.length, score: scoreStalls(original, injected)};
	});
	if (scores.length === 0) {
		rows.push(missingRow(itlSection, 'stall recall', 'no events files from headless runs'));
	} else {
		const stalls = scores.reduce((sum, s) => sum + s.stalls, 0);
		const found = scores.reduce((sum, s) => sum + s.score.match.matched.length, 0);
		const falseDetections = scores.reduce((sum, s) => sum + s.score.falseDetections, 0);
		const natural = scores.reduce((sum, s) => sum + s.score.natural, 0);
		const errors = scores.flatMap((s) => s.score.match.matched.map(({event, detection}) => Math.abs(detection.peak - event.end)));
		rows.push(
			figureRow(itlSection, 'recall (stalls found)', spread([stalls === 0 ? null : (found / stalls) * 100]), {unit: ' %', digits: 1, target: {op: '>=', value: 95}, note: `${found}/${stalls} in ${scores.length} runs`}),
			figureRow(itlSection, 'precision', spread([found + falseDetections === 0 ? null : (found / (found + falseDetections)) * 100]), {unit: ' %', digits: 1, note: `${falseDetections} false; ${natural} natural stalls of the runs themselves not counted`}),
			figureRow(itlSection, 'timestamp error |spike t - stalled token t| ms', spread(errors), {digits: 3}),
			figureRow(itlSection, 'median gap of the streams ms', spread(scores.map((s) => s.medianGapMs)), {digits: 2}),
		);
	}
	ctx.log(`fidelity: CPU recall ${fmt(match.recall, 3)}, ${quietFalse} quiet-window spikes`);
	return {
		rows,
		data: {
			cpu: {options: bursts, bursts: cpu.bursts, quiet: cpu.quiet, spikes: cpu.spikes, samples: cpu.samples, missed: match.missed, unmatched: match.unmatched},
			stalls: scores.map((s) => ({path: s.path, medianGapMs: s.medianGapMs, stalls: s.stalls, found: s.score.match.matched.length, missed: s.score.match.missed, falseDetections: s.score.falseDetections, natural: s.score.natural})),
			idle,
		},
	};
}
