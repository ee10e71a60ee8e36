/**
 * Observer cost: llmtop's own JS thread CPU (the report's `observerCpu`,
 * from `/proc/self/task/<main>/schedstat` at 100 ms sampling) while idle and
 * while prompts run — headless, and with the dashboard rendering in a 120x36
 * pseudo-terminal — plus what the dashboard costs the model (decode tok/s
 * and ITL p99, dashboard vs headless). Pairs run back to back, alternating.
 */
import {reportFigures, type RunFigures} from './lib/run-figures.js';
import {runHeadless, type CliRunOptions, type CliRunResult} from './lib/cli-run.js';
import type {BenchContext, SectionResult} from './lib/context.js';
import {runRounds, series, type RunSpec} from './lib/rounds.js';
import {benchRunArgs, type BenchRunSettings} from './lib/suite.js';
import {pairedRatios, spread, type Maybe} from './lib/stats.js';
import {figureRow, missingRow} from './lib/table.js';
import {ptyTool, runInTerminal} from './lib/tui-run.js';

/** Settings of the observer runs. */
export interface ObserverSettings extends BenchRunSettings {
	rounds: number;
}

/** Runs the pairs and returns the rows. */
export async function benchObserver(ctx: BenchContext, settings: ObserverSettings): Promise<SectionResult> {
	const section = `observer cost (llmtop's JS thread, % of the machine; t=${settings.threads}, ${settings.idleSeconds} s idle before and after)`;
	type Mode = 'headless' | 'dashboard';
	const tool = ptyTool();
	const args = [...benchRunArgs(settings), '--interval', '100'];
	const spec = (mode: Mode, runner: (options: CliRunOptions) => Promise<CliRunResult>): RunSpec => ({
		id: mode,
		run: async (round) => {
			const name = `observer-${mode}-r${round}`;
			const figures = reportFigures((await runner({dir: ctx.dir, name, args})).report);
			ctx.llmtopRuns.push({name, mode, figures});
			return figures;
		},
	});
	const specs = [spec('headless', runHeadless), ...(tool ? [spec('dashboard', runInTerminal)] : [])];
	const {results, errors} = await runRounds(ctx, 'observer', specs, settings.rounds);
	const idle = (f: RunFigures): Maybe => f.observerIdleMean;
	const active = (f: RunFigures): Maybe => f.observerActiveMean;
	/** A paired ratio of one figure, dashboard against headless, that should stay near 1 (>= 0.97). */
	const ratioRow = (name: string, figure: (f: RunFigures) => Maybe, top: Mode, bottom: Mode) =>
		figureRow(section, name, spread(pairedRatios(series(results, top, figure), series(results, bottom, figure))), {digits: 3, target: {op: '>=', value: 0.97}});
	const rows = [figureRow(section, 'idle, headless', spread(series(results, 'headless', idle)), {unit: ' %', digits: 3, target: {op: '<=', value: 0.5}})];
	if (!tool) {
		rows.push(missingRow(section, 'with the dashboard', 'no pseudo-terminal here: install tmux'));
	} else {
		rows.push(
			figureRow(section, `idle, dashboard (${tool} 120x36)`, spread(series(results, 'dashboard', idle)), {
				unit: ' %',
				digits: 3,
				target: {op: '<=', value: 0.5},
			}),
			figureRow(section, 'prompts running, headless', spread(series(results, 'headless', active)), {unit: ' %', digits: 3}),
			figureRow(section, 'prompts running, dashboard', spread(series(results, 'dashboard', active)), {unit: ' %', digits: 3}),
			ratioRow('decode tok/s, dashboard / headless', (f) => f.decodeTokPerSec, 'dashboard', 'headless'),
			ratioRow('ITL p99, headless / dashboard', (f) => f.itlP99Ms, 'headless', 'dashboard'),
		);
	}
	return {rows, data: {settings, tool, results, errors}};
}
