/**
 * One `--load` worker, run with `node -e` as its own process at normal
 * priority: a fixed CPU-bound unit of work (xorshift steps with a
 * read-modify-write into a 256 KiB table, like a compiler's mix of integer
 * work and cache traffic) in a loop. Every ~10 ms it writes its completed
 * operations, twice as float64 (a torn read shows as a mismatch), at offset
 * `slot * 16` of fd 3, a file shared with the parent, which reads it at each
 * sample: no pipe, no wake-ups of the parent. It exits when its parent pid
 * changes (checked at each report) and on SIGTERM.
 * Args: slot, parent pid, steps per operation.
 */
export const LOAD_WORKER_SOURCE = `'use strict';
const fs = require('node:fs');
const [slot, parent, steps] = process.argv.slice(1).map(Number);
if (!(slot >= 0) || !(steps >= 1)) process.exit(2);
if (process.ppid !== parent) process.exit(0);
const table = new Int32Array(1 << 16);
const report = new Float64Array(2);
const reportBytes = new Uint8Array(report.buffer);
let x = (Math.imul(slot + 1, 0x9e3779b1) | 0) || 1;
let ops = 0;
let nextReport = 0;
for (;;) {
	for (let i = 0; i < steps; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		const j = x & 0xffff;
		table[j] = (table[j] + x) | 0;
	}
	ops++;
	const now = performance.now();
	if (now >= nextReport) {
		nextReport = now + 10;
		report[0] = ops;
		report[1] = ops;
		fs.writeSync(3, reportBytes, 0, 16, slot * 16);
		if (process.ppid !== parent) process.exit(0);
	}
}
`;

/** Steps per operation: about 1 ms of one core on the reference machine (2-core Zen 5 VM: ~1,000 ops/s per worker). */
export const LOAD_UNIT_STEPS = 500_000;
