/**
 * The sampler's own cost per source at 10 Hz, and the canary's CPU, measured
 * side by side: every configuration runs at the same time in its own process
 * (so each figure is the CPU of a whole process that does nothing else), over
 * the same window. Run after `tsc`: `node dist/bench/sampler.js [seconds]`.
 */
import fs from 'node:fs';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {
	createPortableProbes,
	createProcessTreeProbes,
	openMachineProbes,
	ownPageSize,
	ProcessTree,
	openPsi,
	parseMeminfo,
	parseProcStatCpu,
	parseSchedstatNs,
	parseStatmResidentPages,
	realClock,
	startCanary,
	startSampler,
	summarizeLateness,
	type Canary,
	type LatenessSummary,
	type SampleSource,
	type SamplerClock,
	type SamplerProbes,
} from '../src/sampler/index.js';
import {spawnCollect} from './lib/spawn-collect.js';

/** One sampling configuration's cost. */
export interface SourceCost {
	name: string;
	/** CPU of the whole process over the window, % of one core. */
	cpuPctOfCore: number;
	/** Time spent in tick callbacks over the window, % of one core (the sampler's own work, without Node's baseline). */
	tickWorkPctOfCore: number;
	/** Work per tick (timer callback), µs. */
	tickMedianUs: number;
	tickMaxUs: number;
	ticks: number;
}

/** One canary's cost and what it saw. */
export interface CanaryCost {
	impl: string;
	fallbackReason?: string;
	/** % of one core over the window. */
	cpuPctOfCore: number | undefined;
	lateness: LatenessSummary;
}

export interface SamplerBenchResult {
	seconds: number;
	intervalMs: number;
	sources: SourceCost[];
	canaries: CanaryCost[];
}

const CONFIGS = {
	'node idle (no timer)': null,
	'timer only (10 Hz setTimeout on the grid)': 'timer',
	'sampler, constant probes': 'sampler-null',
	'portable: cpuUsage + rss() + os.cpus() + os mem': 'portable',
	'linux, readFileSync: /proc/stat + meminfo + statm + schedstat': 'linux-readfile',
	'linux, pread (default, own process): /proc/stat + meminfo + self statm + stat + schedstat + maxRSS': 'linux',
	'linux, pread, own PID walked as a daemon tree: every task schedstat + children': 'tree-walk',
	'linux default + PSI': 'linux-psi',
	'systeminformation currentLoad() + mem()': 'si',
} as const;

type ConfigId = Exclude<(typeof CONFIGS)[keyof typeof CONFIGS], null> | 'idle';

/** Runs every configuration side by side for `seconds` at `intervalMs`, with both canaries alongside. */
export async function benchSampler(options: {seconds?: number; intervalMs?: number} = {}): Promise<SamplerBenchResult> {
	const seconds = options.seconds ?? 10;
	const intervalMs = options.intervalMs ?? 100;
	const self = fileURLToPath(import.meta.url);
	const runs = Object.entries(CONFIGS).map(([name, id]) => runChild(self, name, id ?? 'idle', seconds, intervalMs));
	const canaries = await Promise.all([startCanary({impl: 'auto'}), startCanary({impl: 'node'})]);
	const lateness = canaries.map(() => [] as number[]);
	const warmup = 1000;
	await sleep(warmup);
	canaries.forEach((canary) => canary.prime());
	await sleep(seconds * 1000);
	const canaryCosts = canaries.map((canary, i): CanaryCost => {
		const cpu = canary.cpuPct();
		lateness[i]!.push(...canary.drain());
		const cost: CanaryCost = {impl: canary.impl, cpuPctOfCore: cpu, lateness: summarizeLateness(lateness[i]!)};
		if (canary.fallbackReason) cost.fallbackReason = canary.fallbackReason;
		return cost;
	});
	await Promise.all(canaries.map((canary: Canary) => canary.stop()));
	return {seconds, intervalMs, sources: await Promise.all(runs), canaries: canaryCosts};
}

async function runChild(script: string, name: string, id: ConfigId, seconds: number, intervalMs: number): Promise<SourceCost> {
	const {code, stdout, stderr} = await spawnCollect(process.execPath, [script, '--child', id, String(seconds), String(intervalMs)], process.env);
	if (code !== 0) throw new Error(`${name}: child exited with ${code}: ${stderr.trim()}`);
	return {name, ...(JSON.parse(stdout) as Omit<SourceCost, 'name'>)};
}

/** Child side: run one configuration, print its cost as JSON. */
async function child(id: ConfigId, seconds: number, intervalMs: number): Promise<void> {
	const tickUs: number[] = [];
	const clock: SamplerClock = {
		...realClock,
		setTimer(fn, delayMs) {
			return realClock.setTimer(() => {
				const start = performance.now();
				fn();
				tickUs.push((performance.now() - start) * 1000);
			}, delayMs);
		},
	};
	const stop = await startConfig(id, clock, intervalMs);
	const keepAlive = setInterval(() => {}, 60_000);
	await sleep(1000);
	tickUs.length = 0;
	const before = process.cpuUsage();
	const t0 = performance.now();
	await sleep(seconds * 1000);
	const used = process.cpuUsage(before);
	const elapsed = performance.now() - t0;
	stop();
	clearInterval(keepAlive);
	const sorted = tickUs.sort((a, b) => a - b);
	const result: Omit<SourceCost, 'name'> = {
		cpuPctOfCore: ((used.user + used.system) / 1000 / elapsed) * 100,
		tickWorkPctOfCore: (sorted.reduce((a, b) => a + b, 0) / 1000 / elapsed) * 100,
		tickMedianUs: sorted[Math.floor(sorted.length / 2)] ?? 0,
		tickMaxUs: sorted[sorted.length - 1] ?? 0,
		ticks: sorted.length,
	};
	process.stdout.write(JSON.stringify(result));
}

async function startConfig(id: ConfigId, clock: SamplerClock, intervalMs: number): Promise<() => void> {
	const sink = (): void => {};
	switch (id) {
		case 'idle':
			return () => {};
		case 'timer': {
			let stopped = false;
			const origin = clock.now();
			let slot = 0;
			const tick = (): void => {
				if (stopped) return;
				slot = Math.max(slot + 1, Math.floor((clock.now() - origin) / intervalMs) + 1);
				clock.setTimer(tick, origin + slot * intervalMs - clock.now());
			};
			tick();
			return () => (stopped = true);
		}
		case 'sampler-null': {
			const probes: SamplerProbes = {processCpuUs: () => 0, rssBytes: () => 0, systemCpu: () => ({busy: 0, total: 1})};
			return samplerStop({intervalMs, clock, probes, onSample: sink});
		}
		case 'portable':
			return samplerStop({intervalMs, clock, probes: createPortableProbes(), onSample: sink});
		case 'tree-walk':
			return samplerStop({intervalMs, clock, probes: walkedOwnTree(), onSample: sink});
		case 'linux':
		case 'linux-psi': {
			const probes = createProcessTreeProbes({pid: process.pid});
			const sources: SampleSource[] = [];
			if (id === 'linux-psi') {
				const psi = openPsi();
				if (psi.available) sources.push(psi.source);
			}
			return samplerStop({intervalMs, clock, probes, sources, onSample: sink});
		}
		case 'linux-readfile':
			return samplerStop({intervalMs, clock, probes: readFileProbes(), onSample: sink});
		case 'si': {
			const si = (await import('systeminformation')).default;
			let stopped = false;
			const tick = (): void => {
				if (stopped) return;
				void Promise.all([si.currentLoad(), si.mem()]).then(() => clock.setTimer(tick, intervalMs));
			};
			tick();
			return () => (stopped = true);
		}
	}
}

function samplerStop(options: Parameters<typeof startSampler>[0]): () => void {
	const sampler = startSampler(options);
	return () => sampler.stop();
}

/**
 * This process sampled the way a daemon's PID is (every thread's schedstat,
 * each task's children), to weigh the walk against the own-process counters
 * the in-process engine uses.
 */
function walkedOwnTree(): SamplerProbes {
	const machine = openMachineProbes();
	if (!machine) throw new Error('no /proc');
	const tree = ProcessTree.open(process.pid, ownPageSize());
	let cpuNs = 0;
	let rss = 0;
	return {
		processCpuUs() {
			const reading = tree.read();
			cpuNs = reading.cpuNs;
			rss = reading.rssBytes;
			return cpuNs / 1000;
		},
		rssBytes: () => rss,
		systemCpu: () => machine.systemCpu(),
		...(machine.systemMemUsedBytes ? {systemMemUsedBytes: machine.systemMemUsedBytes} : {}),
		close() {
			tree.close();
			machine.close();
		},
	};
}

/** The Linux sources read the naive way: `readFileSync` (open, read, close, allocate) every tick. */
function readFileProbes(): SamplerProbes {
	const times = {busy: 0, total: 0};
	const mem = {totalBytes: 0, availableBytes: 0};
	const read = (path: string): Buffer => fs.readFileSync(path);
	const pid = process.pid;
	return {
		processCpuUs: () => {
			const usage = process.cpuUsage();
			return usage.user + usage.system;
		},
		rssBytes: () => {
			const buf = read('/proc/self/statm');
			return parseStatmResidentPages(buf, buf.length) * 4096;
		},
		systemCpu: () => {
			const buf = read('/proc/stat');
			parseProcStatCpu(buf, buf.length, times);
			return times;
		},
		systemMemUsedBytes: () => {
			const buf = read('/proc/meminfo');
			parseMeminfo(buf, buf.length, mem);
			return mem.totalBytes - mem.availableBytes;
		},
		observerCpuNs: () => {
			const buf = read(`/proc/self/task/${pid}/schedstat`);
			return parseSchedstatNs(buf, buf.length);
		},
	};
}

function format(result: SamplerBenchResult): string {
	const lines = [`sampler cost, ${1000 / result.intervalMs} Hz, ${result.seconds} s, all side by side (% of one core: whole process; in tick callbacks)`];
	for (const s of result.sources) {
		lines.push(
			`  ${s.cpuPctOfCore.toFixed(2).padStart(6)} %  ticks ${s.tickWorkPctOfCore.toFixed(3).padStart(6)} %, median ${s.tickMedianUs.toFixed(0).padStart(5)} µs, max ${s.tickMaxUs.toFixed(0).padStart(6)} µs  ${s.name}`,
		);
	}
	lines.push('canaries (10 ms period):');
	for (const c of result.canaries) {
		const l = c.lateness;
		lines.push(
			`  ${c.impl.padEnd(4)} cpu ${c.cpuPctOfCore?.toFixed(2) ?? 'n/a'} % of a core; lateness n=${l.count} p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms, max ${l.max.toFixed(3)} ms${c.fallbackReason ? ` (fallback: ${c.fallbackReason})` : ''}`,
		);
	}
	return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	if (process.argv[2] === '--child') {
		await child(process.argv[3] as ConfigId, Number(process.argv[4]), Number(process.argv[5]));
	} else {
		const seconds = Number(process.argv[2] ?? 10);
		const result = await benchSampler({seconds});
		console.log(format(result));
		if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
	}
}
