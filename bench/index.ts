/**
 * `npm run bench`: every benchmark of issues 7 and 8 in one sitting, on the
 * real CLI and the real store, printed as one table (figure, median, target,
 * status, spread over paired rounds) and written to `bench/results.json`.
 * Never part of `npm test`. The engine build is not run here: when a local
 * build exists (`llmtop engine build`) it is compared with the prebuilt one.
 *
 * `node dist/bench/index.js [--rounds N] [--only a,b] [--quick] [--keep]`;
 * sections: efficiency, matrix (130 MB sweep, issue 8, builds), observer,
 * sweep (670 MB model), fidelity, memory, synth, real (the real SmolLM2-135M
 * beside its synthetic twin; `npm run models:fetch` first). `--keep` keeps the scratch
 * directory (reports and events of every run).
 */
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {findLocalBuild, nodeLlamaCppVersion} from '../src/engine/local-build.js';
import {resolveModel} from '../src/engine/resolve-model.js';
import {readHostInfo} from '../src/sampler/index.js';
import {buildRows, efficiencyRows, leverRows, sweepRows} from './matrix-rows.js';
import {efficiencyConfigs, matrixConfigs, matrixRunName, runMatrix, threadSweepConfigs, type MatrixSettings} from './engine-matrix.js';
import {benchFidelity} from './fidelity.js';
import {ROOT, runFiles} from './lib/cli-run.js';
import type {BenchContext, SectionResult} from './lib/context.js';
import {writeBenchSuite} from './lib/suite.js';
import {fmtMb, formatTable, type BenchRow} from './lib/table.js';
import {benchMemory} from './memory.js';
import {benchObserver} from './observer.js';
import {benchReal} from './real.js';
import {benchSynth, synthRows} from './synth.js';

const SECTIONS = ['efficiency', 'matrix', 'observer', 'sweep', 'fidelity', 'memory', 'synth', 'real'] as const;
type Section = (typeof SECTIONS)[number];

const SMALL_MODEL = 'synthetic:smollm2-135m:Q8_0';
const LARGE_MODEL = 'synthetic:tinyllama-1.1b:Q4_K_M';

async function main(): Promise<void> {
	const {values} = parseArgs({options: {rounds: {type: 'string'}, only: {type: 'string'}, quick: {type: 'boolean', default: false}, keep: {type: 'boolean', default: false}}});
	const quick = values.quick ?? false;
	const only = new Set((values.only?.split(',') ?? SECTIONS).map((s) => s.trim()) as Section[]);
	for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`unknown section '${name}' (${SECTIONS.join(', ')})`);
	const started = performance.now();
	const startedAt = new Date().toISOString();
	const loadBefore = os.loadavg();
	const cores = os.cpus().length || os.availableParallelism();
	const low = Math.max(1, cores - 1);
	const dir = mkdtempSync(join(os.tmpdir(), 'llmtop-bench-'));
	const matrixRounds = Number(values.rounds ?? (quick ? 1 : 4));
	const efficiencyRounds = quick ? 1 : 6;
	const observerRounds = quick ? 1 : 3;
	const sweepRounds = quick ? 1 : 3;
	const ctx: BenchContext = {
		dir,
		log: (line) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`),
		llmtopRuns: [],
	};
	const host = await readHostInfo();
	const local = findLocalBuild();
	ctx.log(`host: ${host.cpuModel}, ${cores} cores, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; node-llama-cpp ${nodeLlamaCppVersion()}; local build: ${local ? `${local.folderName} (wait policy recorded: ${local.record?.waitPolicy ?? 'none'})` : 'none'}`);
	ctx.log(`scratch: ${dir}`);

	const models = {small: await prepareModel(ctx, SMALL_MODEL), large: only.has('sweep') ? await prepareModel(ctx, LARGE_MODEL) : null};
	const rows: BenchRow[] = [];
	const data: Record<string, unknown> = {};
	const timings: Record<string, number> = {};
	const section = async (name: Section, run: () => Promise<SectionResult>): Promise<void> => {
		if (!only.has(name)) return;
		const t0 = performance.now();
		try {
			const result = await run();
			rows.push(...result.rows);
			data[name] = result.data;
		} catch (error) {
			ctx.log(`section ${name} FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
			data[name] = {error: String(error)};
		}
		timings[name] = (performance.now() - t0) / 1000;
	};

	const prompts = quick ? 1 : 3;
	const maxTokens = quick ? 32 : 128;
	const small: MatrixSettings = {
		model: SMALL_MODEL,
		modelPath: models.small.path,
		suitePath: writeBenchSuite(dir, prompts, maxTokens),
		prompts,
		maxTokens,
		idleSeconds: 1,
		contextSize: 2048,
		batchSize: 512,
	};
	const eventsForStalls = (label: string, rounds: number): string[] => Array.from({length: rounds}, (_, round) => runFiles(dir, matrixRunName(label, `llmtop t=${low}`, round)).eventsPath);
	await section('efficiency', async () => {
		const configs = efficiencyConfigs(low);
		ctx.log(`efficiency: bare loop vs llmtop headless, t=${low}, ${efficiencyRounds} rounds`);
		const {results, errors} = await runMatrix(ctx, small, configs, 'efficiency', efficiencyRounds);
		return {rows: efficiencyRows(results, low), data: {settings: small, configs, results, errors}};
	});
	await section('matrix', async () => {
		const configs = matrixConfigs(cores, local !== null);
		ctx.log(`matrix: ${configs.length} configurations x ${matrixRounds} rounds on ${SMALL_MODEL}: ${configs.map((c) => c.id).join(', ')}`);
		const {results, errors} = await runMatrix(ctx, small, configs, 'matrix', matrixRounds);
		return {
			rows: [...sweepRows(results, `${SMALL_MODEL} (${fmtMb(models.small.sizeBytes)} MB)`, cores), ...leverRows(results, cores), ...buildRows(results, cores, local !== null)],
			data: {settings: small, configs, results, errors},
		};
	});
	await section('observer', () =>
		benchObserver(ctx, {model: SMALL_MODEL, suitePath: small.suitePath, maxTokens, threads: low, idleSeconds: quick ? 2 : 6, rounds: observerRounds}),
	);
	await section('sweep', async () => {
		const large = models.large!;
		const sweepPrompts = quick ? 1 : 2;
		const sweepTokens = quick ? 24 : 64;
		const settings: MatrixSettings = {...small, model: LARGE_MODEL, modelPath: large.path, prompts: sweepPrompts, maxTokens: sweepTokens, suitePath: writeBenchSuite(dir, sweepPrompts, sweepTokens)};
		const {results, errors} = await runMatrix(ctx, settings, threadSweepConfigs(cores), 'sweep', sweepRounds);
		return {rows: sweepRows(results, `${LARGE_MODEL} (${fmtMb(large.sizeBytes)} MB)`, cores), data: {settings, results, errors}};
	});
	await section('fidelity', () =>
		benchFidelity(
			ctx,
			{bursts: quick ? 5 : 20, burstMs: 150, periodMs: 2000, jitterMs: 100, warmupMs: 4000, quietMs: quick ? 5000 : 20_000, intervalMs: 100},
			[...eventsForStalls('efficiency', efficiencyRounds), ...eventsForStalls('matrix', matrixRounds)].filter((path) => existsSync(path)),
		),
	);
	await section('memory', () => benchMemory(ctx, {minutes: quick ? 30 : 120, checkpointMinutes: 5, shortTokens: 128, longTokens: 4096, gapMs: 7, intervalMs: 100}));
	await section('synth', async () => {
		ctx.log('synth: writing a 1B Q4_K_M model beside a plain write of the same size, then every preset at its smallest quant, loaded');
		const result = await benchSynth();
		return {rows: synthRows(result), data: result};
	});

	await section('real', () => {
		ctx.log(`real: the real SmolLM2-135M Q4_1 beside synthetic:smollm2-135m:Q4_0 on endpoint-security${quick ? ' (decision prompts)' : ''}, t=${low}`);
		return benchReal(ctx, {threads: low, rounds: quick ? 1 : 3, ...(quick ? {tags: ['decision']} : {})});
	});

	const durationS = (performance.now() - started) / 1000;
	const loadAfter = os.loadavg();
	const table = formatTable(rows);
	const fails = rows.filter((row) => row.status === 'fail');
	process.stdout.write(
		`llmtop bench — ${host.cpuModel}, ${cores} logical cores, ${host.os}, node ${host.node}, node-llama-cpp ${nodeLlamaCppVersion()}\n` +
			`paired, interleaved rounds (each configuration in its own process, order rotated per round): efficiency ${efficiencyRounds}, matrix ${matrixRounds}, observer ${observerRounds}, sweep ${sweepRounds}; values are medians\n\n` +
			`${table}\n\n` +
			`duration ${formatDuration(durationS)} (${Object.entries(timings).map(([name, s]) => `${name} ${s.toFixed(0)} s`).join(', ')}); ` +
			`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n` +
			`${fails.length === 0 ? 'every target met' : `${fails.length} target(s) not met: ${fails.map((row) => row.figure).join('; ')}`}\n`,
	);
	const results = {
		schema: 'llmtop/bench@1',
		startedAt,
		durationS,
		quick,
		host: {...host, logicalCores: cores, nodeLlamaCpp: nodeLlamaCppVersion(), loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, localBuild: local},
		models,
		configuration: {rounds: matrixRounds, sections: [...only], small, timings},
		rows,
		sections: data,
	};
	const out = join(ROOT, 'bench', 'results.json');
	writeFileSync(out, `${JSON.stringify(results, null, '\t')}\n`);
	process.stdout.write(`results: ${out}\n`);
	if (!values.keep) rmSync(dir, {recursive: true, force: true});
}

/** Resolves a model reference once (writing a synthetic model into the cache if needed), before anything is timed. */
async function prepareModel(ctx: BenchContext, ref: string): Promise<{ref: string; path: string; sizeBytes: number; quantization: string; parameterCount: number}> {
	const t0 = performance.now();
	const resolved = await resolveModel(ref);
	const f = resolved.facts;
	ctx.log(`model ${ref}: ${f.path} (${fmtMb(f.sizeBytes)} MB${resolved.created ? `, written now in ${((performance.now() - t0) / 1000).toFixed(1)} s` : ''})`);
	return {ref, path: f.path, sizeBytes: f.sizeBytes, quantization: f.quantization, parameterCount: f.parameterCount};
}

function formatDuration(seconds: number): string {
	return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exitCode = 1;
});
