import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	cachedModelFileName,
	ensureSyntheticModel,
	InvalidSeedError,
	InvalidSyntheticRefError,
	parseSyntheticRef,
	syntheticCacheDir,
	UnknownPresetError,
	UnknownQuantError,
	WRITER_VERSION,
	writeSyntheticModel,
} from '../../src/synth/index.js';
import {entries, tempDir} from './helpers.js';

describe('synth library: bad input is a named error', () => {
	it('a seed that is not an integer is an InvalidSeedError', async () => {
		const {dir, cleanup} = await tempDir();
		try {
			const write = writeSyntheticModel({preset: 'tiny', seed: 1.5, out: join(dir, 'x.gguf')});
			await expect(write).rejects.toThrow(InvalidSeedError);
			await expect(write).rejects.toThrow(/invalid seed 1\.5/);
			expect(await entries(dir)).toEqual([]);
		} finally {
			await cleanup();
		}
	});
});

describe('synthetic: model references', () => {
	const saved = {...process.env};
	afterEach(() => {
		for (const key of ['LLMTOP_CACHE_DIR', 'XDG_CACHE_HOME']) {
			if (saved[key] === undefined) delete process.env[key];
			else process.env[key] = saved[key];
		}
	});

	it('parses synthetic:PRESET[:QUANT]', () => {
		expect(parseSyntheticRef('synthetic:tiny')).toEqual({preset: 'tiny', quant: 'Q8_0'});
		expect(parseSyntheticRef('synthetic:llama-3.2-1b')).toEqual({preset: 'llama-3.2-1b', quant: 'Q4_K_M'});
		expect(parseSyntheticRef('synthetic:smollm2-135m:q4_k_m')).toEqual({preset: 'smollm2-135m', quant: 'Q4_K_M'});
		expect(() => parseSyntheticRef('synthetic:gpt-5')).toThrow(UnknownPresetError);
		expect(() => parseSyntheticRef('synthetic:tiny:Q2_K')).toThrow(UnknownQuantError);
		for (const bad of ['tiny', 'synthetic:', 'synthetic:tiny:Q8_0:extra']) expect(() => parseSyntheticRef(bad)).toThrow(InvalidSyntheticRefError);
	});

	it('finds the cache directory: LLMTOP_CACHE_DIR, then XDG_CACHE_HOME/llmtop, then ~/.cache/llmtop', () => {
		expect(syntheticCacheDir({LLMTOP_CACHE_DIR: '/a', XDG_CACHE_HOME: '/b'})).toBe('/a');
		expect(syntheticCacheDir({XDG_CACHE_HOME: '/b'})).toBe('/b/llmtop');
		expect(syntheticCacheDir({HOME: '/home/x'})).toMatch(/\.cache\/llmtop$/);
	});

	it("writes a cached model once and reuses it; a damaged file or a dead writer's temp file is replaced", async () => {
		const {dir: cache, cleanup: done} = await tempDir();
		try {
			process.env.LLMTOP_CACHE_DIR = cache;
			const first = await ensureSyntheticModel('synthetic:tiny');
			expect(first).toMatchObject({preset: 'tiny', quant: 'Q8_0', created: true});
			expect(first.path).toBe(join(cache, cachedModelFileName('tiny', 'Q8_0')));
			expect(first.path).toContain(`-w${WRITER_VERSION}.gguf`);
			const bytes = await readFile(first.path);
			const second = await ensureSyntheticModel('synthetic:tiny');
			expect(second).toEqual({...first, created: false});
			await writeFile(first.path, bytes.subarray(0, 1000));
			const stale = join(cache, `.${cachedModelFileName('tiny', 'Q8_0')}.tmp-999999999-1`);
			await writeFile(stale, 'half a file');
			const third = await ensureSyntheticModel('synthetic:tiny', {cacheDir: cache});
			expect(third.created).toBe(true);
			expect((await readFile(third.path)).equals(bytes)).toBe(true);
			expect(await entries(cache)).toEqual([cachedModelFileName('tiny', 'Q8_0')]);
		} finally {
			await done();
		}
	});
});
