import {readdirSync, readFileSync} from 'node:fs';
import os from 'node:os';
import {requireInteger} from './options.js';

/** One thread of this process and its nice value. */
export interface ThreadNice {
	tid: number;
	name: string;
	nice: number;
}

/** What {@link applyNice} did. */
export interface NiceReport {
	requested: number;
	/** `per-thread` on Linux (every task of `/proc/self/task`); `process` elsewhere. */
	method: 'per-thread' | 'process';
	/** Whether the JS main thread was niced too. */
	mainThread: boolean;
	/** Threads given the nice value. */
	applied: number[];
	/** Threads that refused (e.g. EACCES when lowering nice without privilege). */
	failed: {tid: number; error: string}[];
}

const TASK_DIR = '/proc/self/task';

/** Throws `BadOptionError` unless `n` is a nice value: a whole number from -20 to 19. */
export function requireNice(n: unknown): number {
	return requireInteger('nice', n, -20, 19);
}

/**
 * Name and nice value from the text of `/proc/<pid>/task/<tid>/stat`. The
 * name sits in parentheses and may itself hold spaces or parentheses, so
 * fields are counted from the last `)`: nice is field 19 of the file.
 */
export function parseStatNice(stat: string): {name: string; nice: number} | null {
	const open = stat.indexOf('(');
	const close = stat.lastIndexOf(')');
	if (open < 0 || close < open) return null;
	const fields = stat
		.slice(close + 1)
		.trim()
		.split(/\s+/);
	const nice = Number(fields[16]);
	if (!Number.isInteger(nice)) return null;
	return {name: stat.slice(open + 1, close), nice};
}

/** Every thread of this process with its nice value (Linux; empty elsewhere). */
export function readThreadNice(taskDir: string = TASK_DIR): ThreadNice[] {
	let tids: string[];
	try {
		tids = readdirSync(taskDir);
	} catch {
		return [];
	}
	const threads: ThreadNice[] = [];
	for (const entry of tids) {
		try {
			const parsed = parseStatNice(readFileSync(`${taskDir}/${entry}/stat`, 'utf8'));
			if (parsed != null) threads.push({tid: Number(entry), ...parsed});
		} catch {
			// The thread ended between listing and reading.
		}
	}
	return threads;
}

/**
 * Lowers (or raises) the priority of the process's threads to nice `n`.
 *
 * On Linux priority is per thread and a new thread inherits its creator's,
 * so every existing thread is set (`os.setPriority(tid, n)`): the libuv pool
 * threads that call llama.cpp then pass `n` on to the worker threads llama.cpp
 * starts for each decode step. The JS main thread (tid = pid) is left alone
 * unless `includeMainThread`: it stamps token times, runs the sampler and the
 * UI, and its share of CPU is small, so niceness there would mostly delay the
 * measurements (and every token, since it drives each decode step). Threads
 * created later by the main thread do not inherit `n`; call this again (the
 * engine does after each prompt). Elsewhere `os.setPriority(n)` sets the
 * whole process, best effort.
 */
export function applyNice(n: number, {includeMainThread = false}: {includeMainThread?: boolean} = {}): NiceReport {
	requireNice(n);
	if (process.platform !== 'linux') {
		const report: NiceReport = {requested: n, method: 'process', mainThread: true, applied: [], failed: []};
		try {
			os.setPriority(n);
			report.applied.push(process.pid);
		} catch (error) {
			report.failed.push({tid: process.pid, error: (error as Error).message});
		}
		return report;
	}
	const report: NiceReport = {requested: n, method: 'per-thread', mainThread: includeMainThread, applied: [], failed: []};
	for (const {tid, nice} of readThreadNice()) {
		if (tid === process.pid && !includeMainThread) continue;
		if (nice === n) {
			report.applied.push(tid);
			continue;
		}
		try {
			os.setPriority(tid, n);
			report.applied.push(tid);
		} catch (error) {
			const code = (error as {info?: {code?: string}}).info?.code ?? (error as NodeJS.ErrnoException).code;
			if (code !== 'ESRCH') report.failed.push({tid, error: (error as Error).message});
		}
	}
	return report;
}
