/**
 * The memory read bandwidth of this machine: the ceiling a decode step runs
 * into, since generating one token reads (about) every weight once.
 *
 * What it measures: `Buffer.compare` of two equal buffers, i.e. libc's
 * `memcmp` (vectorised, native, no compiler needed), reads both buffers end
 * to end. One worker thread per logical core (at most {@link MAX_WORKERS})
 * compares its own pair of buffers, all starting together; the figure is the
 * bytes read by all of them over the wall time of the slowest, best of
 * {@link ROUNDS} rounds. The buffers (256 MiB in all) are far larger than any
 * CPU cache, so the figure is DRAM read bandwidth as ordinary code sees it —
 * a lower bound of the hardware's peak, and what llama.cpp's threads can get.
 * On a loaded machine the figure is lower: the cache file says when and
 * under what load it was measured; delete it to measure again.
 */
import {mkdirSync, readFileSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {Worker} from 'node:worker_threads';
import {writeFileAtomic} from '../files/atomic-file.js';
import type {MemoryBandwidthInfo} from '../run/decode-ceiling.js';

/** A measured memory read bandwidth. */
export interface MemoryBandwidth {
	/** Bytes per second: the better of all workers together and one thread alone (on a busy machine one thread can do better). */
	readBytesPerSec: number;
	/** Bytes per second read by one thread alone. */
	singleThreadBytesPerSec: number;
	/** Worker threads of the all-core figure. */
	threads: number;
	/** What was measured, in words (shown in reports). */
	method: string;
	/** When (ISO time). */
	measuredAt: string;
	/** The host it was measured on (cpu model, cores, memory): a different key measures again. */
	hostKey: string;
}

/** Total bytes of the buffers all workers compare (two per worker). */
export const TOTAL_BUFFER_BYTES = 256 * 1024 * 1024;
/** Rounds of the measurement; the best counts. */
export const ROUNDS = 3;
/** Most worker threads used. */
export const MAX_WORKERS = 16;

const METHOD = 'memcmp (Buffer.compare) of two equal buffers per thread, 256 MiB in all, one thread per core, best of 3';

const WORKER_SOURCE = `'use strict';
const {parentPort, workerData} = require('node:worker_threads');
const a = Buffer.alloc(workerData.bytes, 1);
const b = Buffer.alloc(workerData.bytes, 1);
Buffer.compare(a, b);
parentPort.on('message', (passes) => {
	if (passes === 0) return process.exit(0);
	for (let i = 0; i < passes; i++) if (Buffer.compare(a, b) !== 0) throw new Error('buffers differ');
	parentPort.postMessage(passes * 2 * workerData.bytes);
});
parentPort.postMessage(0);
`;

/** Measures now (about a second; allocates {@link TOTAL_BUFFER_BYTES}). */
export async function measureReadBandwidth(hostKey: string = currentHostKey()): Promise<MemoryBandwidth> {
	const threads = Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
	const all = await bestRate(threads, TOTAL_BUFFER_BYTES / 2 / threads);
	const single = threads === 1 ? all : await bestRate(1, TOTAL_BUFFER_BYTES / 4);
	return {readBytesPerSec: Math.max(all, single), singleThreadBytesPerSec: single, threads, method: METHOD, measuredAt: new Date().toISOString(), hostKey};
}

/** Best bytes/s of `threads` workers comparing `bytes`-sized pairs together. */
async function bestRate(threads: number, bytes: number): Promise<number> {
	const workers = Array.from({length: threads}, () => new Worker(WORKER_SOURCE, {eval: true, workerData: {bytes: Math.floor(bytes)}}));
	try {
		await Promise.all(workers.map((worker) => nextMessage(worker)));
		let best = 0;
		for (let round = 0; round < ROUNDS; round++) {
			const start = process.hrtime.bigint();
			const read = await Promise.all(
				workers.map((worker) => {
					const done = nextMessage(worker);
					worker.postMessage(2);
					return done;
				}),
			);
			const seconds = Number(process.hrtime.bigint() - start) / 1e9;
			best = Math.max(best, read.reduce((sum, value) => sum + value, 0) / seconds);
		}
		return best;
	} finally {
		await Promise.all(workers.map((worker) => worker.terminate()));
	}
}

function nextMessage(worker: Worker): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: Error): void => reject(error);
		worker.once('error', onError);
		worker.once('message', (value: number) => {
			worker.off('error', onError);
			resolve(value);
		});
	});
}

/** The host a measurement belongs to: CPU model, logical cores, total memory. */
export function currentHostKey(): string {
	return `${os.cpus()[0]?.model.trim() ?? 'unknown'}|${os.availableParallelism()}|${os.totalmem()}`;
}

/** `$LLMTOP_CACHE_DIR/host`, else `$XDG_CACHE_HOME/llmtop/host`, else `~/.cache/llmtop/host`. */
export function hostCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	const root = env['LLMTOP_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(os.homedir() || os.tmpdir(), '.cache'), 'llmtop');
	return join(root, 'host');
}

/** The cached measurement of this host, if there is a readable one for it. */
export function readCachedBandwidth(file: string, hostKey: string = currentHostKey()): MemoryBandwidth | undefined {
	try {
		const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<MemoryBandwidth>;
		const ok =
			parsed.hostKey === hostKey &&
			typeof parsed.readBytesPerSec === 'number' &&
			parsed.readBytesPerSec > 0 &&
			typeof parsed.singleThreadBytesPerSec === 'number';
		return ok ? (parsed as MemoryBandwidth) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * This host's bandwidth: from the cache (`host/memory-bandwidth.json`), else
 * measured and cached. Resolves undefined (never rejects) when it can be
 * neither read nor measured; a cache that cannot be written only costs a
 * measurement next time.
 */
export async function hostBandwidth(options: {cacheDir?: string} = {}): Promise<MemoryBandwidth | undefined> {
	const dir = options.cacheDir ?? hostCacheDir();
	const file = join(dir, 'memory-bandwidth.json');
	const cached = readCachedBandwidth(file);
	if (cached) return cached;
	let measured: MemoryBandwidth;
	try {
		measured = await measureReadBandwidth();
	} catch {
		return undefined;
	}
	try {
		mkdirSync(dir, {recursive: true});
		writeFileAtomic(file, `${JSON.stringify(measured, null, '\t')}\n`);
	} catch {
		// an unwritable cache: measured again next time
	}
	return measured;
}

/** A measurement as a report carries it (without the cache's host key). */
export function bandwidthInfo({readBytesPerSec, singleThreadBytesPerSec, threads, method, measuredAt}: MemoryBandwidth): MemoryBandwidthInfo {
	return {readBytesPerSec, singleThreadBytesPerSec, threads, method, measuredAt};
}
