/**
 * A bare node-llama-cpp generation loop — the baseline llmtop's engine is
 * compared against. Nothing of llmtop's runs while it measures: it loads the
 * model with node-llama-cpp, renders the prompt with the same chat wrapper
 * rule as the engine (the model's template, else node-llama-cpp's General
 * wrapper) so both generate the same tokens for the same seed, and times
 * `LlamaContextSequence.evaluate()` token by token.
 *
 * Run after `tsc`: `node dist/bench/engine-bare.js MODEL [--threads N]
 * [--max-tokens N] [--reps N] [--context-size N] [--batch-size N] [--json]`,
 * where MODEL is a GGUF path or any `--model` reference (resolved by llmtop's
 * resolver, the only llmtop code used, before anything is timed).
 */
import {existsSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {
	GeneralChatWrapper,
	getLlama,
	resolveChatWrapper,
	type ChatHistoryItem,
	type ChatWrapper,
	type LlamaContextSequence,
	type LlamaModel,
	type Token,
} from 'node-llama-cpp';
import {resolveModel} from '../src/engine/resolve-model.js';
import {percentile} from '../src/run/stats.js';
import {BENCH_PROMPT, BENCH_SAMPLING} from './lib/suite.js';

/** Settings of a bare run. */
export interface BareBenchOptions {
	modelPath: string;
	threads: number;
	/** @default 2048 */
	contextSize?: number;
	/** @default 512 */
	batchSize?: number;
	/** @default {@link BENCH_PROMPT} */
	prompt?: string;
	/** System message, as `runPrompt` takes it. @default none */
	system?: string;
	/** @default 128 */
	maxTokens?: number;
	/** @default `BENCH_SAMPLING.temperature` (0.8) */
	temperature?: number;
	/** @default `BENCH_SAMPLING.topP` (0.95) */
	topP?: number;
	/** Seed of repetition i is `seed + i`. @default `BENCH_SAMPLING.seed` (1) */
	seed?: number;
	/** @default 3 */
	repetitions?: number;
}

/** One generation. Times in ms. */
export interface BareRun {
	promptTokens: number;
	outputTokens: number;
	/** Start of evaluation to the first token (prefill + first decode). */
	ttftMs: number;
	/** Start of evaluation to the last token. */
	e2eMs: number;
	/** (outputTokens - 1) / (e2e - ttft). */
	decodeTokensPerSec: number;
	itlP50Ms: number;
	itlP99Ms: number;
}

/** Bare runs of one model and configuration, plus load facts. */
export interface BareBenchResult {
	modelPath: string;
	threads: number;
	contextSize: number;
	batchSize: number;
	buildType: string;
	llamaCppRelease: string;
	loadMs: number;
	runs: BareRun[];
}

function chatWrapperFor(model: LlamaModel): ChatWrapper {
	const template = model.fileInfo.metadata.tokenizer?.chat_template;
	return typeof template === 'string' && template.trim() !== '' ? resolveChatWrapper(model, {warningLogs: false}) : new GeneralChatWrapper();
}

/** A loaded model ready for bare runs, so runs can be interleaved with other engines. */
export interface BareSession {
	readonly facts: Omit<BareBenchResult, 'runs'>;
	/** One generation from a clean sequence. */
	run(seed: number): Promise<BareRun>;
	dispose(): Promise<void>;
}

/** Loads `modelPath` on the CPU with the prebuilt binary (llmtop's default) and renders the prompt once. */
export async function openBare(options: BareBenchOptions): Promise<BareSession> {
	const contextSize = options.contextSize ?? 2048;
	const batchSize = Math.min(options.batchSize ?? 512, contextSize);
	const prompt = options.prompt ?? BENCH_PROMPT;
	const maxTokens = options.maxTokens ?? 128;
	// A CMake option no local build has makes getLlama skip local builds.
	const llama = await getLlama({gpu: false, build: 'never', maxThreads: 0, progressLogs: false, cmakeOptions: {LLMTOP_SELECT_PREBUILT: '1'}});
	const loadStart = performance.now();
	const model = await llama.loadModel({modelPath: options.modelPath, gpuLayers: 0});
	const context = await model.createContext({contextSize, batchSize, threads: options.threads, sequences: 1});
	const loadMs = performance.now() - loadStart;
	const sequence = context.getSequence();
	const history: ChatHistoryItem[] = options.system == null ? [] : [{type: 'system', text: options.system}];
	history.push({type: 'user', text: prompt}, {type: 'model', response: []});
	const promptTokens = chatWrapperFor(model).generateContextState({chatHistory: history}).contextText.tokenize(model.tokenizer);
	const sampling = {temperature: options.temperature ?? BENCH_SAMPLING.temperature, topP: options.topP ?? BENCH_SAMPLING.topP};
	return {
		facts: {
			modelPath: options.modelPath,
			threads: options.threads,
			contextSize: context.contextSize,
			batchSize,
			buildType: llama.buildType,
			llamaCppRelease: llama.llamaCppRelease.release,
			loadMs,
		},
		async run(seed) {
			await sequence.clearHistory();
			return generate(sequence, model, promptTokens, {...sampling, seed, maxTokens: Math.min(maxTokens, context.contextSize - promptTokens.length)});
		},
		async dispose() {
			await context.dispose();
			await model.dispose();
			await llama.dispose();
		},
	};
}

/** {@link openBare}, then `repetitions` runs with seeds `seed`, `seed + 1`, ... */
export async function benchBare(options: BareBenchOptions): Promise<BareBenchResult> {
	const session = await openBare(options);
	try {
		const runs: BareRun[] = [];
		for (let i = 0; i < (options.repetitions ?? 3); i++) runs.push(await session.run((options.seed ?? BENCH_SAMPLING.seed) + i));
		return {...session.facts, runs};
	} finally {
		await session.dispose();
	}
}

async function generate(
	sequence: LlamaContextSequence,
	model: LlamaModel,
	promptTokens: Token[],
	o: {temperature: number; topP: number; seed: number; maxTokens: number},
): Promise<BareRun> {
	const stamps: number[] = [];
	const start = performance.now();
	for await (const token of sequence.evaluate(promptTokens, {temperature: o.temperature, topP: o.topP, seed: o.seed, yieldEogToken: true})) {
		const t = performance.now();
		if (model.isEogToken(token)) break;
		stamps.push(t);
		if (stamps.length >= o.maxTokens) break;
	}
	const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
	const ttftMs = (stamps[0] ?? Number.NaN) - start;
	const e2eMs = (stamps.at(-1) ?? Number.NaN) - start;
	return {
		promptTokens: promptTokens.length,
		outputTokens: stamps.length,
		ttftMs,
		e2eMs,
		decodeTokensPerSec: stamps.length > 1 ? ((stamps.length - 1) / (e2eMs - ttftMs)) * 1000 : Number.NaN,
		itlP50Ms: percentile(gaps, 50) ?? Number.NaN,
		itlP99Ms: percentile(gaps, 99) ?? Number.NaN,
	};
}

async function main(): Promise<void> {
	const {values, positionals} = parseArgs({
		allowPositionals: true,
		options: {
			threads: {type: 'string', default: '1'},
			'max-tokens': {type: 'string', default: '128'},
			reps: {type: 'string', default: '3'},
			'context-size': {type: 'string', default: '2048'},
			'batch-size': {type: 'string', default: '512'},
			json: {type: 'boolean', default: false},
		},
	});
	const ref = positionals[0];
	if (ref == null) {
		process.stderr.write('usage: node dist/bench/engine-bare.js MODEL [--threads N] [--max-tokens N] [--reps N] [--json]\n');
		process.exitCode = 2;
		return;
	}
	const modelPath = existsSync(ref) ? ref : (await resolveModel(ref)).facts.path;
	const result = await benchBare({
		modelPath,
		threads: Number(values.threads),
		maxTokens: Number(values['max-tokens']),
		repetitions: Number(values.reps),
		contextSize: Number(values['context-size']),
		batchSize: Number(values['batch-size']),
	});
	if (values.json) {
		process.stdout.write(`${JSON.stringify(result, null, '\t')}\n`);
		return;
	}
	process.stdout.write(`${result.modelPath} threads=${result.threads} ${result.buildType} ${result.llamaCppRelease} load ${result.loadMs.toFixed(0)} ms\n`);
	for (const run of result.runs) {
		process.stdout.write(
			`prompt ${run.promptTokens} out ${run.outputTokens}  TTFT ${run.ttftMs.toFixed(1)} ms  decode ${run.decodeTokensPerSec.toFixed(1)} tok/s` +
				`  ITL p50 ${run.itlP50Ms.toFixed(2)} p99 ${run.itlP99Ms.toFixed(2)} ms\n`,
		);
	}
}

if (process.argv[1] != null && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	});
}
