import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Engine} from '../../src/engine/types.js';
import {ROOT} from '../e2e/helpers.js';
import {tempCache} from './test-model.js';
import {needsBuild} from '../setup/skip.js';

/**
 * The engine in a worker thread, as the CLI runs it. The worker loads the
 * compiled `engine-worker.js`, so these tests use `dist/` (`npm test` builds
 * it first) and skip when it is missing.
 */
const DIST_ENGINE = join(ROOT, 'dist', 'src', 'engine');

type RemoteModule = typeof import('../../src/engine/remote-engine.js');
type ErrorsModule = typeof import('../../src/engine/errors.js');

describe.skipIf(needsBuild('dist/src/engine/engine-worker.js'))('openEngineInWorker', () => {
	const {cacheDir, cleanup} = tempCache();
	let remote: RemoteModule;
	let errors: ErrorsModule;
	let engine: Engine;

	beforeAll(async () => {
		remote = (await import(pathToFileURL(join(DIST_ENGINE, 'remote-engine.js')).href)) as RemoteModule;
		errors = (await import(pathToFileURL(join(DIST_ENGINE, 'errors.js')).href)) as ErrorsModule;
		engine = await remote.openEngineInWorker({model: 'synthetic:tiny', cacheDir, threads: 1, contextSize: 512});
	});

	afterAll(async () => {
		await engine?.dispose();
		cleanup();
	});

	it('carries the model facts over and streams one timed token per callback', async () => {
		expect(engine.model.synthetic).toBe(true);
		expect(engine.threads).toBe(1);
		const times: number[] = [];
		const result = await engine.runPrompt(
			{id: 'p', prompt: 'Say hello.'},
			{temperature: 0, topP: 1, maxTokens: 12, now: () => performance.now(), onToken: (_i, _text, t) => times.push(t)},
		);
		expect(result.status).toBe('ok');
		expect(times).toHaveLength(result.outputTokens);
		for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
	});

	it('a signal aborted before the prompt starts aborts it', async () => {
		const abort = new AbortController();
		abort.abort();
		const result = await engine.runPrompt({id: 'p', prompt: 'Go on and on.'}, {temperature: 0, topP: 1, maxTokens: 400, signal: abort.signal});
		expect(result.status).toBe('aborted');
		expect(result.outputTokens).toBeLessThan(400);
	});

	it('revives engine errors with their class', async () => {
		await expect(remote.openEngineInWorker({model: join(cacheDir, 'missing.gguf')})).rejects.toBeInstanceOf(errors.ModelNotFoundError);
	});
});
