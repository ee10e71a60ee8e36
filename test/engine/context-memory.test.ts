import os from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {MAX_CONTEXT_SIZE} from '../../src/engine/context-bounds.js';
import {ContextTooLargeError} from '../../src/engine/errors.js';
import {openEngine} from '../../src/engine/open-engine.js';
import {runCli} from '../e2e/helpers.js';
import {needsBuild, skipUnless} from '../setup/skip.js';
import {writeCraftedTiny} from './crafted-gguf.js';
import {tempCache} from './test-model.js';

const {cacheDir: dir, cleanup} = tempCache();
afterAll(cleanup);

/**
 * A tiny model that says it trained on {@link MAX_CONTEXT_SIZE} tokens, with
 * 32 blocks of 2 KV heads × 32: its f16 KV cache alone is 8 KiB a token, so
 * 128 GiB at that context, passing the context bounds and failing the
 * memory estimate on any machine with less.
 */
const BLOCKS = 32;
const KV_BYTES = MAX_CONTEXT_SIZE * 2 * BLOCKS * 64 * 2;
const fitsInMemory = skipUnless(os.totalmem() < KV_BYTES, `this machine has ${os.totalmem()} bytes, more than the crafted context's ${KV_BYTES}`);
const noCli = needsBuild();

describe('the memory estimate refuses a context the model allows but the machine cannot hold', () => {
	const model = join(dir, 'long-context.gguf');
	beforeAll(async () => {
		await writeCraftedTiny(model, undefined, (shape) => ({...shape, blockCount: BLOCKS, headCountKv: shape.headCount, contextLength: MAX_CONTEXT_SIZE}));
	}, 60_000);

	it.skipIf(fitsInMemory)(
		'openEngine throws ContextTooLargeError before creating the context',
		async () => {
			const error = await openEngine({model, threads: 1, contextSize: MAX_CONTEXT_SIZE}).then(
				async (engine) => {
					await engine.dispose();
					return undefined;
				},
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(ContextTooLargeError);
			expect((error as ContextTooLargeError).contextSize).toBe(MAX_CONTEXT_SIZE);
			expect((error as ContextTooLargeError).neededBytes).toBeGreaterThan(os.totalmem());
		},
		60_000,
	);

	it.skipIf(fitsInMemory || noCli)(
		'through the CLI: exit 2 and one line naming the memory needed',
		async () => {
			const result = await runCli([
				'run',
				'--model',
				model,
				'--context-size',
				String(MAX_CONTEXT_SIZE),
				'--headless',
				'--idle',
				'0',
				'--suite',
				'smoke',
				'--no-canary',
				'--threads',
				'1',
			]);
			expect(result.code, result.stderr).toBe(2);
			expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
			expect(result.stderr).toMatch(/context size 16777216 needs about [\d.]+ GiB of memory, more than this machine's [\d.]+ GiB/);
		},
		120_000,
	);
});
