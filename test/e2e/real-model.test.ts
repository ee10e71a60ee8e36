/**
 * The real model (SmolLM2-135M-Instruct Q4_1, `npm run models:fetch`) through
 * the real node-llama-cpp: its chat template is applied to the tokens sent,
 * greedy answers stop at EOS before the token cap, and a run scores
 * correctness (a trained model is not synthetic) with every check met or
 * missed in the report. Measured first (see the bench's `real` section and
 * the final report of issue 13); asserted here is what held.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {loadBinding} from '../../src/engine/llama-binding.js';
import {chooseChatWrapper, renderPrompt} from '../../src/engine/chat-prompt.js';
import {openEngine} from '../../src/engine/open-engine.js';
import type {Engine} from '../../src/engine/types.js';
import {builtinSuitePath, loadSuite} from '../../src/suite/index.js';
import {describeRealModel} from '../setup/real-model.js';
import {runCli, tempDir} from './helpers.js';
import {needsBuild} from '../setup/skip.js';

const suite = loadSuite(builtinSuitePath('endpoint-security')!);
/**
 * Prompts whose greedy answer ended at EOS far below the cap when measured
 * (1 thread, BOS fixed: 13 of the 24 ended at EOS; these after 16, 18 and 19
 * of 128 tokens).
 */
const EOS_PROMPTS = ['run-key-persistence', 'mshta-remote-hta', 'lsass-comsvcs-minidump'];

describeRealModel('the real model SmolLM2-135M-Instruct Q4_1', (modelPath) => {
	it('gets its own chat template (ChatML): <|im_start|> special tokens around system, user and the opened assistant turn', async () => {
		const {llama} = await loadBinding({gpu: false, build: 'prebuilt'});
		const model = await llama.loadModel({modelPath, gpuLayers: 0});
		try {
			const setup = chooseChatWrapper(model);
			expect(setup.description).toMatch(/from the model's chat template/);
			const prompt = suite.prompts[0]!;
			const rendered = renderPrompt(setup, model, {prompt: prompt.prompt, system: suite.system!});
			const imStart = model.tokenizer('<|im_start|>', true);
			const imEnd = model.tokenizer('<|im_end|>', true);
			expect(imStart).toHaveLength(1);
			expect(imEnd).toHaveLength(1);
			const starts = rendered.tokens.filter((token) => token === imStart[0]).length;
			const ends = rendered.tokens.filter((token) => token === imEnd[0]).length;
			expect(starts).toBe(3);
			expect(ends).toBe(2);
			const text = model.detokenize(rendered.tokens, true);
			expect(text.startsWith('<|im_start|>system\n')).toBe(true);
			expect(text).toContain('<|im_end|>\n<|im_start|>user\n');
			expect(text.endsWith('<|im_start|>assistant\n')).toBe(true);
		} finally {
			await model.dispose();
			await llama.dispose();
		}
	});

	let engine: Engine;
	beforeAll(async () => {
		engine = await openEngine({model: modelPath, threads: 1, contextSize: 1024});
	}, 120_000);
	afterAll(async () => {
		await engine?.[Symbol.asyncDispose]();
	});

	it.each(EOS_PROMPTS)(
		'stops %s at EOS before the token cap (greedy)',
		async (id) => {
			expect(engine.model.synthetic).toBe(false);
			const prompt = suite.prompts.find((p) => p.id === id)!;
			const maxTokens = prompt.maxTokens ?? suite.defaults.maxTokens ?? 128;
			const result = await engine.runPrompt({id, prompt: prompt.prompt, system: suite.system!}, {temperature: 0, topP: 1, maxTokens});
			expect(result.status).toBe('ok');
			expect(result.stopReason).toBe('eos');
			expect(result.outputTokens).toBeGreaterThan(0);
			expect(result.outputTokens).toBeLessThan(maxTokens);
			expect(result.response).not.toMatch(/<\|im_(?:start|end)\|>/);
		},
		300_000,
	);

	it.skipIf(needsBuild())(
		'scores correctness on a run: not skipped, every check met or missed, the gamed ceiling beside it',
		async () => {
			const dir = tempDir('llmtop-real-');
			const report = join(dir, 'report.json');
			const result = await runCli([
				'run',
				'--model',
				modelPath,
				'--suite',
				'smoke',
				'--idle',
				'0',
				'--threads',
				'1',
				'--headless',
				'--no-canary',
				'--report',
				report,
			]);
			expect(result.code === 0 || result.code === 1, result.stderr).toBe(true);
			const saved = JSON.parse(readFileSync(report, 'utf8')) as {
				model: {synthetic: boolean};
				prompts: Array<{id: string; status: string; score: number | null; outputTokens: number; checks: Array<{passed: boolean}>}>;
				metrics: {correctness: {mean: number | null; scored: number; gamedCeiling?: number}};
				criteria: Array<{id: string; status: string}>;
			};
			expect(saved.model.synthetic).toBe(false);
			expect(saved.prompts).toHaveLength(4);
			for (const prompt of saved.prompts) {
				expect(prompt.status).toBe('ok');
				expect(typeof prompt.score).toBe('number');
				expect(prompt.checks.length).toBeGreaterThan(0);
				for (const check of prompt.checks) expect(typeof check.passed).toBe('boolean');
			}
			expect(saved.metrics.correctness.scored).toBe(4);
			expect(typeof saved.metrics.correctness.mean).toBe('number');
			expect(saved.metrics.correctness.gamedCeiling).toBeGreaterThanOrEqual(0);
			expect(saved.metrics.correctness.gamedCeiling).toBeLessThan(0.3);
			expect(saved.criteria.find((c) => c.id === 'correctness')?.status).toMatch(/^(?:pass|fail)$/);
			expect(result.stdout).toMatch(/correctness\s+mean \d\.\d\d, min \d\.\d\d over 4 prompts/);
			expect(result.stdout).toMatch(/gamed ceiling \d\.\d\d/);
		},
		600_000,
	);
});
