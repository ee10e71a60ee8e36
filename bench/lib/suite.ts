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

/**
 * A longer prompt for the native anchor: the story request after a page of
 * context, so prefill is long enough to time (a few dozen tokens are over in
 * a decode step or two).
 */
export const ANCHOR_PROMPT =
	'You keep the lighthouse on a rock two miles off a fishing town. The lamp is electric now, but the log book goes back to 1871 and every keeper ' +
	'wrote the weather, the ships that passed, the repairs, and sometimes a line about the town: a wedding, a storm that took a boat, a winter when the ' +
	'harbour froze. The last keeper left a note saying the fog bell should never be sold. The council wants to automate the light and close the station ' +
	'next spring. A historian has asked for the log books, a developer has asked about the cottage, and the harbour master wants the bell for the new pier. ' +
	BENCH_PROMPT;

/** Writes a suite of `prompts` copies of `prompt` (default {@link BENCH_PROMPT}), `maxTokens` each, into `dir`; returns its path. */
export function writeBenchSuite(dir: string, prompts: number, maxTokens: number, prompt: string = BENCH_PROMPT, tag = 'bench'): string {
	const path = join(dir, `${tag}-suite-${prompts}x${maxTokens}.yaml`);
	const lines = [
		'name: bench',
		'description: The same prompt repeated, as the bare node-llama-cpp loop generates it.',
		'defaults:',
		`  maxTokens: ${maxTokens}`,
		`  temperature: ${BENCH_SAMPLING.temperature}`,
		'prompts:',
	];
	for (let i = 1; i <= prompts; i++) {
		lines.push(`  - id: story-${i}`, `    prompt: ${JSON.stringify(prompt)}`, '    checks:', '      - icontains: lighthouse');
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
		'--model',
		settings.model,
		'--suite',
		settings.suitePath,
		'--threads',
		String(settings.threads),
		'--max-tokens',
		String(settings.maxTokens),
		'--top-p',
		String(BENCH_SAMPLING.topP),
		'--seed',
		String(BENCH_SAMPLING.seed),
		'--idle',
		String(settings.idleSeconds),
	];
}
