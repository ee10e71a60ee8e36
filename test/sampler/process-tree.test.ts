import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {Worker} from 'node:worker_threads';
import {afterEach, describe, expect, it} from 'vitest';
import {createProcessTreeProbes, ProcessGoneError, ProcessTree, startSampler, type SampleReading} from '../../src/sampler/index.js';
import {waitExited} from './child-helpers.js';
import {needsLinux} from '../setup/skip.js';

/**
 * A parent that holds a 64 MiB buffer and starts a child burning CPU for
 * `burnMs` of its own CPU time, then sleeping: a real two-process tree.
 * Prints the child's pid once it runs.
 */
const PARENT = `
const {spawn} = require('node:child_process');
const held = Buffer.alloc(64 * 1024 * 1024, 1);
const child = spawn(process.execPath, ['-e', process.argv[1]], {stdio: ['ignore', 'ignore', 'ignore']});
child.once('spawn', () => process.stdout.write(child.pid + '\\n'));
setInterval(() => held[0]++, 1000);
`;
const BURNER = `
const fs = require('node:fs');
const cpu = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
const end = cpu() + Number(process.env.BURN_MS) * 1e6;
while (cpu() < end) {}
setInterval(() => {}, 1000);
`;

const started: ChildProcess[] = [];

async function startTree(burnMs: number): Promise<{parent: ChildProcess; childPid: number}> {
	const parent = spawn(process.execPath, ['-e', PARENT, BURNER], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: {...process.env, BURN_MS: String(burnMs)},
		detached: true,
	});
	started.push(parent);
	const childPid = await new Promise<number>((resolve, reject) => {
		parent.stdout!.setEncoding('utf8').once('data', (text: string) => resolve(Number(text.trim())));
		parent.once('error', reject);
	});
	return {parent, childPid};
}

function ownCpuNs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 1e7;
}

afterEach(async () => {
	for (const child of started.splice(0)) {
		if (child.pid !== undefined) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await waitExited(child.pid);
		}
	}
});

describe.skipIf(needsLinux('the process tree is read from Linux /proc'))('ProcessTree (real child processes)', () => {
	it('counts the CPU of a grandchild, the RSS of the tree and every thread', async () => {
		const {parent, childPid} = await startTree(300);
		const tree = ProcessTree.open(parent.pid!);
		try {
			const first = tree.read();
			expect(first.processes).toBe(2);
			await waitFor(() => ownCpuNs(childPid) >= 300e6 - 1e7);
			const later = tree.read();
			// The child burned its 300 ms after the baseline (or while it was taken): most of it is counted.
			expect(later.cpuNs - first.cpuNs).toBeGreaterThan(150e6);
			// The parent holds 64 MiB it has touched; the tree's RSS includes it and both node processes.
			expect(later.rssBytes).toBeGreaterThan(64 * 1024 * 1024);
			const threadsOf = (pid: number): number => Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1]);
			expect(later.threads).toBe(threadsOf(parent.pid!) + threadsOf(childPid));
			expect(tree.rootAlive()).toBe(true);
		} finally {
			tree.close();
		}
	});

	it('a PID that does not exist is ProcessGoneError; a root that dies makes read() throw it', async () => {
		expect(() => ProcessTree.open(2 ** 22 + 12345)).toThrow(ProcessGoneError);
		const {parent} = await startTree(0);
		const tree = ProcessTree.open(parent.pid!);
		process.kill(-parent.pid!, 'SIGKILL');
		await waitExited(parent.pid!);
		expect(tree.rootAlive()).toBe(false);
		expect(() => tree.read()).toThrow(ProcessGoneError);
		tree.close();
	});

	it('drives the sampler: the tree is cpuPct and threads, llmtop is the observer, apart', async () => {
		const {parent} = await startTree(600);
		const probes = createProcessTreeProbes({pid: parent.pid!});
		const readings: SampleReading[] = [];
		const sampler = startSampler({intervalMs: 50, probes, logicalCores: 1, onSample: (reading) => readings.push(reading)});
		await waitFor(() => readings.reduce((sum, r) => sum + (r.cpuPct * r.intervalMs) / 100, 0) > 300);
		sampler.stop();
		probes.close?.();
		// waitFor returned: the readings add up to the 300 ms the grandchild burned (of its 600).
		expect(Math.max(...readings.map((r) => r.cpuPct))).toBeGreaterThan(0);
		for (const reading of readings) {
			expect(reading.threads).toBeGreaterThan(2);
			expect(reading.inferenceCpuPct).toBe(reading.cpuPct);
			expect(typeof reading.observerCpuPct).toBe('number');
		}
		// The observer is this process, not a part of the tree: busy samples of the tree do not make it busy.
		const observerMean = readings.reduce((sum, r) => sum + r.observerCpuPct!, 0) / readings.length;
		const treeMean = readings.reduce((sum, r) => sum + r.cpuPct, 0) / readings.length;
		expect(observerMean).toBeLessThan(treeMean);
	});
});

/** Starts a worker thread that burns `ms` of its own CPU time, then exits; settles when it has exited. */
function burnInWorker(ms: number): Promise<number> {
	const worker = new Worker(
		`const fs = require('node:fs');
		const cpu = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
		const end = cpu() + ${ms} * 1e6;
		while (cpu() < end) {}`,
		{eval: true},
	);
	return new Promise((resolve, reject) => {
		worker.once('error', reject);
		worker.once('exit', resolve);
	});
}

describe.skipIf(needsLinux('the process tree is read from Linux /proc'))("ProcessTree.own: llmtop's own process (the in-process engine)", () => {
	it("counts a worker thread's CPU, even one that started and exited between two reads", async () => {
		const own = ProcessTree.own();
		// This process sampled as a daemon's PID is: per-thread increments, which lose a thread that lives between two reads.
		const walked = ProcessTree.open(process.pid);
		try {
			const ownBefore = own.read().cpuNs;
			const walkedBefore = walked.read().cpuNs;
			await burnInWorker(80);
			expect(own.read().cpuNs - ownBefore).toBeGreaterThan(70e6);
			// What the own-process counters see and the walk cannot: the worker is gone before the walk's next read.
			expect(walked.read().cpuNs - walkedBefore).toBeLessThan(own.read().cpuNs - ownBefore - 50e6);
		} finally {
			own.close();
			walked.close();
		}
	});

	it('leaves out its children (the canary, --load workers), which the daemon walk counts', async () => {
		const child = spawn(process.execPath, ['-e', BURNER], {stdio: 'ignore', env: {...process.env, BURN_MS: '300'}, detached: true});
		started.push(child);
		await new Promise((resolve) => child.once('spawn', resolve));
		const own = ProcessTree.own();
		const walked = ProcessTree.open(process.pid);
		try {
			const ownBefore = own.read().cpuNs;
			const walkedBefore = walked.read().cpuNs;
			await waitFor(() => ownCpuNs(child.pid!) >= 300e6 - 1e7);
			const ownSpent = own.read().cpuNs - ownBefore;
			const walkedSpent = walked.read().cpuNs - walkedBefore;
			// The walk includes the child's burn (most of its 300 ms fell after the baseline); the own process does not.
			expect(walkedSpent - ownSpent).toBeGreaterThan(150e6);
			const reading = own.read();
			expect(reading.processes).toBe(1);
			const threads = Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'latin1'))?.[1]);
			expect(reading.threads).toBe(threads);
			expect(reading.rssBytes).toBeGreaterThan(process.memoryUsage.rss() * 0.5);
			expect(own.rootAlive()).toBe(true);
		} finally {
			own.close();
			walked.close();
		}
	});

	it("drives the sampler: process CPU minus llmtop's JS thread is the inference CPU", async () => {
		const probes = createProcessTreeProbes({pid: process.pid});
		const readings: SampleReading[] = [];
		const sampler = startSampler({intervalMs: 50, probes, logicalCores: 1, onSample: (reading) => readings.push(reading)});
		await burnInWorker(300);
		await waitFor(() => readings.length >= 2);
		sampler.stop();
		probes.close?.();
		const inferenceMs = readings.reduce((sum, r) => sum + (r.inferenceCpuPct! * r.intervalMs) / 100, 0);
		// The worker's 300 ms are inference (not the observer's); the JS thread that started it barely ran.
		expect(inferenceMs).toBeGreaterThan(200);
		for (const reading of readings) {
			expect(reading.inferenceCpuPct! + reading.observerCpuPct!).toBeCloseTo(reading.cpuPct, 6);
			expect(reading.threads).toBeGreaterThan(1);
		}
	});
});

async function waitFor(condition: () => boolean, limitMs = 20_000): Promise<void> {
	const end = Date.now() + limitMs;
	while (!condition()) {
		if (Date.now() > end) throw new Error('condition not reached within the bound');
		await sleep(20);
	}
}
