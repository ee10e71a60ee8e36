import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {currentHostKey, hostBandwidth, hostCacheDir, readCachedBandwidth} from '../../src/sampler/bandwidth.js';

describe('memory read bandwidth', () => {
	it('measures once and caches per host under host/', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'llmtop-bw-'));
		const first = await hostBandwidth({cacheDir: dir});
		expect(first).toBeDefined();
		expect(first!.readBytesPerSec).toBeGreaterThan(0);
		expect(first!.readBytesPerSec).toBeGreaterThanOrEqual(first!.singleThreadBytesPerSec);
		expect(first!.hostKey).toBe(currentHostKey());
		const file = join(dir, 'memory-bandwidth.json');
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
		const again = await hostBandwidth({cacheDir: dir});
		expect(again).toEqual(first);
	}, 60_000);

	it('ignores a cache of another host, a broken one and a non-positive figure', () => {
		const dir = mkdtempSync(join(tmpdir(), 'llmtop-bw-'));
		const file = join(dir, 'memory-bandwidth.json');
		const good = {readBytesPerSec: 5e9, singleThreadBytesPerSec: 4e9, threads: 2, method: 'm', measuredAt: 'now', hostKey: 'h'};
		writeFileSync(file, JSON.stringify(good));
		expect(readCachedBandwidth(file, 'h')).toEqual(good);
		expect(readCachedBandwidth(file, 'other host')).toBeUndefined();
		writeFileSync(file, JSON.stringify({...good, readBytesPerSec: 0}));
		expect(readCachedBandwidth(file, 'h')).toBeUndefined();
		writeFileSync(file, '{not json');
		expect(readCachedBandwidth(file, 'h')).toBeUndefined();
		expect(readCachedBandwidth(join(dir, 'missing.json'), 'h')).toBeUndefined();
	});

	it('lives under LLMTOP_CACHE_DIR, XDG_CACHE_HOME or ~/.cache', () => {
		expect(hostCacheDir({LLMTOP_CACHE_DIR: '/c'})).toBe('/c/host');
		expect(hostCacheDir({XDG_CACHE_HOME: '/x'})).toBe('/x/llmtop/host');
		expect(hostCacheDir({})).toMatch(/\.cache\/llmtop\/host$/);
	});
});
