import {readFileSync} from 'node:fs';
import os from 'node:os';
import {setTimeout as sleep} from 'node:timers/promises';
import {Worker} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {needsLinux} from '../setup/skip.js';
import {
	createDefaultProbes,
	createPortableProbes,
	createProcessTreeProbes,
	readHostInfo,
	startSampler,
	type SampleReading,
	type SamplerProbes,
} from '../../src/sampler/index.js';

const linux = process.platform === 'linux';

/** CPU time of the calling thread, ns (Linux). */
function threadCpuNs(): number {
	return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
}

/**
 * Keeps this thread busy for `ms` of its own CPU time (Linux; wall time
 * elsewhere): on a loaded machine a wall-clock spin may get much less CPU.
 */
function burn(ms: number): void {
	if (!linux) {
		const end = performance.now() + ms;
		while (performance.now() < end) {
			// spin
		}
		return;
	}
	const end = threadCpuNs() + ms * 1e6;
	while (threadCpuNs() < end) {
		// spin
	}
}

function checkProbes(probes: SamplerProbes): void {
	const cpu0 = probes.processCpuUs();
	burn(30);
	expect(probes.processCpuUs()).toBeGreaterThan(cpu0);
	const rss = probes.rssBytes();
	const nodeRss = process.memoryUsage.rss();
	expect(rss).toBeGreaterThan(nodeRss * 0.5);
	expect(rss).toBeLessThan(nodeRss * 2);
	const times = probes.systemCpu();
	expect(times.total).toBeGreaterThanOrEqual(times.busy);
	expect(times.busy).toBeGreaterThan(0);
	const used = probes.systemMemUsedBytes?.();
	expect(used).toBeGreaterThan(0);
	expect(used).toBeLessThan(os.totalmem());
	expect(probes.peakRssBytes?.()).toBeGreaterThanOrEqual(rss * 0.9);
}

describe('real probes', () => {
	it.skipIf(needsLinux('the /proc probes read Linux /proc'))("the process-tree probes of llmtop's own process read sane values", () => {
		const probes = createProcessTreeProbes({pid: process.pid});
		checkProbes(probes);
		expect(probes.tree.isOwn).toBe(true);
		expect(probes.observerApart).toBeUndefined();
		const o0 = probes.observerCpuNs!();
		burn(30);
		const o1 = probes.observerCpuNs!();
		expect(o1 - o0).toBeGreaterThan(10e6);
		probes.processCpuUs();
		const threads = Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'latin1'))?.[1]);
		expect(probes.threadCount!()).toBe(threads);
		probes.close?.();
	});

	it('portable probes read sane values', () => {
		const probes = createPortableProbes();
		checkProbes(probes);
		expect(probes.observerCpuNs).toBeUndefined();
	});

	it.skipIf(needsLinux('thread roles come from Linux /proc/self/task'))(
		'counts a worker thread as inference, or as observer once its tid is named',
		async () => {
			const worker = new Worker(
				`const {parentPort} = require('node:worker_threads'); const fs = require('node:fs');
			const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
			parentPort.postMessage(tid);
			const cpuNs = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
			parentPort.on('message', (ms) => { const end = cpuNs() + ms * 1e6; while (cpuNs() < end) {} parentPort.postMessage('done'); });`,
				{eval: true},
			);
			const tid = await new Promise<number>((resolve) => worker.once('message', resolve));
			const spin = (ms: number) =>
				new Promise((resolve) => {
					worker.once('message', resolve);
					worker.postMessage(ms);
				});
			const named = new Set<number>();
			const probes = createProcessTreeProbes({pid: process.pid, observerTids: () => named});
			const cpu = () => ({process: probes.processCpuUs() * 1000, observer: probes.observerCpuNs!()});

			let before = cpu();
			await spin(60);
			let after = cpu();
			const unnamedObserver = after.observer - before.observer;
			expect(after.process - before.process - unnamedObserver).toBeGreaterThan(40e6);

			named.add(tid);
			cpu();
			before = cpu();
			await spin(60);
			after = cpu();
			expect(after.observer - before.observer).toBeGreaterThan(40e6);
			await worker.terminate();
			expect(cpu().observer).toBeGreaterThanOrEqual(after.observer);
			expect(cpu().observer).toBeGreaterThanOrEqual(after.observer);
			probes.close?.();
		},
	);

	it('the default sampler emits finite readings in range', async () => {
		const readings: SampleReading[] = [];
		const sampler = startSampler({intervalMs: 20, probes: createDefaultProbes(), onSample: (r) => readings.push(r)});
		while (readings.length < 3) await sleep(10);
		sampler.stop();
		for (const r of readings) {
			for (const value of [r.cpuPct, r.systemCpuPct, r.cores, r.rssBytes, r.peakRssBytes]) expect(Number.isFinite(value)).toBe(true);
			expect(r.cpuPct).toBeGreaterThanOrEqual(0);
			expect(r.cpuPct).toBeLessThanOrEqual(100);
			if (linux) {
				expect(r.observerCpuPct).toBeGreaterThanOrEqual(0);
				expect(r.inferenceCpuPct).toBeGreaterThanOrEqual(0);
			}
		}
	});
});

describe('readHostInfo', () => {
	it('reads the host facts', async () => {
		const host = await readHostInfo();
		expect(host.logicalCores).toBe(os.cpus().length);
		expect(host.totalMemoryBytes).toBe(os.totalmem());
		expect(host.node).toBe(process.version);
		expect(host.os.length).toBeGreaterThan(0);
		expect(typeof host.psi).toBe('boolean');
		if (!host.psi) expect(host.psiReason).toBeTruthy();
	});
});
