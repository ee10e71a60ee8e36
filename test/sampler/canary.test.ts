import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildCanary, canaryCommand, startCanary, type Canary, type CanaryImpl} from '../../src/sampler/index.js';
import {hasExited, orphanAfterParentSigkill, waitExited} from './child-helpers.js';
import {readingsWith} from './readings-with.js';
import {needsPosix, skipUnless} from '../setup/skip.js';

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmtop-canary-test-'));
afterAll(() => fs.rmSync(cacheDir, {recursive: true, force: true}));

let binary: string | undefined;
let buildFailure = '';
beforeAll(async () => {
	const build = await buildCanary({cacheDir});
	binary = build.ok ? build.binary : undefined;
	buildFailure = build.ok ? '' : build.reason;
});

/** Whether a test of the C canary must skip: it did not build here (the reason is printed). */
const noCBinary = (impl: CanaryImpl): boolean => impl === 'c' && skipUnless(binary !== undefined, `the C canary did not build: ${buildFailure}`);

async function collect(canary: Canary, count: number): Promise<number[]> {
	const values: number[] = [];
	while (values.length < count && canary.running) {
		await sleep(20);
		values.push(...canary.drain());
	}
	return values;
}

const impls: CanaryImpl[] = ['c', 'node'];

describe('buildCanary', () => {
	it('reuses the compiled binary', async () => {
		if (!binary) return;
		const again = await buildCanary({cacheDir});
		expect(again).toEqual({ok: true, binary, cached: true});
	});

	it('explains a missing compiler instead of failing', async () => {
		const result = await buildCanary({cacheDir, cc: 'llmtop-no-such-compiler'});
		expect(result).toEqual({ok: false, reason: 'no C compiler (llmtop-no-such-compiler not found)'});
	});

	it('refuses a cache directory others can write to, or that is not a directory', async () => {
		const shared = path.join(cacheDir, 'shared');
		fs.mkdirSync(shared, {mode: 0o777});
		fs.chmodSync(shared, 0o777);
		expect(await buildCanary({cacheDir: shared})).toEqual({ok: false, reason: `${shared} is writable by others`});
		const file = path.join(cacheDir, 'a-file');
		fs.writeFileSync(file, '');
		const result = await buildCanary({cacheDir: file});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toContain(`cannot use ${file}`);
	});

	it('falls back to the Node canary under auto when there is no compiler', async () => {
		const canary = await startCanary({cacheDir, cc: 'llmtop-no-such-compiler'});
		try {
			expect(canary.impl).toBe('node');
			expect(canary.fallbackReason).toMatch(/no C compiler/);
		} finally {
			await canary.stop();
		}
	});
});

describe.each(impls)('%s canary', (impl) => {
	it('starts, streams finite non-negative lateness, reports its CPU, and stops', async (context) => {
		if (noCBinary(impl)) context.skip();
		const batches: number[][] = [];
		const canary = await startCanary({impl, cacheDir, onLateness: (values) => batches.push(values)});
		expect(canary.impl).toBe(impl);
		expect([0, os.getPriority()]).toContain(canary.nice);
		const values = await collect(canary, 25);
		expect(values.length).toBeGreaterThanOrEqual(25);
		for (const value of values) {
			expect(Number.isFinite(value)).toBe(true);
			expect(value).toBeGreaterThanOrEqual(0);
		}
		expect(batches.flat().length).toBeGreaterThanOrEqual(values.length);
		const cpu = canary.cpuPct();
		if (process.platform === 'linux') {
			expect(Number.isFinite(cpu)).toBe(true);
			expect(cpu).toBeGreaterThanOrEqual(0);
		}
		await canary.stop();
		expect(canary.running).toBe(false);
		expect(hasExited(canary.pid)).toBe(true);
	});

	it('adds canaryLateMs and canaryCpuPct to sampler readings', async (context) => {
		if (noCBinary(impl)) context.skip();
		const readings = await readingsWith(await startCanary({impl, cacheDir}), 100, 4, (rs) => rs.some((r) => (r.canaryLateMs ?? []).length > 0));
		for (const reading of readings) {
			expect(Array.isArray(reading.canaryLateMs)).toBe(true);
			expect(reading.canaryLateMs!.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
			if (process.platform === 'linux') expect(reading.canaryCpuPct).toBeGreaterThanOrEqual(0);
		}
		expect(readings.flatMap((r) => r.canaryLateMs ?? []).length).toBeGreaterThan(0);
	});

	it.skipIf(needsPosix('the orphan check sends SIGKILL to a parent process'))('dies when its parent is SIGKILLed (no orphan)', async (context) => {
		if (noCBinary(impl)) context.skip();
		const {command, args} = canaryCommand(impl, binary, 10, 10, 0);
		args[args.length - 1] = 'PARENT';
		const orphan = await orphanAfterParentSigkill(command, args);
		expect(await waitExited(orphan)).toBe(true);
	});
});
