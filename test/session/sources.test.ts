/**
 * The probes start without holding up the first frame: the canary (compiled
 * on a first run) starts in the background behind a `DeferredSource`. Real
 * canary process, as the run starts it.
 */
import {describe, expect, it} from 'vitest';
import type {SampleReading, SampleSource} from '../../src/sampler/index.js';
import {DeferredSource} from '../../src/session/deferred-source.js';
import {startSources} from '../../src/session/sources.js';

function reading(): SampleReading {
	return {t: 0, intervalMs: 100, cpuPct: 0, cores: 0, rssBytes: 0, systemCpuPct: 0} as SampleReading;
}

describe('startSources', () => {
	it('returns before the canary has started; it contributes once ready', async () => {
		const sources = await startSources({canary: true, load: 0});
		try {
			const deferred = sources.list.find((source): source is DeferredSource => source instanceof DeferredSource);
			expect(deferred).toBeDefined();
			expect(deferred?.source).toBeNull();
			expect(sources.list.some((source) => 'pid' in source)).toBe(false);
			const warnings = await sources.ready;
			if (warnings.some((warning) => warning.code === 'canary-failed')) {
				console.log(`canary did not start here: ${warnings[0]?.message}`);
				expect(deferred?.source).toBeNull();
				return;
			}
			expect(deferred?.source).not.toBeNull();
			deferred?.prime();
			const values: number[] = [];
			for (let i = 0; i < 100 && values.length === 0; i++) {
				await new Promise((resolve) => setTimeout(resolve, 30));
				const each = reading();
				deferred?.contribute(each, 30);
				values.push(...(each.canaryLateMs ?? []));
			}
			expect(values.length).toBeGreaterThan(0);
		} finally {
			await sources.stop();
		}
	});

	it('with --no-canary there is nothing to wait for', async () => {
		const sources = await startSources({canary: false, load: 0});
		expect(await sources.ready).toEqual([]);
		expect(sources.list.some((source) => source instanceof DeferredSource)).toBe(false);
		await sources.stop();
	});
});

describe('DeferredSource', () => {
	it('adds nothing until resolved, primes a late source if the sampler primed already', () => {
		const calls: string[] = [];
		const inner: SampleSource = {prime: () => calls.push('prime'), contribute: (each) => void (each.canaryLateMs = [1])};
		const deferred = new DeferredSource();
		const before = reading();
		deferred.prime();
		deferred.contribute(before, 100);
		expect(before.canaryLateMs).toBeUndefined();
		deferred.resolve(inner);
		expect(calls).toEqual(['prime']);
		const after = reading();
		deferred.contribute(after, 100);
		expect(after.canaryLateMs).toEqual([1]);
	});

	it('does not prime a source the sampler has not primed yet', () => {
		const calls: string[] = [];
		const deferred = new DeferredSource();
		deferred.resolve({prime: () => calls.push('prime'), contribute: () => {}});
		expect(calls).toEqual([]);
		deferred.prime();
		expect(calls).toEqual(['prime']);
	});
});
