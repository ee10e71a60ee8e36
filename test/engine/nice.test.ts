import {afterAll, describe, expect, it} from 'vitest';
import {applyNice, readThreadNice, type ThreadNice} from '../../src/engine/nice.js';
import {BadOptionError} from '../../src/engine/errors.js';
import {openTestEngine, tempCache} from './test-model.js';
import {needsLinux, skipUnless} from '../setup/skip.js';

const linux = process.platform === 'linux';
const cache = tempCache();
afterAll(() => cache.cleanup());

describe.skipIf(needsLinux('per-thread nice values live under /proc/self/task'))('--nice on Linux (per-thread priorities under /proc/self/task)', () => {
	it('every thread but the JS main thread carries the nice value, including decode workers started later', async () => {
		const mainBefore = readThreadNice().find((t) => t.tid === process.pid)!.nice;
		await using engine = await openTestEngine(cache.cacheDir, {threads: 2, nice: 7});
		expect(engine.engine.nice).toMatchObject({requested: 7, method: 'per-thread', mainThread: false, failed: []});
		const seen = new Map<number, ThreadNice>();
		const look = (): void => {
			for (const t of readThreadNice()) seen.set(t.tid, t);
		};
		// The JS thread is free while a decode step runs on a pool thread, so a
		// 1 ms timer catches the worker threads llama.cpp starts for each step.
		const timer = setInterval(look, 1);
		const result = await engine.runPrompt(
			{id: 'n', prompt: 'Tell me about priorities.'},
			{
				temperature: 0.8,
				topP: 0.95,
				seed: 3,
				maxTokens: 40,
				onToken: look,
			},
		);
		clearInterval(timer);
		look();
		expect(result.outputTokens).toBeGreaterThan(10);
		const main = seen.get(process.pid)!;
		const others = [...seen.values()].filter((t) => t.tid !== process.pid);
		expect(main.nice).toBe(mainBefore);
		const startedLater = others.filter((t) => !engine.engine.nice!.applied.includes(t.tid));
		expect(startedLater.length).toBeGreaterThan(0);
		expect(others.filter((t) => t.nice !== 7)).toEqual([]);
	});

	it('niceMainThread nices the main thread too (last: it cannot be undone without privilege)', async () => {
		await using engine = await openTestEngine(cache.cacheDir, {threads: 1, nice: 9, niceMainThread: true});
		expect(engine.engine.nice?.mainThread).toBe(true);
		await engine.runPrompt({id: 'm', prompt: 'Hi'}, {temperature: 0, topP: 1, maxTokens: 8});
		const threads = readThreadNice();
		expect(threads.find((t) => t.tid === process.pid)?.nice).toBe(9);
		expect(threads.filter((t) => t.nice !== 9)).toEqual([]);
	});
});

describe('applyNice', () => {
	it('rejects values outside -20..19', () => {
		for (const n of [20, -21, 1.5, Number.NaN]) expect(() => applyNice(n), String(n)).toThrow(BadOptionError);
	});

	it.skipIf(skipUnless(!linux, 'the process-wide fallback is for systems without per-thread priorities; Linux has them'))(
		'elsewhere sets the process priority, best effort',
		() => {
			const report = applyNice(1);
			expect(report.method).toBe('process');
		},
	);
});
