/**
 * CPU bursts of known length and time, seen through llmtop's real sampler
 * and the run store's spike detector.
 *
 * Where the bursts run: in a worker thread of the sampled process. The store
 * detects CPU spikes on *process* CPU (llmtop's own process: the engine's
 * threads), so a burst in a separate child process would only show in system
 * CPU, which is not spike-detected — and on a shared machine system CPU also
 * carries everyone else's work. A busy loop in a thread of the sampled
 * process is what an inference burst is: the same process, another thread.
 * Its start and end are stamped in the worker (`timeOrigin + now()`, mapped
 * to the sampler's clock), so the truth does not depend on message latency.
 *
 * Child entry: `node dist/bench/lib/cpu-bursts.js '<CpuBurstOptions JSON>'`
 * prints a {@link CpuBurstResult}.
 */
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {RunEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import type {Phase, Spike} from '../../src/run/types.js';
import {startSampler} from '../../src/sampler/index.js';
import {toSampleEvent} from '../../src/session/to-event.js';
import {spawnCollect} from './spawn-collect.js';
import type {Span} from './matching.js';

/** The burst schedule. */
export interface CpuBurstOptions {
	bursts: number;
	burstMs: number;
	/** Time from one burst's start to the next, before jitter. */
	periodMs: number;
	/** Up to this much is added to each period (deterministic), so bursts fall at every offset of the sampling grid. */
	jitterMs: number;
	/** Quiet time before the first burst (the detector's baseline fills). */
	warmupMs: number;
	/** Quiet window after the bursts, where any spike is a false one. */
	quietMs: number;
	intervalMs: number;
}

/** Truth and detections, on the sampler's clock (ms since the child started sampling). */
export interface CpuBurstResult {
	options: CpuBurstOptions;
	bursts: Span[];
	quiet: Span;
	spikes: Spike[];
	samples: number;
}

/** Runs the bursts in a fresh child process (nothing else of the benchmark runs in the sampled process). */
export async function runCpuBursts(options: CpuBurstOptions): Promise<CpuBurstResult> {
	const timeoutMs = options.warmupMs + options.quietMs + options.bursts * (options.periodMs + options.jitterMs) + 60_000;
	const {code, stdout, stderr} = await spawnCollect(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)], process.env, timeoutMs);
	if (code !== 0) throw new Error(`cpu bursts exited ${code}: ${stderr.trim()}`);
	return JSON.parse(stdout) as CpuBurstResult;
}

const BURNER = `
const {parentPort} = require('node:worker_threads');
const clock = () => performance.timeOrigin + performance.now();
parentPort.on('message', (ms) => {
	const start = clock();
	let end = start;
	while (end - start < ms) end = clock();
	parentPort.postMessage({start, end});
});`;

async function child(options: CpuBurstOptions): Promise<void> {
	const origin = performance.now();
	const now = (): number => performance.now() - origin;
	const toClock = (absolute: number): number => absolute - performance.timeOrigin - origin;
	const store = new RunStore();
	let phase: Phase = 'idle-before';
	const apply = (event: RunEvent): void => void store.apply(event);
	apply(runStart(options.intervalMs));
	apply({type: 'phase', t: 0, name: phase});
	const worker = new Worker(BURNER, {eval: true});
	const burn = (ms: number): Promise<{start: number; end: number}> =>
		new Promise((resolve) => {
			worker.once('message', resolve);
			worker.postMessage(ms);
		});
	await burn(1);
	const sampler = startSampler({
		intervalMs: options.intervalMs,
		clock: {now, setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout)},
		onSample: (reading) => apply(toSampleEvent(reading, phase)),
	});
	await sleep(options.warmupMs);
	const bursts: Span[] = [];
	let next = now();
	for (let i = 0; i < options.bursts; i++) {
		next += options.periodMs + ((i * 37) % 101) / 100 * options.jitterMs;
		await sleep(Math.max(0, next - now()));
		const stamped = await burn(options.burstMs);
		bursts.push({start: toClock(stamped.start), end: toClock(stamped.end)});
	}
	await sleep(options.periodMs);
	phase = 'idle-after';
	apply({type: 'phase', t: now(), name: phase});
	const quiet = {start: now(), end: 0};
	await sleep(options.quietMs);
	quiet.end = now();
	sampler.stop();
	apply({type: 'run-end', t: now(), complete: true, reason: 'done', finishedAt: new Date().toISOString()});
	await worker.terminate();
	const result: CpuBurstResult = {options, bursts, quiet, spikes: store.spikes.toArray().filter((s) => s.metric === 'cpu'), samples: sampler.samples};
	process.stdout.write(JSON.stringify(result));
}

function runStart(intervalMs: number): RunEvent {
	return {
		type: 'run-start',
		t: 0,
		schema: 'llmtop/events@2',
		startedAt: new Date().toISOString(),
		mode: 'run',
		host: {os: process.platform, platform: process.platform, release: '', arch: process.arch, cpuModel: '', logicalCores: 0, totalMemoryBytes: 0, node: process.version, llamaCppRelease: 'none', engineBuild: 'unknown'},
		model: {ref: 'none', path: ''},
		config: {threads: 0, contextSize: 0, batchSize: 0, gpuLayers: 0, temperature: 0, topP: 1, maxTokens: 0, intervalMs, idleSeconds: 0, suite: 'bench-cpu-bursts'},
		criteria: [],
		suite: {name: 'bench-cpu-bursts', path: '', prompts: []},
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await child(JSON.parse(process.argv[2] ?? '{}') as CpuBurstOptions);
}
