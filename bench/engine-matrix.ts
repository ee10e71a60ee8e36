/**
 * Configurations run in their own processes, all of them once per round,
 * rounds interleaved. On the ~130 MB model the main matrix gives the thread
 * sweep of this model, issue 8's levers (threads = cores vs cores - 1,
 * `--nice 19`, `--cpu-cap 35`) and prebuilt vs local builds with each wait
 * policy. (llmtop vs the bare loop and native llama-bench: `anchor.ts`.)
 */
import {readEventsFile} from '../src/report/events-file.js';
import {bareFigures, reportFigures, type RunFigures} from './lib/run-figures.js';
import {runBare} from './lib/bare-run.js';
import {runHeadless} from './lib/cli-run.js';
import type {BenchContext} from './lib/context.js';
import {runRounds, type RunSpec} from './lib/rounds.js';
import {BENCH_PROMPT, BENCH_SAMPLING, benchRunArgs} from './lib/suite.js';

/** A configuration of the matrix. */
export interface MatrixConfig {
	id: string;
	/** `bare` runs the bare node-llama-cpp loop; `llmtop` the CLI headless. */
	kind: 'bare' | 'llmtop';
	threads: number;
	/** Extra `llmtop run` flags. */
	flags?: string[];
}

/** Settings shared by every run of the matrix. */
export interface MatrixSettings {
	model: string;
	modelPath: string;
	suitePath: string;
	prompts: number;
	maxTokens: number;
	idleSeconds: number;
	contextSize: number;
	batchSize: number;
}

/** llmtop headless at every thread count from 1 to `cores`. */
export function threadSweepConfigs(cores: number): MatrixConfig[] {
	return Array.from({length: cores}, (_, i) => ({id: `llmtop t=${i + 1}`, kind: 'llmtop', threads: i + 1}));
}

/** The main matrix for `cores` cores: the thread sweep, issue 8's levers, and local builds when there is one. */
export function matrixConfigs(cores: number, localBuild: boolean): MatrixConfig[] {
	const low = Math.max(1, cores - 1);
	const configs = threadSweepConfigs(cores);
	configs.push({id: `llmtop t=${cores} nice 19`, kind: 'llmtop', threads: cores, flags: ['--nice', '19']});
	configs.push({id: `llmtop t=${low} cpu-cap 35`, kind: 'llmtop', threads: low, flags: ['--cpu-cap', '35']});
	if (localBuild) {
		for (const policy of ['default', 'active']) {
			for (const t of new Set([low, cores])) {
				configs.push({id: `local ${policy} t=${t}`, kind: 'llmtop', threads: t, flags: ['--build', 'local', '--wait-policy', policy]});
			}
		}
	}
	return configs;
}

/** Runs the matrix; returns per-configuration figures by round. */
export async function runMatrix(ctx: BenchContext, settings: MatrixSettings, configs: readonly MatrixConfig[], label: string, rounds: number) {
	const specs: RunSpec[] = configs.map((config) => ({
		id: config.id,
		run: (round) => (config.kind === 'bare' ? bareRun(settings, config) : llmtopRun(ctx, settings, config, matrixRunName(label, config.id, round))),
	}));
	return runRounds(ctx, label, specs, rounds);
}

async function bareRun(settings: MatrixSettings, config: MatrixConfig): Promise<RunFigures> {
	const result = await runBare({
		modelPath: settings.modelPath,
		threads: config.threads,
		contextSize: settings.contextSize,
		batchSize: settings.batchSize,
		prompt: BENCH_PROMPT,
		maxTokens: settings.maxTokens,
		temperature: BENCH_SAMPLING.temperature,
		topP: BENCH_SAMPLING.topP,
		seed: BENCH_SAMPLING.seed,
		repetitions: settings.prompts,
	});
	return bareFigures(result);
}

/** `llmtop run --headless` with the matrix settings and the configuration's flags. */
async function llmtopRun(ctx: BenchContext, settings: MatrixSettings, config: Pick<MatrixConfig, 'threads' | 'flags'>, name: string): Promise<RunFigures> {
	const run = await runHeadless({
		dir: ctx.dir,
		name,
		args: [
			...benchRunArgs({...settings, threads: config.threads}),
			'--context-size',
			String(settings.contextSize),
			'--batch-size',
			String(settings.batchSize),
			...(config.flags ?? []),
		],
	});
	const figures = reportFigures(run.report, readEventsFile(run.eventsPath).events);
	ctx.llmtopRuns.push({name, mode: 'headless', figures});
	return figures;
}

/** The name (file stem in the scratch directory) of configuration `id`'s llmtop run in round `round` of the matrix `label`. */
export function matrixRunName(label: string, id: string, round: number): string {
	return `${label}-${id.replace(/[^\w]+/g, '-')}-r${round}`;
}
