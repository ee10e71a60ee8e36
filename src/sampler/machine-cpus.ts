/**
 * The one definition of "the machine" behind every CPU percentage in llmtop
 * (process CPU samples, `--cpu-cap`, the CPU criteria, the spike margin):
 * the CPUs this process may run on — its scheduler affinity, as
 * `os.availableParallelism()` reports it (so `taskset -c 0` makes it 1) — or
 * the cgroup v2 CPU quota (`cpu.max` of the process's cgroup and its
 * ancestors) when that is lower, e.g. 1.5 for `150000 100000`.
 */
import fs from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';

/** The machine's CPUs as llmtop counts them, and where the count came from. */
export interface MachineCpus {
	/** CPUs = 100 % of every CPU figure; may be fractional under a quota. */
	count: number;
	source: 'affinity' | 'cgroup-quota';
	/** CPUs of the scheduler affinity. */
	affinity: number;
	/** The tightest cgroup v2 quota in CPUs, or `null` when there is none (or no cgroup v2). */
	quota: number | null;
}

/** Where {@link readMachineCpus} looks; injectable for tests. */
export interface MachineCpusSources {
	/** @default os.availableParallelism() */
	affinity?: number;
	/** Reads a file as text, throwing when it is absent. @default fs.readFileSync(path, 'utf8') */
	readText?: (path: string) => string;
	/** @default '/sys/fs/cgroup' */
	cgroupRoot?: string;
}

/** `cpu.max` content (`QUOTA PERIOD`, or `max PERIOD`) as CPUs; `null` for no limit or unreadable content. */
export function parseCpuMax(text: string): number | null {
	const [quota, period] = text.trim().split(/\s+/);
	if (quota === undefined || quota === 'max') return null;
	const q = Number(quota);
	const p = Number(period ?? 100_000);
	return Number.isFinite(q) && Number.isFinite(p) && q > 0 && p > 0 ? q / p : null;
}

/** The cgroup v2 path of this process (the `0::PATH` line of `/proc/self/cgroup`), or `null`. */
export function cgroupV2Path(procSelfCgroup: string): string | null {
	const line = procSelfCgroup.split('\n').find((candidate) => candidate.startsWith('0::'));
	return line === undefined ? null : line.slice(3).trim() || '/';
}

/** The tightest `cpu.max` quota along the cgroup path and its ancestors, in CPUs; `null` when none applies. */
export function cgroupQuota(sources: MachineCpusSources = {}): number | null {
	const read = sources.readText ?? ((path: string) => fs.readFileSync(path, 'utf8'));
	const root = sources.cgroupRoot ?? '/sys/fs/cgroup';
	let path: string | null;
	try {
		path = cgroupV2Path(read('/proc/self/cgroup'));
	} catch {
		return null;
	}
	if (path === null) return null;
	let tightest: number | null = null;
	const parts = path.split('/').filter(Boolean);
	for (let depth = parts.length; depth >= 0; depth--) {
		let quota: number | null = null;
		try {
			quota = parseCpuMax(read(join(root, ...parts.slice(0, depth), 'cpu.max')));
		} catch {
			// no cpu.max at this level (the root has none)
		}
		if (quota !== null && (tightest === null || quota < tightest)) tightest = quota;
	}
	return tightest;
}

/** Reads the machine's CPUs (see the module comment). Cheap: a few small files; read once per run. */
export function readMachineCpus(sources: MachineCpusSources = {}): MachineCpus {
	const affinity = Math.max(1, sources.affinity ?? os.availableParallelism());
	const quota = cgroupQuota(sources);
	if (quota !== null && quota < affinity) return {count: quota, source: 'cgroup-quota', affinity, quota};
	return {count: affinity, source: 'affinity', affinity, quota};
}
