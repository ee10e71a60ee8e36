/**
 * The native anchor: `llama-bench` from llama.cpp built from the source
 * bundled in node-llama-cpp (same release as the binding), in llmtop's cache.
 * The bench never builds it: when it is not there, the anchor's native rows
 * say so and are skipped.
 *
 * Until `src/engine/native-build.ts` (another issue) lands, the build is
 * located here: `<cache>/builds/llama.cpp-<release>-<commit>/build/bin/llama-bench`,
 * finished when `ninja.log` ends with `done 0`.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {syntheticCacheDir} from '../../src/synth/model-ref.js';
import {spawnCollect} from './spawn-collect.js';

/** A usable llama-bench, or why there is none. */
export type NativeBench = {kind: 'found'; path: string; buildDir: string} | {kind: 'missing'; reason: string};

/** Finds a finished native build's llama-bench in the cache (`release` like `v0.4.0`, as node-llama-cpp reports it). */
export function findNativeBench(release: string, cacheDir: string = syntheticCacheDir()): NativeBench {
	const builds = join(cacheDir, 'builds');
	const prefix = `llama.cpp-${release}-`;
	const candidates = existsSync(builds) ? readdirSync(builds).filter((name) => name.startsWith(prefix)) : [];
	if (candidates.length === 0) return {kind: 'missing', reason: `no native build of llama.cpp ${release} in ${builds} (the bench never builds one)`};
	for (const name of candidates.sort().reverse()) {
		const buildDir = join(builds, name);
		const path = join(buildDir, 'build', 'bin', 'llama-bench');
		if (existsSync(path) && buildFinished(buildDir)) return {kind: 'found', path, buildDir};
	}
	return {
		kind: 'missing',
		reason: `native build ${candidates.join(', ')} in ${builds} is not finished (no llama-bench, or ninja.log does not end with 'done 0')`,
	};
}

function buildFinished(buildDir: string): boolean {
	const log = join(buildDir, 'ninja.log');
	if (!existsSync(log)) return true;
	const last = readFileSync(log, 'utf8').trimEnd().split('\n').at(-1) ?? '';
	return /^done 0\b/.test(last.trim());
}

/** One llama-bench test result (`-o jsonl` line). */
export interface NativeTest {
	nPrompt: number;
	nGen: number;
	nDepth: number;
	threads: number;
	/** Mean tokens/s over its repetitions, and each repetition's. */
	avgTs: number;
	samplesTs: number[];
}

/** Parses `llama-bench -o jsonl` output (one JSON object per line; other lines ignored). */
export function parseNativeJsonl(text: string): NativeTest[] {
	const out: NativeTest[] = [];
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (!trimmed.startsWith('{')) continue;
		const o = JSON.parse(trimmed) as Record<string, unknown>;
		const num = (key: string): number => (typeof o[key] === 'number' ? (o[key] as number) : Number.NaN);
		out.push({
			nPrompt: num('n_prompt'),
			nGen: num('n_gen'),
			nDepth: num('n_depth'),
			threads: num('n_threads'),
			avgTs: num('avg_ts'),
			samplesTs: Array.isArray(o.samples_ts) ? (o.samples_ts as number[]) : [],
		});
	}
	return out;
}

/** Native figures comparable to one llmtop prompt: decode at the prompt's depth, prefill from a clean context. */
export interface NativeFigures {
	/** tg `genTokens` at depth `promptTokens`, tokens/s. */
	decodeTokPerSec: number;
	/** pp `promptTokens` at depth 0, tokens/s. */
	prefillTokPerSec: number;
	/** What a TTFT would be: prefill plus one decode step, ms. */
	ttftMs: number;
}

/** The arguments of one llama-bench run: pp P and tg N, at depths 0 and P (pp is used at 0, tg at P). */
export function nativeArgs(o: {modelPath: string; threads: number; promptTokens: number; genTokens: number; repetitions: number}): string[] {
	return [
		'-m',
		o.modelPath,
		'-t',
		String(o.threads),
		'-p',
		String(o.promptTokens),
		'-n',
		String(o.genTokens),
		'-d',
		`0,${o.promptTokens}`,
		'-r',
		String(o.repetitions),
		'-ngl',
		'0',
		'-o',
		'jsonl',
	];
}

/** Picks pp@0 and tg@P out of a run's tests; throws when either is missing. */
export function nativeFigures(tests: readonly NativeTest[], promptTokens: number): NativeFigures {
	const pp = tests.find((t) => t.nPrompt === promptTokens && t.nGen === 0 && t.nDepth === 0);
	const tg = tests.find((t) => t.nPrompt === 0 && t.nGen > 0 && t.nDepth === promptTokens);
	if (!pp || !tg) throw new Error(`llama-bench output lacks pp${promptTokens}@d0 or tg@d${promptTokens}`);
	return {decodeTokPerSec: tg.avgTs, prefillTokPerSec: pp.avgTs, ttftMs: (promptTokens / pp.avgTs + 1 / tg.avgTs) * 1000};
}

/** Runs llama-bench once (no network, CPU only). */
export async function runNativeBench(path: string, args: string[]): Promise<NativeTest[]> {
	const {code, stdout, stderr} = await spawnCollect(path, args, process.env, 300_000);
	if (code !== 0) throw new Error(`llama-bench exited ${code}: ${stderr.trim().split('\n').slice(-2).join(' | ')}`);
	return parseNativeJsonl(stdout);
}

/** The llama.cpp tag of the source bundled in node-llama-cpp (`llama/llama.cpp.info.json`), e.g. `v0.4.0`; null when unreadable. */
export function bundledLlamaCppTag(root: string): string | null {
	try {
		const info = JSON.parse(readFileSync(join(root, 'node_modules', 'node-llama-cpp', 'llama', 'llama.cpp.info.json'), 'utf8')) as {tag?: unknown};
		return typeof info.tag === 'string' ? info.tag : null;
	} catch {
		return null;
	}
}
