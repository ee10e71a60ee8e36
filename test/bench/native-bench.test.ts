import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {bundledLlamaCppTag, findNativeBench, nativeArgs, nativeFigures, parseNativeJsonl} from '../../bench/lib/native-bench.js';
import {ROOT} from '../e2e/helpers.js';

/** Two lines as `llama-bench -o jsonl` prints them (fields abridged), with a log line between. */
const JSONL = [
	'{"build_commit": "80fb11a", "model_type": "llama ?B Q8_0", "n_threads": 2, "n_prompt": 120, "n_gen": 0, "n_depth": 0, "avg_ns": 100000000, "avg_ts": 1200.5, "stddev_ts": 3.1, "samples_ns": [ 100000000 ], "samples_ts": [ 1200.5 ]}',
	'main: some log line',
	'{"n_threads": 2, "n_prompt": 120, "n_gen": 0, "n_depth": 120, "avg_ts": 1100, "samples_ts": [ 1100 ]}',
	'{"n_threads": 2, "n_prompt": 0, "n_gen": 48, "n_depth": 0, "avg_ts": 180, "samples_ts": [ 181, 179 ]}',
	'{"n_threads": 2, "n_prompt": 0, "n_gen": 48, "n_depth": 120, "avg_ts": 160, "samples_ts": [ 161, 159 ]}',
].join('\n');

describe('llama-bench output', () => {
	it('parses jsonl lines and skips the rest', () => {
		const tests = parseNativeJsonl(JSONL);
		expect(tests).toHaveLength(4);
		expect(tests[0]).toEqual({nPrompt: 120, nGen: 0, nDepth: 0, threads: 2, avgTs: 1200.5, samplesTs: [1200.5]});
	});

	it('takes prefill at depth 0 and decode at the prompt depth; TTFT is prefill plus one decode step', () => {
		const f = nativeFigures(parseNativeJsonl(JSONL), 120);
		expect(f.prefillTokPerSec).toBe(1200.5);
		expect(f.decodeTokPerSec).toBe(160);
		expect(f.ttftMs).toBeCloseTo((120 / 1200.5 + 1 / 160) * 1000, 9);
	});

	it('refuses output without the tests it needs', () => {
		expect(() => nativeFigures(parseNativeJsonl(JSONL), 64)).toThrow(/lacks pp64@d0 or tg@d64/);
	});

	it('asks for pp P and tg N at depths 0 and P, CPU only, as jsonl', () => {
		expect(nativeArgs({modelPath: '/m.gguf', threads: 2, promptTokens: 120, genTokens: 48, repetitions: 3})).toEqual([
			'-m',
			'/m.gguf',
			'-t',
			'2',
			'-p',
			'120',
			'-n',
			'48',
			'-d',
			'0,120',
			'-r',
			'3',
			'-ngl',
			'0',
			'-o',
			'jsonl',
		]);
	});
});

describe('findNativeBench', () => {
	let dir = '';
	afterEach(() => rmSync(dir, {recursive: true, force: true}));
	const build = (name: string, opts: {bench: boolean; log?: string}): void => {
		const bin = join(dir, 'builds', name, 'build', 'bin');
		mkdirSync(bin, {recursive: true});
		if (opts.bench) writeFileSync(join(bin, 'llama-bench'), '');
		if (opts.log !== undefined) writeFileSync(join(dir, 'builds', name, 'ninja.log'), opts.log);
	};

	it('says why when there is no build, or it is unfinished, and finds a finished one', () => {
		dir = mkdtempSync(join(tmpdir(), 'llmtop-native-'));
		expect(findNativeBench('v0.4.0', dir)).toMatchObject({kind: 'missing', reason: expect.stringMatching(/no native build of llama.cpp v0.4.0/)});
		build('llama.cpp-v0.4.0-80fb11a', {bench: false, log: '[56/334] Building CXX object\n'});
		expect(findNativeBench('v0.4.0', dir)).toMatchObject({kind: 'missing', reason: expect.stringMatching(/not finished/)});
		build('llama.cpp-v0.4.0-80fb11a', {bench: true, log: '[56/334] Building CXX object\n'});
		expect(findNativeBench('v0.4.0', dir).kind).toBe('missing');
		build('llama.cpp-v0.4.0-80fb11a', {bench: true, log: '[334/334] Linking\ndone 0\n'});
		expect(findNativeBench('v0.4.0', dir)).toEqual({
			kind: 'found',
			path: join(dir, 'builds', 'llama.cpp-v0.4.0-80fb11a', 'build', 'bin', 'llama-bench'),
			buildDir: join(dir, 'builds', 'llama.cpp-v0.4.0-80fb11a'),
		});
		expect(findNativeBench('v0.5.0', dir).kind).toBe('missing');
	});

	it('reads the bundled llama.cpp tag from node-llama-cpp', () => {
		dir = mkdtempSync(join(tmpdir(), 'llmtop-native-'));
		expect(bundledLlamaCppTag(ROOT)).toMatch(/^\S+$/);
		expect(bundledLlamaCppTag(dir)).toBeNull();
	});
});
