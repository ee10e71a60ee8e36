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
	/** Burst lengths, ms, used in turn (burst i is `burstsMs[i % length]` long). */
	burstsMs: number[];
	/** Time from one burst's end to the next one's start, before jitter. */
	periodMs: number;
	/** Up to this much is added to each period (deterministic), so bursts fall at every offset of the sampling grid. */
	jitterMs: number;
	/** Quiet time before the first burst (the detector's baseline fills). */
	warmupMs: number;
	/** Quiet window after the bursts, where any spike is a false one. */
	quietMs: number;
	intervalMs: number;
	/**
	 * A busy baseline: another thread of the sampled process busy `busyMs` of
	 * every `everyMs` throughout (as a model decoding would be), so bursts
	 * must stand out from a moving, non-zero level. Absent: an idle baseline.
	 */
	background?: {busyMs: number; everyMs: number};
	/** Run the sampled process on these CPUs only (`taskset -c`), e.g. `0`. Absent: every core. */
	cpus?: string;
}

/** One burst: its wall span on the sampler's clock, the CPU asked and the CPU it used (ms). */
export interface CpuBurst extends Span {
	ms: number;
	cpuMs: number;
}

/** Truth and detections, on the sampler's clock (ms since the child started sampling). */
export interface CpuBurstResult {
	options: CpuBurstOptions;
	bursts: CpuBurst[];
	quiet: Span;
	spikes: Spike[];
	samples: number;
}

/** Runs the bursts in a fresh child process (nothing else of the benchmark runs in the sampled process). */
export async function runCpuBursts(options: CpuBurstOptions): Promise<CpuBurstResult> {
	const timeoutMs = options.warmupMs + options.quietMs + options.bursts * (options.periodMs + options.jitterMs + Math.max(...options.burstsMs)) + 60_000;
	const node = [process.execPath, fileURLToPath(import.meta.url), JSON.stringify(options)];
	const [command, ...args] = options.cpus === undefined ? node : ['taskset', '-c', options.cpus, ...node];
	const {code, stdout, stderr} = await spawnCollect(command!, args, process.env, timeoutMs);
	if (code !== 0) throw new Error(`cpu bursts exited ${code}: ${stderr.trim()}`);
	return JSON.parse(stdout) as CpuBurstResult;
}

/**
 * The burst: busy until the thread has used `ms` of CPU (its own
 * `/proc/thread-self/schedstat` run time; wall time where that file is
 * absent), so on a loaded machine or a shared core a burst is still `ms` of
 * work, only spread over a longer wall span, which is what is stamped.
 */
const BURNER = `
const {parentPort} = require('node:worker_threads');
const {readFileSync} = require('node:fs');
const clock = () => performance.timeOrigin + performance.now();
let cpuNs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
try { if (!Number.isFinite(cpuNs())) throw new Error(); } catch { cpuNs = () => clock() * 1e6; }
parentPort.on('message', (ms) => {
	const start = clock();
	const cpu0 = cpuNs();
	while (cpuNs() - cpu0 < ms * 1e6) {}
	parentPort.postMessage({start, end: clock(), cpuMs: (cpuNs() - cpu0) / 1e6});
});`;

/** A duty-cycled busy thread: `busyMs` of CPU every `everyMs` until terminated. */
const BACKGROUND = `
const {workerData} = require('node:worker_threads');
const {busyMs, everyMs} = workerData;
const tick = () => {
	const start = performance.now();
	while (performance.now() - start < busyMs) {}
	setTimeout(tick, Math.max(0, everyMs - (performance.now() - start)));
};
tick();`;

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
	const burn = (ms: number): Promise<{start: number; end: number; cpuMs: number}> =>
		new Promise((resolve) => {
			worker.once('message', resolve);
			worker.postMessage(ms);
		});
	await burn(1);
	const background = options.background ? new Worker(BACKGROUND, {eval: true, workerData: options.background}) : undefined;
	const sampler = startSampler({
		intervalMs: options.intervalMs,
		clock: {now, setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout)},
		onSample: (reading) => apply(toSampleEvent(reading, phase)),
	});
	await sleep(options.warmupMs);
	const bursts: CpuBurst[] = [];
	let next = now();
	for (let i = 0; i < options.bursts; i++) {
		const ms = options.burstsMs[i % options.burstsMs.length]!;
		await sleep(Math.max(0, next - now()));
		const stamped = await burn(ms);
		bursts.push({start: toClock(stamped.start), end: toClock(stamped.end), ms, cpuMs: stamped.cpuMs});
		next = bursts.at(-1)!.end + options.periodMs + (((i * 37) % 101) / 100) * options.jitterMs;
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
	await background?.terminate();
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
		host: {
			os: process.platform,
			platform: process.platform,
			release: '',
			arch: process.arch,
			cpuModel: '',
			logicalCores: 0,
			totalMemoryBytes: 0,
			node: process.version,
			llamaCppRelease: 'none',
			engineBuild: 'unknown',
		},
		model: {ref: 'none', path: ''},
		config: {
			threads: 0,
			contextSize: 0,
			batchSize: 0,
			gpuLayers: 0,
			temperature: 0,
			topP: 1,
			maxTokens: 0,
			intervalMs,
			idleSeconds: 0,
			suite: 'bench-cpu-bursts',
		},
		criteria: [],
		suite: {name: 'bench-cpu-bursts', path: '', prompts: []},
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await child(JSON.parse(process.argv[2] ?? '{}') as CpuBurstOptions);
}
