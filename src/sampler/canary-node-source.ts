/**
 * The Node canary, for machines without a C compiler: the same rule and
 * protocol as the C one (`canary-c-source.ts`), run with `node -e` (so it
 * works from `src/` under vitest and from `dist/`). It blocks in
 * `Atomics.wait` until each deadline instead of using timers: libuv timers
 * have 1 ms granularity and may fire early, and the event loop costs CPU.
 * Exits when the parent pid changes (checked every batch) or stdout breaks.
 */
export const CANARY_NODE_SOURCE = `'use strict';
const fs = require('node:fs');
const [periodUs, batch, parent] = process.argv.slice(1).map(Number);
if (!(periodUs > 0) || !(batch >= 1 && batch <= 1024)) process.exit(2);
if (process.ppid !== parent) process.exit(0);
const periodMs = periodUs / 1000;
const cell = new Int32Array(new SharedArrayBuffer(4));
const out = Buffer.alloc(batch * 4);
let n = 0;
let deadline = performance.now() + periodMs;
for (;;) {
	let now = performance.now();
	while (now < deadline) {
		Atomics.wait(cell, 0, 0, deadline - now);
		now = performance.now();
	}
	const late = now - deadline;
	out.writeUInt32LE(Math.min(4294967295, Math.floor(late * 1000)), n * 4);
	n++;
	deadline += periodMs * (Math.floor(late / periodMs) + 1);
	if (n === batch) {
		n = 0;
		if (process.ppid !== parent) process.exit(0);
		try {
			fs.writeSync(1, out);
		} catch (error) {
			if (error.code !== 'EAGAIN') process.exit(0);
		}
	}
}
`;
