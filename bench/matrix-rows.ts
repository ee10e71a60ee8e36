/**
 * Table rows from the paired runs: thread sweeps, issue
 * 8's levers and local vs prebuilt builds. Ratios are per round (paired),
 * then summarised.
 */
import type {RoundResults} from './lib/rounds.js';
import {series} from './lib/rounds.js';
import type {RunFigures} from './lib/run-figures.js';
import {pairedRatios, spread, type Maybe} from './lib/stats.js';
import {figureRow, missingRow, type BenchRow} from './lib/table.js';

const pick = {
	decode: (f: RunFigures): Maybe => f.decodeTokPerSec,
	ttft: (f: RunFigures): Maybe => f.ttftMs,
	itlP50: (f: RunFigures): Maybe => f.itlP50Ms,
	itlP99: (f: RunFigures): Maybe => f.itlP99Ms,
	itlRatio: (f: RunFigures): Maybe => f.itlP99OverP50,
	cpuMean: (f: RunFigures): Maybe => f.cpuActiveMean,
	cpuP99: (f: RunFigures): Maybe => f.cpuActiveP99,
	cpuWindow: (f: RunFigures): Maybe => f.cpuWindowMax1s,
	cpuWindow200: (f: RunFigures): Maybe => f.cpuWindowMax200ms,
	cpuMax: (f: RunFigures): Maybe => f.cpuActiveMax,
	canary: (f: RunFigures): Maybe => f.canaryP99Ms,
	psi: (f: RunFigures): Maybe => (f.psiShare == null ? null : f.psiShare * 100),
};

/** `a / b` per round for one figure. */
function paired(results: RoundResults, a: string, b: string, figure: (f: RunFigures) => Maybe): number[] {
	return pairedRatios(series(results, a, figure), series(results, b, figure));
}

/** Thread sweep rows of one model (t = 1..cores) from results keyed `${prefix} t=N`. */
export function sweepRows(results: RoundResults, model: string, cores: number, prefix = 'llmtop'): BenchRow[] {
	const section = `thread sweep, ${model} (llmtop headless)`;
	const rows: BenchRow[] = [];
	for (let t = 1; t <= cores; t++) {
		const id = `${prefix} t=${t}`;
		rows.push(
			figureRow(section, `t=${t} decode tok/s`, spread(series(results, id, pick.decode)), {digits: 1}),
			figureRow(section, `t=${t} TTFT (warm) ms`, spread(series(results, id, pick.ttft)), {digits: 1}),
			figureRow(section, `t=${t} ITL p50 ms`, spread(series(results, id, pick.itlP50)), {digits: 2}),
			figureRow(section, `t=${t} ITL p99 ms`, spread(series(results, id, pick.itlP99)), {digits: 2}),
			figureRow(section, `t=${t} ITL p99/p50`, spread(series(results, id, pick.itlRatio)), {digits: 2}),
		);
	}
	if (cores > 1) {
		rows.push(
			figureRow(section, `decode t=${cores} / t=1 (paired)`, spread(paired(results, `${prefix} t=${cores}`, `${prefix} t=1`, pick.decode)), {digits: 3}),
		);
	}
	return rows;
}

/** Issue 8: threads = cores vs cores - 1, `--nice 19` at threads = cores, `--cpu-cap 35`. */
export function leverRows(results: RoundResults, cores: number): BenchRow[] {
	const low = Math.max(1, cores - 1);
	const lowId = `llmtop t=${low}`;
	const highId = `llmtop t=${cores}`;
	const niceId = `llmtop t=${cores} nice 19`;
	const capId = `llmtop t=${low} cpu-cap 35`;
	const threads = `issue 8: threads and nice (130 MB model; canary = interactive delay while prompts run)`;
	const cap = `issue 8: --cpu-cap 35 (t=${low}, vs uncapped t=${low})`;
	const rows: BenchRow[] = [];
	for (const [id, name] of [
		[lowId, `t=${low}`],
		[highId, `t=${cores}`],
		[niceId, `t=${cores} --nice 19`],
	] as const) {
		rows.push(
			figureRow(threads, `${name}: canary p99 ms`, spread(series(results, id, pick.canary)), {digits: 2}),
			figureRow(threads, `${name}: PSI some share %`, spread(series(results, id, pick.psi)), {digits: 1, note: 'machine-wide'}),
			figureRow(threads, `${name}: decode tok/s`, spread(series(results, id, pick.decode)), {digits: 1}),
			figureRow(threads, `${name}: process CPU mean %`, spread(series(results, id, pick.cpuMean)), {digits: 1}),
		);
	}
	rows.push(
		figureRow(threads, `canary p99 t=${cores} / t=${low} (paired)`, spread(paired(results, highId, lowId, pick.canary)), {digits: 2}),
		figureRow(threads, `canary p99 nice 19 / nice 0 at t=${cores}`, spread(paired(results, niceId, highId, pick.canary)), {digits: 2}),
		figureRow(threads, `decode tok/s nice 19 / nice 0 at t=${cores}`, spread(paired(results, niceId, highId, pick.decode)), {digits: 3}),
		figureRow(cap, 'process CPU mean % while prompts run', spread(series(results, capId, pick.cpuMean)), {target: {op: '<=', value: 35}, digits: 1}),
		figureRow(cap, 'process CPU p99 % (100 ms samples)', spread(series(results, capId, pick.cpuP99)), {target: {op: '<=', value: 35}, digits: 1}),
		figureRow(cap, 'process CPU max single 100 ms sample %', spread(series(results, capId, pick.cpuMax)), {
			target: {op: '<=', value: 35},
			digits: 1,
			note: 'the cap window W = the sampling interval',
		}),
		figureRow(cap, 'process CPU max over any 200 ms window %', spread(series(results, capId, pick.cpuWindow200)), {
			target: {op: '<=', value: 35},
			digits: 1,
			note: '2 W: a whole multiple, bounded by the cap',
		}),
		figureRow(cap, 'process CPU max over any 1 s window %', spread(series(results, capId, pick.cpuWindow)), {
			target: {op: '<=', value: 35},
			digits: 1,
			note: '10 W: a whole multiple, bounded by the cap',
		}),
		figureRow(cap, 'uncapped CPU mean / p99 %', spread(series(results, lowId, pick.cpuMean)), {
			digits: 1,
			note: `p99 median ${fmtMedian(series(results, lowId, pick.cpuP99))}`,
		}),
		figureRow(cap, 'decode tok/s capped / uncapped', spread(paired(results, capId, lowId, pick.decode)), {digits: 3}),
		figureRow(cap, 'TTFT capped / uncapped', spread(paired(results, capId, lowId, pick.ttft)), {digits: 3}),
		figureRow(cap, 'ITL p50 capped / uncapped', spread(paired(results, capId, lowId, pick.itlP50)), {digits: 3}),
		figureRow(cap, 'ITL p99 capped / uncapped', spread(paired(results, capId, lowId, pick.itlP99)), {digits: 3}),
		figureRow(cap, 'canary p99 ms capped', spread(series(results, capId, pick.canary)), {digits: 2}),
	);
	return rows;
}

/** Local build (OpenMP) vs the prebuilt binary, per threads and wait policy; or how to get a local build. */
export function buildRows(results: RoundResults, cores: number, localBuild: boolean): BenchRow[] {
	const section = 'engine builds (130 MB model): local build from source vs prebuilt, separate processes';
	if (!localBuild)
		return [missingRow(section, 'local build vs prebuilt', 'no local build: run `llmtop engine build` (a few minutes, no network), then `npm run bench`')];
	const low = Math.max(1, cores - 1);
	const rows: BenchRow[] = [];
	for (const t of [...new Set([low, cores])]) {
		const prebuilt = `llmtop t=${t}`;
		for (const policy of ['default', 'active']) {
			const id = `local ${policy} t=${t}`;
			rows.push(
				figureRow(section, `t=${t} ${policy}: decode tok/s local / prebuilt`, spread(paired(results, id, prebuilt, pick.decode)), {
					digits: 3,
					note: `local ${fmtMedian(series(results, id, pick.decode))} vs ${fmtMedian(series(results, prebuilt, pick.decode))} tok/s`,
				}),
				figureRow(section, `t=${t} ${policy}: ITL p99 ms local`, spread(series(results, id, pick.itlP99)), {
					digits: 2,
					note: `prebuilt ${fmtMedian(series(results, prebuilt, pick.itlP99))} ms`,
				}),
				figureRow(section, `t=${t} ${policy}: process CPU mean % local`, spread(series(results, id, pick.cpuMean)), {
					digits: 1,
					note: `prebuilt ${fmtMedian(series(results, prebuilt, pick.cpuMean))} %`,
				}),
			);
		}
	}
	return rows;
}

function fmtMedian(values: Maybe[]): string {
	const m = spread(values).median;
	return m === null ? '—' : m.toFixed(m >= 100 ? 0 : 1);
}
