import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {BadStallSpecError, createTestStalls, parseStallSpec, testStallsFromEnv, type StallRecord} from '../../src/engine/test-stall.js';
import type {Engine} from '../../src/engine/types.js';
import {ROOT} from '../e2e/helpers.js';
import {tempCache, sharedTestEngine} from './test-model.js';
import {needsBuild} from '../setup/skip.js';

const PROMPT = {id: 'p1', prompt: 'Write a short story about a lighthouse keeper.'};
const SAMPLING = {temperature: 0.8, topP: 0.95, seed: 42, maxTokens: 12};
const STALL_INDEX = 5;
const STALL_MS = 40;

describe('parseStallSpec', () => {
	it.each([
		['20:12', [{index: 20, ms: 12}]],
		[
			'30:5.5, 10:0',
			[
				{index: 10, ms: 0},
				{index: 30, ms: 5.5},
			],
		],
		['4:1,4:9,', [{index: 4, ms: 9}]],
	])('%s', (spec, plan) => {
		expect(parseStallSpec(spec)).toEqual(plan);
	});

	it.each(['', ',', '0:10', '3', '3:-1', 'a:1', '3:1e3', '3:10ms'])('rejects %j with one line naming the variable', (spec) => {
		expect(() => parseStallSpec(spec)).toThrow(BadStallSpecError);
		expect(() => parseStallSpec(spec)).toThrow(/^LLMTOP_TEST_STALL='.*': .+ \(expected INDEX:MS/);
	});

	it('is off unless the variable is set', () => {
		expect(testStallsFromEnv({})).toBeUndefined();
		expect(testStallsFromEnv({LLMTOP_TEST_STALL: ' '})).toBeUndefined();
		expect(testStallsFromEnv({LLMTOP_TEST_STALL: '3:1'})).toBeDefined();
	});

	it('LLMTOP_TEST_ABORT alone turns the hook on, and takes only a token index >= 1', () => {
		expect(testStallsFromEnv({LLMTOP_TEST_ABORT: '2'})).toBeDefined();
		expect(testStallsFromEnv({LLMTOP_TEST_ABORT: ' '})).toBeUndefined();
		for (const bad of ['0', 'x', '1.5']) expect(() => testStallsFromEnv({LLMTOP_TEST_ABORT: bad}), bad).toThrow(BadStallSpecError);
	});

	it('a hook sleeps only before planned tokens and records on the clock it is given', () => {
		let clock = 100;
		const stalls = createTestStalls([{index: 2, ms: 0}]);
		const hook = stalls.forPrompt('p', () => ++clock);
		hook(1, 50);
		hook(2, 60);
		hook(3, 70);
		expect(stalls.records).toEqual([{promptId: 'p', index: 2, ms: 0, previousT: 60, start: 101, end: 102}]);
	});
});

/** Token stamps and the one record of a run with a stall before token {@link STALL_INDEX}. */
function expectStallInGap(stamps: number[], record: StallRecord, offset: number): void {
	expect(stamps.length).toBeGreaterThan(STALL_INDEX);
	expect(record).toMatchObject({promptId: PROMPT.id, index: STALL_INDEX, ms: STALL_MS});
	expect(record.end - record.start).toBeGreaterThanOrEqual(STALL_MS - 0.5);
	expect(record.previousT + offset).toBeCloseTo(stamps[STALL_INDEX - 1]!, 6);
	// The stall lies inside the gap before the chosen token, which is at least as long as the stall.
	expect(record.start + offset).toBeGreaterThanOrEqual(stamps[STALL_INDEX - 1]!);
	expect(stamps[STALL_INDEX]!).toBeGreaterThanOrEqual(record.end + offset);
	expect(stamps[STALL_INDEX]! - stamps[STALL_INDEX - 1]!).toBeGreaterThanOrEqual(STALL_MS - 0.5);
}

describe('the stall hook in a real decode loop (synthetic:tiny)', () => {
	const test = sharedTestEngine();

	it('in process: the gap before the chosen token holds the whole stall', async () => {
		const stalls = createTestStalls([{index: STALL_INDEX, ms: STALL_MS}]);
		const stamps: number[] = [];
		const now = (): number => performance.now();
		const result = await test.engine.runPrompt(PROMPT, {...SAMPLING, now, onToken: (_i, _text, t) => stamps.push(t), stall: stalls.forPrompt(PROMPT.id, now)});
		expect(result.status).toBe('ok');
		expect(stalls.records).toHaveLength(1);
		expectStallInGap(stamps, stalls.records[0]!, 0);
	});
});

const DIST_ENGINE = join(ROOT, 'dist', 'src', 'engine');

describe.skipIf(needsBuild('dist/src/engine/engine-worker.js'))('LLMTOP_TEST_STALL in the engine worker (built dist)', () => {
	const cache = tempCache();
	const log = join(cache.cacheDir, 'stalls.jsonl');

	afterAll(() => cache.cleanup());

	it('stalls the chosen token of a running engine and logs the stall on its own clock at dispose', async () => {
		const remote = (await import(pathToFileURL(join(DIST_ENGINE, 'remote-engine.js')).href)) as typeof import('../../src/engine/remote-engine.js');
		const saved = {stall: process.env.LLMTOP_TEST_STALL, log: process.env.LLMTOP_TEST_STALL_LOG};
		process.env.LLMTOP_TEST_STALL = `${STALL_INDEX}:${STALL_MS}`;
		process.env.LLMTOP_TEST_STALL_LOG = log;
		let engine: Engine;
		try {
			engine = await remote.openEngineInWorker({model: 'synthetic:tiny', cacheDir: cache.cacheDir, threads: 1, contextSize: 512});
		} finally {
			for (const [key, value] of [
				['LLMTOP_TEST_STALL', saved.stall],
				['LLMTOP_TEST_STALL_LOG', saved.log],
			] as const) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
		}
		const stamps: number[] = [];
		// A clock shifted from the worker's: the log stays on the worker's own clock, mapped back through the token before the stall.
		const result = await engine.runPrompt(PROMPT, {...SAMPLING, now: () => performance.now() + 5000, onToken: (_i, _text, t) => stamps.push(t)});
		await engine.dispose();
		expect(result.status).toBe('ok');
		const records = readFileSync(log, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as StallRecord);
		expect(records).toHaveLength(1);
		const offset = stamps[STALL_INDEX - 1]! - records[0]!.previousT;
		expect(offset).toBeGreaterThan(4000);
		expectStallInGap(stamps, records[0]!, offset);
	});
});
