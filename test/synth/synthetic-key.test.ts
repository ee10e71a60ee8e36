import {join} from 'node:path';
import {readGgufFileInfo, type GgufFileInfo} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {modelFacts} from '../../src/engine/model-facts.js';
import {cachedModelFileName, SYNTHETIC_KEY, WRITER_VERSION, writeSyntheticModel} from '../../src/synth/index.js';
import {tempDir} from './helpers.js';

/**
 * Issue 12: a synthetic model is told by its own GGUF key, written by the
 * writer; the name is never read for it (a real "...-Synthetic-SFT" fine-tune
 * is scored; editing `general.name` does not turn correctness off).
 */
describe('the llmtop.synthetic key', () => {
	let dir = '';
	let cleanup: () => Promise<void> = async () => {};
	let info: GgufFileInfo;
	const warnings: string[] = [];

	beforeAll(async () => {
		({dir, cleanup} = await tempDir());
		const {path} = await writeSyntheticModel({preset: 'tiny', quant: 'Q8_0', seed: 5, out: join(dir, 'tiny.gguf')});
		const warn = console.warn;
		console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
		try {
			info = await readGgufFileInfo(path, {logWarnings: true});
		} finally {
			console.warn = warn;
		}
	}, 60_000);
	afterAll(() => cleanup());

	it('is written by the synth writer as a bool, with the preset, seed and writer version beside it', () => {
		expect(SYNTHETIC_KEY).toBe('llmtop.synthetic');
		const llmtop = (info.metadata as unknown as {llmtop?: Record<string, unknown>}).llmtop;
		expect(llmtop).toMatchObject({synthetic: true, synthetic_origin: 'tiny', synthetic_seed: 5, writer_version: WRITER_VERSION});
		expect(warnings.filter((warning) => /llmtop/.test(warning))).toEqual([]);
	});

	it('marks the model synthetic whatever its name says', () => {
		const renamed = {...info, metadata: {...info.metadata, general: {...info.metadata.general, name: 'Llama 3 8B Instruct'}}} as GgufFileInfo;
		expect(modelFacts(renamed, {ref: '/m.gguf', path: '/m.gguf', sizeBytes: 1}).synthetic).toBe(true);
	});

	it('a real model whose name says "Synthetic" is not synthetic (was: correctness skipped)', () => {
		const {llmtop: _key, ...metadata} = info.metadata as unknown as Record<string, unknown>;
		const real = {...info, metadata: {...metadata, general: {...info.metadata.general, name: 'SmolLM2-135M-Synthetic-SFT'}}} as unknown as GgufFileInfo;
		expect(modelFacts(real, {ref: '/m.gguf', path: '/m.gguf', sizeBytes: 1}).synthetic).toBe(false);
	});

	it('a file without the key is not synthetic even behind a synthetic: ref (a stale cached file is regenerated instead)', () => {
		const {llmtop: _key, ...metadata} = info.metadata as unknown as Record<string, unknown>;
		const stale = {...info, metadata} as unknown as GgufFileInfo;
		expect(modelFacts(stale, {ref: 'synthetic:tiny', path: '/c.gguf', sizeBytes: 1}).synthetic).toBe(false);
	});

	it('the cache file name carries writer version 2, so files of writer 1 (no key) are not reused', () => {
		expect(WRITER_VERSION).toBe(2);
		expect(cachedModelFileName('tiny', 'Q8_0')).toMatch(/-w2\.gguf$/);
	});
});
