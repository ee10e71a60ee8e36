import {chmod, mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {
	cachedModelFileName,
	ensureSyntheticModel,
	estimateFileSize,
	InvalidSyntheticRefError,
	parseSyntheticRef,
	synthCommand,
	syntheticCacheDir,
	UnknownPresetError,
	UnknownQuantError,
	WRITER_VERSION,
} from '../../src/synth/index.js';
import type {SynthCommandOptions} from '../../src/synth/index.js';
import {entries, tempDir} from './helpers.js';

class Capture extends Writable {
	text = '';
	isTTY = false;
	onWrite: ((text: string) => void) | undefined;

	override _write(chunk: Buffer, _encoding: string, done: () => void): void {
		this.text += chunk.toString();
		this.onWrite?.(chunk.toString());
		done();
	}
}

async function run(opts: SynthCommandOptions, signal?: AbortSignal): Promise<{code: number; stdout: string; stderr: string}> {
	const stdout = new Capture();
	const stderr = new Capture();
	const code = await synthCommand(opts, {stdout, stderr, ...(signal ? {signal} : {})});
	return {code, stdout: stdout.text, stderr: stderr.text};
}

describe('llmtop synth', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	beforeAll(async () => ({dir, cleanup} = await tempDir()));
	afterAll(() => cleanup());

	it('--list prints parameter count and file size per preset and quant', async () => {
		const {code, stdout} = await run({list: true});
		expect(code).toBe(0);
		const lines = stdout.split('\n');
		expect(lines[0]).toMatch(/^preset\s+params\s+F16\s+Q8_0\s+Q6_K\s+Q5_K_M\s+Q5_0\s+Q4_K_M\s+Q4_0$/);
		expect(lines.find((line) => line.startsWith('llama-3.2-1b'))).toMatch(/1\.24B .* 8\d\dM\*/);
		for (const preset of ['tiny', 'smollm2-135m', 'qwen2.5-0.5b', 'tinyllama-1.1b', 'lfm2.5-1.2b', 'llama-3.2-3b']) {
			expect(lines.some((line) => line.startsWith(`${preset} `))).toBe(true);
		}
	});

	it('writes a preset and says what it wrote, clearing what a killed writer left', async () => {
		const out = join(dir, 'tiny-q4.gguf');
		const stale = join(dir, '.tiny-q4.gguf.tmp-999999999-3');
		await writeFile(stale, 'half a file');
		const {code, stdout, stderr} = await run({preset: 'tiny', quant: 'q4_k_m', seed: 5, out});
		expect(await entries(dir)).not.toContain('.tiny-q4.gguf.tmp-999999999-3');
		expect(code).toBe(0);
		expect(stderr).toBe('');
		expect(stdout).toMatch(/^wrote .*tiny-q4\.gguf: synthetic tiny, Q4_K_M, 1\.7M parameters/);
		expect((await stat(out)).size).toBe(estimateFileSize('tiny', 'Q4_K_M'));
	});

	describe('bad input: one line on stderr, exit 2, nothing left behind', () => {
		const cases: [string, (d: string) => Promise<SynthCommandOptions>, RegExp][] = [
			['unknown preset', async (d) => ({preset: 'llama-9b', out: join(d, 'x.gguf')}), /unknown synthetic preset "llama-9b" \(valid presets: tiny, smollm2-135m, .*llama-3\.2-3b\)/],
			['unknown quant', async (d) => ({preset: 'tiny', quant: 'Q3_K_M', out: join(d, 'x.gguf')}), /unknown quantization "Q3_K_M" \(valid quantizations: F16, Q8_0, Q6_K, Q5_K_M, Q5_0, Q4_K_M, Q4_0\)/],
			['missing directory', async (d) => ({preset: 'tiny', out: join(d, 'no', 'such', 'x.gguf')}), /cannot write .*x\.gguf: directory .* does not exist/],
			['output is a directory', async (d) => ({preset: 'tiny', out: d}), /is a directory/],
			['parent is a file', async (d) => {
				await writeFile(join(d, 'plain'), 'x');
				return {preset: 'tiny', out: join(d, 'plain', 'x.gguf')};
			}, /is not a directory/],
			['missing --like file', async (d) => ({like: join(d, 'absent.gguf'), out: join(d, 'x.gguf')}), /cannot clone .*absent\.gguf: file does not exist/],
			['missing --out', async () => ({preset: 'tiny'}), /missing --out FILE/],
			['no preset', async (d) => ({out: join(d, 'x.gguf')}), /missing PRESET/],
			['preset and --like', async (d) => ({preset: 'tiny', like: join(d, 'a.gguf'), out: join(d, 'x.gguf')}), /not both/],
			['--quant with --like', async (d) => ({like: join(d, 'a.gguf'), quant: 'Q8_0', out: join(d, 'x.gguf')}), /--quant does not apply to --like/],
			['invalid seed', async (d) => ({preset: 'tiny', seed: 1.5, out: join(d, 'x.gguf')}), /invalid seed 1\.5/],
			['--list with a preset', async () => ({list: true, preset: 'tiny'}), /--list takes no preset/],
		];

		it.each(cases)('%s', async (_, make, message) => {
			const {dir: caseDir, cleanup: done} = await tempDir();
			try {
				const opts = await make(caseDir);
				const before = await entries(caseDir);
				const {code, stdout, stderr} = await run(opts);
				expect(code).toBe(2);
				expect(stdout).toBe('');
				expect(stderr).toMatch(message);
				expect(stderr.trimEnd().split('\n')).toHaveLength(1);
				expect(await entries(caseDir)).toEqual(before);
			} finally {
				await done();
			}
		});

		it.skipIf(process.getuid?.() === 0)('read-only directory', async () => {
			const readOnly = join(dir, 'read-only');
			await mkdir(readOnly);
			await chmod(readOnly, 0o555);
			const {code, stderr} = await run({preset: 'tiny', out: join(readOnly, 'x.gguf')});
			expect(code).toBe(2);
			expect(stderr).toMatch(/not writable/);
			expect(await entries(readOnly)).toEqual([]);
		});

		it.runIf(process.getuid?.() === 0)('read-only directory (root ignores permissions: a read-only file system stands in)', async () => {
			const {code, stderr} = await run({preset: 'tiny', out: '/proc/llmtop-synth-test.gguf'});
			expect(code).toBe(2);
			expect(stderr).toMatch(/cannot write \/proc\/llmtop-synth-test\.gguf/);
		});
	});

	it('an interrupted write exits 130 and leaves no file, not even a temporary one', async () => {
		const {dir: caseDir, cleanup: done} = await tempDir();
		try {
			const controller = new AbortController();
			const stdout = new Capture();
			const stderr = new Capture();
			stderr.isTTY = true;
			stderr.onWrite = (text) => {
				if (text.includes('writing')) controller.abort('SIGINT');
			};
			const code = await synthCommand({preset: 'tiny', out: join(caseDir, 'x.gguf')}, {stdout, stderr, signal: controller.signal});
			expect(code).toBe(130);
			expect(stderr.text).toMatch(/interrupted; no file was written/);
			expect(await entries(caseDir)).toEqual([]);
		} finally {
			await done();
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

	it('writes a cached model once and reuses it; a damaged file or a dead writer\'s temp file is replaced', async () => {
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
