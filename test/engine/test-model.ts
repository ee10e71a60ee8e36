import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import {openEngine} from '../../src/engine/open-engine.js';
import type {Engine, EngineOptions} from '../../src/engine/types.js';

/**
 * The model engine tests run on: llmtop's own `synthetic:tiny` (2 blocks, 64
 * wide; written by src/synth in milliseconds), so the tests always run.
 */
export const TEST_MODEL = 'synthetic:tiny';

/** A temporary directory (a model cache, or scratch files), removed by the returned cleanup. */
export function tempCache(): {cacheDir: string; cleanup: () => void} {
	const cacheDir = mkdtempSync(join(tmpdir(), 'llmtop-engine-cache-'));
	return {cacheDir, cleanup: () => rmSync(cacheDir, {recursive: true, force: true})};
}

/** Opens an engine on the test model with one thread and a small context, caching in `cacheDir`. */
export function openTestEngine(cacheDir: string, opts: Partial<EngineOptions> = {}): Promise<Engine> {
	return openEngine({model: TEST_MODEL, cacheDir, threads: 1, contextSize: 512, ...opts});
}

/**
 * One test engine for the enclosing `describe` (or file): opened in
 * `beforeAll` in a temporary cache, disposed and the cache removed in
 * `afterAll`. Read `.engine` inside tests; `.cacheDir` holds the model.
 */
export function sharedTestEngine(opts: Partial<EngineOptions> = {}): {readonly engine: Engine; readonly cacheDir: string} {
	const cache = tempCache();
	let engine: Engine | undefined;
	beforeAll(async () => {
		engine = await openTestEngine(cache.cacheDir, opts);
	});
	afterAll(async () => {
		await engine?.dispose();
		cache.cleanup();
	});
	return {
		cacheDir: cache.cacheDir,
		get engine(): Engine {
			if (!engine) throw new Error('the test engine is not open yet (read .engine inside a test)');
			return engine;
		},
	};
}

/** Stops the CPU for `ms` (a stand-in for a slow token consumer). */
export function busyWait(ms: number): {enteredAt: number; exitedAt: number} {
	const enteredAt = performance.now();
	while (performance.now() - enteredAt < ms) {
		// spin
	}
	return {enteredAt, exitedAt: performance.now()};
}
