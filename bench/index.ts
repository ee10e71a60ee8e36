/**
 * `npm run bench`: the benchmarks of llmtop in one sitting, on the real CLI
 * and the real store. Every timed comparison runs its configurations in
 * rotated order (ABBA for a pair), each in its own process, for at least 5
 * rounds, and reports the median and the spread. Progress with an ETA goes to
 * stderr; `results.json` and `results.md` are rewritten after each section
 * (an interrupted bench keeps what finished); the scratch directory is
 * removed on every exit. Never part of `npm test`; never builds anything.
 *
 * `node dist/bench/index.js --help` lists the options and sections.
 */
import os from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {findLocalBuild, nodeLlamaCppVersion} from '../src/engine/local-build.js';
import {resolveModel} from '../src/engine/resolve-model.js';
import {readHostInfo} from '../src/sampler/index.js';
import {benchAnchor} from './anchor.js';
import {benchBursts} from './bursts.js';
import {buildRows, leverRows, sweepRows} from './matrix-rows.js';
import {matrixConfigs, runMatrix, threadSweepConfigs, type MatrixSettings} from './engine-matrix.js';
import {ROOT} from './lib/cli-run.js';
import type {BenchContext, SectionResult} from './lib/context.js';
import {createScratch, onInterrupt} from './lib/lifecycle.js';
import {formatLoad, isLoaded, loadWindow, readLoad} from './lib/machine-load.js';
import {etaSeconds, formatSeconds, type PlannedSection} from './lib/progress.js';
import {writeResults, type BenchResults} from './lib/results-file.js';
import {MIN_ROUNDS} from './lib/rounds.js';
import {helpText, SECTION_INFO, selectSections, UnknownSectionError, type Section} from './lib/sections.js';
import {writeBenchSuite} from './lib/suite.js';
import {fmtMb, formatTable} from './lib/table.js';
import {benchMemory} from './memory.js';
import {benchObserver} from './observer.js';
import {benchReal} from './real.js';
import {benchStalls} from './stalls.js';
import {benchSynth, synthRows} from './synth.js';

const SMALL_MODEL = 'synthetic:smollm2-135m:Q8_0';
const LARGE_MODEL = 'synthetic:tinyllama-1.1b:Q4_K_M';

/** Bad usage: one line on stderr, exit 2. */
class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

interface Options {
	quick: boolean;
	sections: Section[];
	rounds: number;
	outDir: string;
	keep: boolean;
	/** Thread counts of the anchor (default every count from 1 to the cores). */
	threads: number[] | undefined;
}

function parseOptions(argv: string[]): Options | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: {
				rounds: {type: 'string'},
				only: {type: 'string'},
				quick: {type: 'boolean', default: false},
				keep: {type: 'boolean', default: false},
				out: {type: 'string'},
				threads: {type: 'string'},
				help: {type: 'boolean', short: 'h', default: false},
			},
		});
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const {values} = parsed;
	if (values.help) return 'help';
	const quick = values.quick ?? false;
	let sections: Section[];
	try {
		sections = selectSections(values.only, quick);
	} catch (error) {
		if (error instanceof UnknownSectionError) throw new UsageError(error.message);
		throw error;
	}
	const rounds = values.rounds === undefined ? (quick ? MIN_ROUNDS : 6) : Number(values.rounds);
	if (!Number.isInteger(rounds) || rounds < MIN_ROUNDS)
		throw new UsageError(`--rounds ${values.rounds}: every timed comparison runs at least ${MIN_ROUNDS} rotated rounds`);
	const threads = values.threads?.split(',').map((t) => Number(t.trim()));
	if (threads && (threads.length === 0 || threads.some((t) => !Number.isInteger(t) || t < 1)))
		throw new UsageError(`--threads ${values.threads}: a comma-separated list of whole numbers >= 1`);
	return {quick, sections, rounds, outDir: values.out ?? join(ROOT, 'bench'), keep: values.keep ?? false, threads};
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	if (options === 'help') {
		process.stdout.write(`${helpText()}\n`);
		return;
	}
	const {quick, sections, rounds} = options;
	const started = performance.now();
	const elapsed = (): number => (performance.now() - started) / 1000;
	const cores = os.cpus().length || os.availableParallelism();
	const low = Math.max(1, cores - 1);
	const scratch = createScratch(options.keep);
	const host = await readHostInfo();
	const local = findLocalBuild();
	const results: BenchResults = {
		schema: 'llmtop/bench@2',
		startedAt: new Date().toISOString(),
		state: 'running',
		durationS: 0,
		quick,
		rounds,
		host: {...host, logicalCores: cores, nodeLlamaCpp: nodeLlamaCppVersion(), localBuild: local},
		planned: sections,
		sections: {},
	};
	const save = (): void => {
		results.durationS = elapsed();
		writeResults(options.outDir, results);
	};
	let interrupted = false;
	onInterrupt({
		first: (signal) => {
			// The section running now is cut short: it is not recorded (as failed or otherwise).
			interrupted = true;
			results.state = 'interrupted';
			results.signal = signal;
		},
		last: (signal) => {
			save();
			scratch.remove();
			process.stderr.write(
				`\nbench interrupted (${signal}): ${Object.keys(results.sections).length} finished section(s) kept in ${join(options.outDir, 'results.json')}; scratch removed\n`,
			);
		},
	});

	const plan: PlannedSection[] = sections.map((name) => ({name, estimateS: SECTION_INFO[name].estimateS[quick ? 'quick' : 'full']}));
	const progress = {current: 0, steps: 0, done: 0, doneS: 0, sectionStart: performance.now()};
	const eta = (): string => {
		const fraction = progress.steps > 0 ? progress.done / progress.steps : 0;
		const left = etaSeconds(plan, {current: progress.current, fraction, doneS: progress.doneS, currentS: (performance.now() - progress.sectionStart) / 1000});
		return left === null ? '' : ` | ETA ${formatSeconds(left)}`;
	};
	let lastLine = performance.now();
	const ctx: BenchContext = {
		dir: scratch.dir,
		quick,
		rounds,
		cores,
		log: (line) => {
			lastLine = performance.now();
			const where =
				progress.current < plan.length
					? ` | ${progress.current + 1}/${plan.length} ${plan[progress.current]!.name}${progress.steps > 0 ? ` ${progress.done}/${progress.steps}` : ''}`
					: '';
			process.stderr.write(`[${formatSeconds(elapsed()).padStart(9)}${where}${eta()}] ${line}\n`);
		},
		steps: (total) => {
			progress.steps = total;
			progress.done = 0;
		},
		step: () => {
			progress.done = Math.min(progress.steps, progress.done + 1);
		},
		llmtopRuns: [],
	};
	// A line at least every 15 s, so a long step still shows the bench alive and its ETA.
	setInterval(() => {
		if (performance.now() - lastLine >= 15_000) ctx.log('…');
	}, 5000).unref();
	const startLoad = readLoad();
	ctx.log(
		`host: ${host.cpuModel}, ${cores} cores, load average ${startLoad.loadAverage.map((l) => l.toFixed(2)).join(' ')}${startLoad.psiSomeAvg10 === undefined ? '' : `, PSI cpu some avg10 ${startLoad.psiSomeAvg10.toFixed(0)} %`}; node-llama-cpp ${nodeLlamaCppVersion()}`,
	);
	ctx.log(
		`sections: ${sections.join(', ')} (${quick ? '--quick' : 'full'}, ${rounds} rounds); estimated ${formatSeconds(plan.reduce((sum, s) => sum + s.estimateS, 0))} on an idle machine; scratch ${scratch.dir}`,
	);
	save();

	const small = await prepareModel(ctx, SMALL_MODEL);
	const prompts = quick ? 1 : 3;
	const maxTokens = quick ? 32 : 128;
	const matrixSettings = (): MatrixSettings => ({
		model: SMALL_MODEL,
		modelPath: small.path,
		suitePath: writeBenchSuite(scratch.dir, prompts, maxTokens),
		prompts,
		maxTokens,
		idleSeconds: 1,
		contextSize: 2048,
		batchSize: 512,
	});

	const runners: Record<Section, () => Promise<SectionResult>> = {
		anchor: () =>
			benchAnchor(ctx, {
				// --quick: the default thread count only (cores - 1); threads = cores, the stall case, takes minutes on a
				// loaded machine and belongs to the full bench.
				threads: options.threads ?? (quick ? [low] : Array.from({length: cores}, (_, i) => i + 1)),
				model: SMALL_MODEL,
				modelPath: small.path,
				modelBytes: small.sizeBytes,
				prompts: quick ? 2 : 3,
				maxTokens: quick ? 48 : 128,
				nativeRepetitions: quick ? 1 : 3,
				contextSize: 2048,
				batchSize: 512,
			}),
		stalls: () =>
			benchStalls(ctx, {
				model: SMALL_MODEL,
				threads: low,
				factors: [2, 2.8, 3.2, 4, 8],
				firstIndex: 12,
				spacing: 8,
				stallsPerPrompt: 15,
				prompts: quick ? 2 : 4,
				runs: quick ? 1 : 3,
				// --quick: the idle machine only; recall under --load is the full bench's.
				loads: quick ? [0] : [0, cores],
			}),
		bursts: () =>
			benchBursts(
				ctx,
				quick
					? {bursts: 10, burstsMs: [15, 30, 60, 120, 250], periodMs: 700, jitterMs: 100, warmupMs: 3500, quietMs: 3000, intervalMs: 100}
					: {bursts: 40, burstsMs: [10, 20, 30, 50, 100, 200, 400, 1500], periodMs: 1500, jitterMs: 100, warmupMs: 4000, quietMs: 15_000, intervalMs: 100},
			),
		synth: async () => {
			ctx.steps(rounds * 3);
			const result = await benchSynth({rounds, dir: scratch.dir, onStep: ctx.step, ...(quick ? {preset: 'smollm2-135m', quant: 'Q8_0', loadPresets: []} : {})});
			return {rows: synthRows(result), data: result};
		},
		memory: () => benchMemory(ctx, {minutes: quick ? 30 : 120, checkpointMinutes: 5, shortTokens: 128, longTokens: 4096, gapMs: 7, intervalMs: 100}),
		matrix: async () => {
			const settings = matrixSettings();
			const configs = matrixConfigs(cores, local !== null);
			ctx.steps(configs.length * rounds);
			const {results: r, errors} = await runMatrix(ctx, settings, configs, 'matrix', rounds);
			return {
				rows: [...sweepRows(r, `${SMALL_MODEL} (${fmtMb(small.sizeBytes)} MB)`, cores), ...leverRows(r, cores), ...buildRows(r, cores, local !== null)],
				data: {settings, configs, results: r, errors},
			};
		},
		observer: () => {
			ctx.steps(rounds * 2);
			return benchObserver(ctx, {model: SMALL_MODEL, suitePath: matrixSettings().suitePath, maxTokens, threads: low, idleSeconds: quick ? 2 : 6, rounds});
		},
		real: () => {
			ctx.log(`real: the real SmolLM2-135M Q4_1 beside synthetic:smollm2-135m:Q4_0 on endpoint-security${quick ? ' (decision prompts)' : ''}, t=${low}`);
			return benchReal(ctx, {threads: low, rounds: quick ? 1 : MIN_ROUNDS, ...(quick ? {tags: ['decision']} : {})});
		},
		sweep: async () => {
			const large = await prepareModel(ctx, LARGE_MODEL);
			const sweepPrompts = quick ? 1 : 2;
			const sweepTokens = quick ? 24 : 64;
			const settings: MatrixSettings = {
				...matrixSettings(),
				model: LARGE_MODEL,
				modelPath: large.path,
				prompts: sweepPrompts,
				maxTokens: sweepTokens,
				suitePath: writeBenchSuite(scratch.dir, sweepPrompts, sweepTokens),
			};
			ctx.steps(cores * rounds);
			const {results: r, errors} = await runMatrix(ctx, settings, threadSweepConfigs(cores), 'sweep', rounds);
			return {rows: sweepRows(r, `${LARGE_MODEL} (${fmtMb(large.sizeBytes)} MB)`, cores), data: {settings, results: r, errors}};
		},
	};

	for (const [i, name] of sections.entries()) {
		Object.assign(progress, {current: i, steps: 0, done: 0, sectionStart: performance.now()});
		const before = readLoad();
		ctx.log(`${name}: ${SECTION_INFO[name].help}`);
		let outcome: BenchResults['sections'][string];
		try {
			const result = await runners[name]();
			const window = loadWindow(before, readLoad());
			outcome = {status: 'done', durationS: (performance.now() - progress.sectionStart) / 1000, load: window, rows: result.rows, data: result.data};
		} catch (error) {
			const window = loadWindow(before, readLoad());
			const message = error instanceof Error ? error.message : String(error);
			ctx.log(`section ${name} FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`);
			outcome = {status: 'failed', durationS: (performance.now() - progress.sectionStart) / 1000, load: window, rows: [], error: message};
		}
		if (interrupted) return;
		progress.doneS += outcome.durationS;
		results.sections[name] = outcome;
		save();
		ctx.log(
			`${name} ${outcome.status} in ${formatSeconds(outcome.durationS)}; ${formatLoad(outcome.load)}${isLoaded(outcome.load, cores) ? ' (a loaded machine: figures are noisy)' : ''}`,
		);
	}
	progress.current = plan.length;
	results.state = 'finished';
	save();
	const rows = Object.values(results.sections).flatMap((s) => s.rows);
	const fails = rows.filter((row) => row.status === 'fail');
	const loads = Object.entries(results.sections).map(([name, s]) => `${name}: ${formatLoad(s.load)}`);
	process.stdout.write(
		`llmtop bench — ${host.cpuModel}, ${cores} logical cores, ${host.os}, node ${host.node}, node-llama-cpp ${nodeLlamaCppVersion()}\n` +
			`every comparison: ${rounds} rounds, configurations in rotated order, each run in its own process; values are medians\n\n` +
			`${formatTable(rows)}\n\n` +
			`duration ${formatSeconds(elapsed())}; machine load per section: ${loads.join('; ')}\n` +
			`${fails.length === 0 ? 'every target met' : `${fails.length} target(s) not met: ${fails.map((row) => row.figure).join('; ')}`}\n` +
			`results: ${join(options.outDir, 'results.json')}, ${join(options.outDir, 'results.md')}\n`,
	);
}

/** Resolves a model reference once (writing a synthetic model into the cache if needed), before anything is timed. */
async function prepareModel(
	ctx: BenchContext,
	ref: string,
): Promise<{ref: string; path: string; sizeBytes: number; quantization: string; parameterCount: number}> {
	const t0 = performance.now();
	const resolved = await resolveModel(ref);
	const f = resolved.facts;
	ctx.log(`model ${ref}: ${f.path} (${fmtMb(f.sizeBytes)} MB${resolved.created ? `, written now in ${((performance.now() - t0) / 1000).toFixed(1)} s` : ''})`);
	return {ref, path: f.path, sizeBytes: f.sizeBytes, quantization: f.quantization, parameterCount: f.parameterCount};
}

main().catch((error: unknown) => {
	if (error instanceof UsageError) {
		process.stderr.write(`bench: ${error.message}\n`);
		process.exitCode = 2;
		return;
	}
	process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
