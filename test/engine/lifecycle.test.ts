import {ContextBeyondModelError} from '../../src/engine/context-bounds.js';
import {findLocalBuild} from '../../src/engine/local-build.js';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	BadOptionError,
	BindingNotFoundError,
	EngineAbortedError,
	EngineBusyError,
	EngineDisposedError,
	NotGgufError,
	SyntheticModelError,
	TruncatedModelError,
} from '../../src/engine/errors.js';
import {defaultThreads} from '../../src/engine/options.js';
import {openEngine} from '../../src/engine/open-engine.js';
import type {Engine} from '../../src/engine/types.js';
import {openTestEngine, tempCache, TEST_MODEL} from './test-model.js';
import {skipUnless} from '../setup/skip.js';

const cache = tempCache();
let engine: Engine;
let modelPath: string;

/** Whether this process still maps the model file (llama.cpp mmaps it until the model is disposed). */
function mapsModel(path: string): boolean {
	return readFileSync('/proc/self/maps', 'utf8').includes(path);
}

beforeAll(async () => {
	engine = await openTestEngine(cache.cacheDir, {contextSize: 256});
	modelPath = engine.model.path;
});

afterAll(async () => {
	await engine?.dispose();
	cache.cleanup();
});

const SAMPLING = {temperature: 0.8, topP: 0.95, seed: 7};

describe('abort', () => {
	it('keeps the partial answer and the tokens delivered so far', async () => {
		const controller = new AbortController();
		const texts: string[] = [];
		const result = await engine.runPrompt(
			{id: 'a', prompt: 'Tell me a long story.'},
			{
				...SAMPLING,
				maxTokens: 200,
				signal: controller.signal,
				onToken: (index, text) => {
					texts.push(text);
					if (index === 3) controller.abort();
				},
			},
		);
		expect(result).toMatchObject({status: 'aborted', stopReason: 'aborted', outputTokens: 4});
		expect(result.response.startsWith(texts.join(''))).toBe(true);
		expect(result.response.length).toBeGreaterThan(0);
	});

	it('aborts during a pause, and leaves the engine usable', async () => {
		const controller = new AbortController();
		const result = await engine.runPrompt(
			{id: 'b', prompt: 'Count to ten.'},
			{
				...SAMPLING,
				maxTokens: 50,
				signal: controller.signal,
				pace: () => {
					setTimeout(() => controller.abort(), 5);
					return 10_000;
				},
			},
		);
		expect(result).toMatchObject({status: 'aborted', outputTokens: 1});
		const next = await engine.runPrompt({id: 'c', prompt: 'Again.'}, {...SAMPLING, maxTokens: 3});
		expect(next).toMatchObject({status: 'ok', outputTokens: 3});
	});

	it('an already aborted signal produces nothing', async () => {
		const result = await engine.runPrompt({id: 'd', prompt: 'Hi'}, {...SAMPLING, maxTokens: 5, signal: AbortSignal.abort()});
		expect(result).toMatchObject({status: 'aborted', outputTokens: 0, response: ''});
	});

	it('aborting the load disposes what was made and says where it stopped', async () => {
		const separate = tempCache();
		for (const [stage, where] of [
			['model', 'loading the model'],
			['context', 'creating the context'],
		] as const) {
			const controller = new AbortController();
			const error = await openTestEngine(separate.cacheDir, {
				signal: controller.signal,
				onProgress: (s) => {
					if (s === stage) controller.abort();
				},
			}).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(EngineAbortedError);
			expect((error as Error).message).toBe(`aborted while ${where}`);
			const written = readdirSync(separate.cacheDir).filter((name) => name.endsWith('.gguf'));
			expect(written).toHaveLength(1);
			expect(mapsModel(join(separate.cacheDir, written[0]!)), stage).toBe(false);
		}
		separate.cleanup();
	});
});

describe('per-prompt errors and bad options', () => {
	it('a prompt longer than the context is an error for that prompt only', async () => {
		const result = await engine.runPrompt({id: 'long', prompt: 'word '.repeat(engine.contextSize)}, {...SAMPLING, maxTokens: 5});
		expect(result.status).toBe('error');
		expect(result.errorName).toBe('ContextTooSmallError');
		expect(result.error).toMatch(/^prompt "long" needs \d+ tokens but the context holds 256 \(raise --context-size\)$/);
		expect(result.promptTokens).toBeGreaterThan(engine.contextSize);
		expect(await engine.runPrompt({id: 'short', prompt: 'Hi'}, {...SAMPLING, maxTokens: 2})).toMatchObject({status: 'ok'});
	});

	it('stops at the end of the context instead of shifting it', async () => {
		const result = await engine.runPrompt({id: 'fill', prompt: 'word '.repeat(200)}, {...SAMPLING, maxTokens: 1000});
		expect(result.stopReason).toBe('context-full');
		expect(result.promptTokens + result.outputTokens).toBe(engine.contextSize);
	});

	it('rejects bad sampling options with BadOptionError', async () => {
		for (const bad of [{topP: 0}, {topP: 1.5}, {maxTokens: 0}, {maxTokens: 2.5}, {temperature: -1}, {temperature: Number.NaN}, {seed: -3}]) {
			await expect(engine.runPrompt({id: 'x', prompt: 'Hi'}, {...SAMPLING, maxTokens: 4, ...bad}), JSON.stringify(bad)).rejects.toThrow(BadOptionError);
		}
	});

	it('rejects bad engine options before loading anything', async () => {
		const cases = [
			{threads: 0},
			{threads: -2},
			{threads: 1.5},
			{contextSize: 0},
			{batchSize: 0},
			{gpuLayers: -1},
			{nice: 20},
			{nice: 1.5},
			{build: 'nightly' as never},
		];
		for (const bad of cases) {
			const error = await openEngine({model: TEST_MODEL, cacheDir: cache.cacheDir, ...bad}).catch((e: unknown) => e);
			expect(error, JSON.stringify(bad)).toBeInstanceOf(BadOptionError);
			expect((error as Error).message).toMatch(/^bad value for [a-z-]+: .+ \(expected .+\)$/);
		}
		expect(defaultThreads(2)).toBe(1);
		expect(defaultThreads(1)).toBe(1);
		expect(defaultThreads(16)).toBe(15);
	});

	it('refuses a context the machine cannot hold instead of being killed allocating it', async () => {
		// Refused before the memory estimate now: 2e9 is beyond both the tiny model's training context and MAX_CONTEXT_SIZE (issue 14).
		await expect(openTestEngine(cache.cacheDir, {contextSize: 2_000_000_000})).rejects.toThrow(ContextBeyondModelError);
	});

	it('bad model files and refs fail with their named error through openEngine', async () => {
		const garbage = join(cache.cacheDir, 'garbage.gguf');
		writeFileSync(garbage, 'not a model');
		await expect(openEngine({model: garbage})).rejects.toThrow(NotGgufError);
		const cut = join(cache.cacheDir, 'cut.gguf');
		writeFileSync(cut, readFileSync(modelPath).subarray(0, 100_000));
		await expect(openEngine({model: cut})).rejects.toThrow(TruncatedModelError);
		await expect(openEngine({model: 'synthetic:no-such-preset', cacheDir: cache.cacheDir})).rejects.toThrow(
			/^cannot make synthetic model "synthetic:no-such-preset": unknown synthetic preset "no-such-preset"/,
		);
		await expect(openEngine({model: 'synthetic:tiny:Q9_X', cacheDir: cache.cacheDir})).rejects.toThrow(SyntheticModelError);
	});
});

describe('builds', () => {
	it('records the prebuilt binary it loaded', () => {
		expect(engine.engine.build).toBe('prebuilt');
		expect(engine.engine.requestedBuild).toBe('prebuilt');
		expect(engine.engine.llamaCppRelease).not.toBe('');
		expect(engine.engine.cpuMathCores).toBeGreaterThanOrEqual(1);
		expect(engine.engine.systemInfo).toMatch(/CPU/);
		if (process.platform === 'linux') expect(engine.engine.variant).toMatch(/^@node-llama-cpp\/linux-[\w-]+ \(cpu: .+\)$/);
	});

	// `llmtop engine build` may have made a local build in this checkout; a fresh clone (CI) has none.
	const hasLocalBuild = findLocalBuild() !== null;
	it.skipIf(skipUnless(!hasLocalBuild, 'a local build exists here (llmtop engine build), so "local" loads it instead of failing'))(
		'"local" without a local build is a BindingNotFoundError, never a compile',
		async () => {
			await expect(openTestEngine(cache.cacheDir, {build: 'local'})).rejects.toThrow(BindingNotFoundError);
		},
	);

	it.skipIf(skipUnless(hasLocalBuild, 'no local build here (llmtop engine build makes one), so "local" cannot load one'))(
		'"local" with a local build loads that build',
		async () => {
			const local = await openTestEngine(cache.cacheDir, {build: 'local'});
			try {
				expect(local.engine.build).toBe('localBuild');
			} finally {
				await local.dispose();
			}
		},
	);
});

describe('dispose', () => {
	it('during a prompt: the prompt ends aborted with its partial answer, then everything is freed', async () => {
		const separate = tempCache();
		const own = await openTestEngine(separate.cacheDir);
		expect(mapsModel(own.model.path)).toBe(true);
		let disposed: Promise<void> | undefined;
		const result = await own.runPrompt(
			{id: 'p', prompt: 'Go on.'},
			{
				...SAMPLING,
				maxTokens: 100,
				onToken: (index) => {
					if (index === 2) disposed = own.dispose();
				},
			},
		);
		expect(result).toMatchObject({status: 'aborted', outputTokens: 3});
		await disposed;
		expect(mapsModel(own.model.path)).toBe(false);
		await expect(own.runPrompt({id: 'q', prompt: 'x'}, {...SAMPLING, maxTokens: 1})).rejects.toThrow(EngineDisposedError);
		await own.dispose();
		separate.cleanup();
	});

	it('await using frees the engine at the end of the block; one prompt at a time', async () => {
		const {cacheDir, cleanup} = tempCache();
		let path: string;
		{
			await using own = await openTestEngine(cacheDir);
			path = own.model.path;
			const first = own.runPrompt({id: 'one', prompt: 'Hi'}, {...SAMPLING, maxTokens: 4});
			await expect(own.runPrompt({id: 'two', prompt: 'Hi'}, {...SAMPLING, maxTokens: 4})).rejects.toThrow(EngineBusyError);
			await first;
			expect(mapsModel(path)).toBe(true);
		}
		expect(mapsModel(path)).toBe(false);
		cleanup();
	});
});
