/**
 * The native anchor: llmtop headless, the bare node-llama-cpp loop and
 * native `llama-bench` (llama.cpp built from the source bundled in
 * node-llama-cpp), on the same model file, at every thread count, the same
 * prompt depth. All configurations run once per round in rotated order
 * (ABBA for any pair), each in its own process, for at least 5 rounds;
 * ratios are taken per round (paired), then summarised.
 *
 * Like for like: native decode is `tg N` at depth P (P = the prompt's tokens
 * after the chat template, as llmtop renders it), as llmtop decodes N tokens
 * after a P-token prompt; native TTFT is `pp P` at depth 0 plus one decode
 * step. Native does not sample or detokenize; llmtop and the bare loop do
 * (temperature 0.8, top-p 0.95).
 */
import {readEventsFile} from '../src/report/events-file.js';
import {runBare} from './lib/bare-run.js';
import {ROOT} from './lib/cli-run.js';
import type {BenchContext, SectionResult} from './lib/context.js';
import {bundledLlamaCppTag, findNativeBench, nativeArgs, nativeFigures, runNativeBench, type NativeBench} from './lib/native-bench.js';
import {runRounds, series, type RoundResults, type RunSpec} from './lib/rounds.js';
import {bareFigures, reportFigures, type RunFigures} from './lib/run-figures.js';
import {runHeadless} from './lib/cli-run.js';
import {pairedRatios, spread, type Maybe} from './lib/stats.js';
import {ANCHOR_PROMPT, BENCH_SAMPLING, benchRunArgs, writeBenchSuite} from './lib/suite.js';
import {figureRow, fmtMb, missingRow, type BenchRow} from './lib/table.js';

/** Settings of the anchor. */
export interface AnchorSettings {
	/** Thread counts compared (every count from 1 to the cores, unless `--threads` narrows it). */
	threads: number[];
	model: string;
	modelPath: string;
	modelBytes: number;
	/** Prompts per llmtop run (the first is cold; TTFT is the median of the warm ones). */
	prompts: number;
	maxTokens: number;
	/** llama-bench repetitions per run. */
	nativeRepetitions: number;
	contextSize: number;
	batchSize: number;
}

type Engine = 'llmtop' | 'bare' | 'native';
const ENGINES: readonly Engine[] = ['llmtop', 'bare', 'native'];
const id = (engine: Engine, t: number): string => `${engine} t=${t}`;

/** Runs the anchor (see the file comment). */
export async function benchAnchor(ctx: BenchContext, settings: AnchorSettings): Promise<SectionResult> {
	const tag = bundledLlamaCppTag(ROOT);
	const native: NativeBench = tag === null ? {kind: 'missing', reason: 'cannot read node-llama-cpp/llama/llama.cpp.info.json'} : findNativeBench(tag);
	ctx.log(native.kind === 'found' ? `anchor: native llama-bench ${native.path}` : `anchor: native row skipped: ${native.reason}`);
	const suitePath = writeBenchSuite(ctx.dir, settings.prompts, settings.maxTokens, ANCHOR_PROMPT, 'anchor');
	const bareBase = {
		modelPath: settings.modelPath,
		contextSize: settings.contextSize,
		batchSize: settings.batchSize,
		prompt: ANCHOR_PROMPT,
		temperature: BENCH_SAMPLING.temperature,
		topP: BENCH_SAMPLING.topP,
		seed: BENCH_SAMPLING.seed,
	};
	// The prompt's depth, as the bare loop renders it (the engine's rule); this also warms the page cache for the model file.
	const probe = await runBare({...bareBase, threads: 1, maxTokens: 2, repetitions: 1});
	const promptTokens = probe.runs[0]?.promptTokens;
	if (promptTokens === undefined) throw new Error('the bare loop produced no run for the prompt depth');
	const threads = settings.threads;
	const engines = ENGINES.filter((engine) => engine !== 'native' || native.kind === 'found');
	const specs: RunSpec[] = [];
	for (const t of threads) {
		for (const engine of engines) {
			specs.push({
				id: id(engine, t),
				run: (round) => {
					switch (engine) {
						case 'llmtop':
							return llmtopRun(ctx, settings, suitePath, t, round);
						case 'bare':
							return runBare({...bareBase, threads: t, maxTokens: settings.maxTokens, repetitions: settings.prompts}).then(bareFigures);
						case 'native':
							return nativeRun(native as Extract<NativeBench, {kind: 'found'}>, settings, t, promptTokens);
						default:
							return engine satisfies never;
					}
				},
			});
		}
	}
	ctx.steps(specs.length * ctx.rounds + 1);
	ctx.step();
	ctx.log(`anchor: ${specs.map((s) => s.id).join(', ')} x ${ctx.rounds} rotated rounds; prompt ${promptTokens} tokens, ${settings.maxTokens} generated`);
	const {results, errors} = await runRounds(ctx, 'anchor', specs, ctx.rounds);
	const llmtopPromptTokens = spread(threads.flatMap((t) => series(results, id('llmtop', t), (f) => f.promptTokens)));
	return {
		rows: anchorRows(results, settings, threads, promptTokens, native),
		data: {settings, promptTokens, llmtopPromptTokens, native, results, errors},
	};
}

async function llmtopRun(ctx: BenchContext, settings: AnchorSettings, suitePath: string, threads: number, round: number): Promise<RunFigures> {
	const name = `anchor-llmtop-t${threads}-r${round}`;
	const run = await runHeadless({
		dir: ctx.dir,
		name,
		args: [
			...benchRunArgs({model: settings.model, suitePath, threads, maxTokens: settings.maxTokens, idleSeconds: 0}),
			'--context-size',
			String(settings.contextSize),
			'--batch-size',
			String(settings.batchSize),
		],
	});
	const figures = reportFigures(run.report, readEventsFile(run.eventsPath).events);
	ctx.llmtopRuns.push({name, mode: 'headless', figures});
	return figures;
}

async function nativeRun(native: Extract<NativeBench, {kind: 'found'}>, settings: AnchorSettings, threads: number, promptTokens: number): Promise<RunFigures> {
	const tests = await runNativeBench(
		native.path,
		nativeArgs({modelPath: settings.modelPath, threads, promptTokens, genTokens: settings.maxTokens, repetitions: settings.nativeRepetitions}),
	);
	const f = nativeFigures(tests, promptTokens);
	return {
		decodeTokPerSec: f.decodeTokPerSec,
		ttftMs: f.ttftMs,
		prefillTokPerSec: (promptTokens * 1000) / f.ttftMs,
		itlP50Ms: null,
		itlP99Ms: null,
		itlP99OverP50: null,
		outputTokens: 0,
		promptTokens,
	};
}

const decode = (f: RunFigures): Maybe => f.decodeTokPerSec;
const prefill = (f: RunFigures): Maybe => f.prefillTokPerSec;

/** The anchor's rows: per thread count, each engine's rates and the paired ratios to native and to the bare loop. */
export function anchorRows(
	results: RoundResults,
	settings: Pick<AnchorSettings, 'model' | 'modelBytes' | 'maxTokens'>,
	threads: readonly number[],
	promptTokens: number,
	native: NativeBench,
): BenchRow[] {
	const section = `native anchor: ${settings.model} (${fmtMb(settings.modelBytes)} MB), prompt ${promptTokens} tokens then ${settings.maxTokens} generated; llmtop headless vs bare node-llama-cpp loop vs llama-bench`;
	const rows: BenchRow[] = [];
	const low = Math.max(1, Math.max(...threads) - 1);
	const paired = (a: string, b: string, pick: (f: RunFigures) => Maybe): number[] => pairedRatios(series(results, a, pick), series(results, b, pick));
	for (const t of threads) {
		const [l, b, n] = [id('llmtop', t), id('bare', t), id('native', t)];
		rows.push(
			figureRow(section, `t=${t} decode tok/s, llmtop`, spread(series(results, l, decode)), {digits: 1}),
			figureRow(section, `t=${t} decode tok/s, bare loop`, spread(series(results, b, decode)), {digits: 1}),
			figureRow(section, `t=${t} decode, llmtop / bare (paired)`, spread(paired(l, b, decode)), {
				digits: 3,
				...(t === low ? {target: {op: '>=', value: 0.97}} : {}),
			}),
			figureRow(section, `t=${t} prefill (prompt tokens / TTFT) tok/s, llmtop`, spread(series(results, l, prefill)), {
				digits: 0,
				note: 'TTFT = prefill + first token, warm prompts',
			}),
			figureRow(section, `t=${t} prefill, llmtop / bare (paired)`, spread(paired(l, b, prefill)), {digits: 3}),
		);
		if (native.kind === 'found') {
			rows.push(
				figureRow(section, `t=${t} decode tok/s, native (tg${settings.maxTokens} @ depth ${promptTokens})`, spread(series(results, n, decode)), {digits: 1}),
				figureRow(section, `t=${t} decode, llmtop / native (paired)`, spread(paired(l, n, decode)), {digits: 3}),
				figureRow(section, `t=${t} decode, bare / native (paired)`, spread(paired(b, n, decode)), {digits: 3}),
				figureRow(section, `t=${t} prefill tok/s, native (pp${promptTokens} + one tg step)`, spread(series(results, n, prefill)), {digits: 0}),
				figureRow(section, `t=${t} prefill, llmtop / native (paired)`, spread(paired(l, n, prefill)), {digits: 3}),
				figureRow(section, `t=${t} prefill, bare / native (paired)`, spread(paired(b, n, prefill)), {digits: 3}),
			);
		} else {
			rows.push(missingRow(section, `t=${t} ratios to native llama-bench`, `skipped: ${native.reason}`));
		}
	}
	return rows;
}
