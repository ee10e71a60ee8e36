/**
 * The benchmark's prompt suite: the same prompt the bare loop generates from,
 * repeated, so llmtop and the bare loop do the same work per prompt; and the
 * `llmtop run` flags every benchmark run shares.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';

/** The prompt of every benchmark generation (also the bare loop's default). */
export const BENCH_PROMPT = 'Write a long story about a lighthouse keeper and the sea.';

/** Sampling of every benchmark generation (also the bare loop's defaults). */
export const BENCH_SAMPLING = {temperature: 0.8, topP: 0.95, seed: 1} as const;

/** Writes a suite of `prompts` copies of {@link BENCH_PROMPT}, `maxTokens` each, into `dir`; returns its path. */
export function writeBenchSuite(dir: string, prompts: number, maxTokens: number): string {
	const path = join(dir, `bench-suite-${prompts}x${maxTokens}.yaml`);
	const lines = [
		'name: bench',
		'description: The same prompt repeated, as the bare node-llama-cpp loop generates it.',
		'defaults:',
		`  maxTokens: ${maxTokens}`,
		`  temperature: ${BENCH_SAMPLING.temperature}`,
		'prompts:',
	];
	for (let i = 1; i <= prompts; i++) {
		lines.push(`  - id: story-${i}`, `    prompt: ${JSON.stringify(BENCH_PROMPT)}`, '    checks:', '      - icontains: lighthouse');
	}
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

/** What {@link benchRunArgs} needs. */
export interface BenchRunSettings {
	model: string;
	suitePath: string;
	threads: number;
	maxTokens: number;
	idleSeconds: number;
}

/** `llmtop run` flags shared by every benchmark run: model, suite, threads, max tokens, idle time and {@link BENCH_SAMPLING}'s top-p and seed. */
export function benchRunArgs(settings: BenchRunSettings): string[] {
	return [
		'--model', settings.model,
		'--suite', settings.suitePath,
		'--threads', String(settings.threads),
		'--max-tokens', String(settings.maxTokens),
		'--top-p', String(BENCH_SAMPLING.topP),
		'--seed', String(BENCH_SAMPLING.seed),
		'--idle', String(settings.idleSeconds),
	];
}
