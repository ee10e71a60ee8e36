import os from 'node:os';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {loadWorkerCommand, startLoadWorkers} from '../../src/sampler/index.js';
import {hasExited, orphanAfterParentSigkill, waitExited} from './child-helpers.js';
import {readingsWith} from './readings-with.js';
import {needsPosix} from '../setup/skip.js';

describe('startLoadWorkers', () => {
	it('starts N workers at normal priority that report completed operations, then stops them', async () => {
		const workers = await startLoadWorkers(2, {unitSteps: 20_000});
		try {
			expect(workers.count).toBe(2);
			expect(workers.alive).toBe(2);
			for (const nice of workers.nice) expect([0, os.getPriority()]).toContain(nice);
			let ops = 0;
			while (workers.totals().some((n) => n === 0)) await sleep(20);
			ops += workers.drainOps();
			expect(ops).toBeGreaterThan(0);
			expect(workers.totals().reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ops);
			await sleep(50);
			const more = workers.drainOps();
			expect(more).toBeGreaterThanOrEqual(0);
			expect(Number.isInteger(more)).toBe(true);
		} finally {
			await workers.stop();
		}
		expect(workers.alive).toBe(0);
		for (const pid of workers.pids) expect(hasExited(pid)).toBe(true);
		// stop() read the final counters after every worker exited: what ran between the last
		// drain and the exit is drained once, then nothing changes (deterministic, whatever the timing).
		const final = workers.totals();
		expect(Number.isInteger(workers.drainOps())).toBe(true);
		expect(workers.drainOps()).toBe(0);
		await sleep(30);
		expect(workers.totals()).toEqual(final);
	});

	it('adds loadOps to sampler readings', async () => {
		const readings = await readingsWith(await startLoadWorkers(1, {unitSteps: 20_000}), 50, 4, (rs) => rs.some((r) => (r.loadOps ?? 0) > 0));
		for (const reading of readings) {
			expect(Number.isInteger(reading.loadOps)).toBe(true);
			expect(reading.loadOps).toBeGreaterThanOrEqual(0);
		}
		expect(readings.reduce((sum, r) => sum + (r.loadOps ?? 0), 0)).toBeGreaterThan(0);
	});

	it('rejects a bad count', async () => {
		await expect(startLoadWorkers(0)).rejects.toThrow(RangeError);
		await expect(startLoadWorkers(1.5)).rejects.toThrow(RangeError);
	});

	it.skipIf(needsPosix('the orphan check sends SIGKILL to a parent process'))('a worker dies when its parent is SIGKILLed (no orphan)', async () => {
		const {command, args} = loadWorkerCommand(0, 0, 20_000);
		args[args.length - 2] = 'PARENT';
		const orphan = await orphanAfterParentSigkill(command, args, true);
		expect(await waitExited(orphan)).toBe(true);
	});
});
