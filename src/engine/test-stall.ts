/**
 * A test hook that stalls the decode loop: before chosen tokens of every
 * prompt, the engine's thread sleeps a chosen time, and the hook records when
 * the sleep really began and ended on the decode loop's own clock. The bench
 * (`bench/stalls.ts`) injects stalls into a running engine this way and checks
 * that llmtop's ITL spike detector finds them, and when.
 *
 * Off unless `LLMTOP_TEST_STALL` is set, read once by the engine worker:
 * `LLMTOP_TEST_STALL=INDEX:MS[,INDEX:MS...]` sleeps MS ms (fractions allowed)
 * before token INDEX (0-based, at least 1: the gap before it is the stall)
 * of every prompt. With `LLMTOP_TEST_STALL_LOG=FILE`, the records are written
 * to FILE as JSON lines when the engine is disposed (never during a prompt,
 * so writing costs no token any time). When unset, the decode loop pays one
 * `undefined` check per token.
 *
 * `LLMTOP_TEST_ABORT=INDEX` (alone or with stalls) raises SIGABRT
 * before token INDEX of the first prompt that reaches it: the process dies
 * mid-decode as on a native assertion (SIGABRT), for tests of what such a
 * death leaves behind.
 */
import {writeFileSync} from 'node:fs';

/** One planned stall: sleep `ms` before token `index`. */
export interface StallPlanEntry {
	index: number;
	ms: number;
}

/** One stall as it happened. Times are on the decode loop's clock (`DecodeLoopOptions.now`). */
export interface StallRecord {
	promptId: string;
	/** The token the stall came before. */
	index: number;
	/** Asked sleep, ms. */
	ms: number;
	/** Timestamp of token `index - 1`, as the loop gave it to `onToken`. */
	previousT: number;
	/** When the sleep began and ended. */
	start: number;
	end: number;
}

/** Called by the decode loop before the decode step of token `index`, after token `index - 1` (stamped `previousT`) was delivered. */
export type StallHook = (index: number, previousT: number) => void;

/** Thrown for a malformed `LLMTOP_TEST_STALL`. */
export class BadStallSpecError extends Error {
	constructor(
		readonly spec: string,
		reason: string,
	) {
		super(`LLMTOP_TEST_STALL='${spec}': ${reason} (expected INDEX:MS[,INDEX:MS...], INDEX >= 1, MS >= 0)`);
		this.name = 'BadStallSpecError';
	}
}

/** Parses `INDEX:MS[,INDEX:MS...]`; a later entry for the same index replaces an earlier one. */
export function parseStallSpec(spec: string): StallPlanEntry[] {
	const byIndex = new Map<number, number>();
	for (const part of spec.split(',')) {
		const item = part.trim();
		if (item === '') continue;
		const match = /^(\d+):(\d+(?:\.\d+)?)$/.exec(item);
		if (!match) throw new BadStallSpecError(spec, `'${item}' is not INDEX:MS`);
		const index = Number(match[1]);
		if (index < 1) throw new BadStallSpecError(spec, `index ${index}: the first token has no gap before it`);
		byIndex.set(index, Number(match[2]));
	}
	if (byIndex.size === 0) throw new BadStallSpecError(spec, 'no stalls');
	return [...byIndex].map(([index, ms]) => ({index, ms})).sort((a, b) => a.index - b.index);
}

/** Stalls for every prompt, and what they did. */
export interface TestStalls {
	/** The hook for one prompt. */
	forPrompt(promptId: string, now: () => number): StallHook;
	readonly records: readonly StallRecord[];
	/** Writes the records to the log file, when one was given. */
	flush(): void;
}

/**
 * The stalls of `plan`. The sleep blocks the calling thread (`Atomics.wait`,
 * sub-millisecond precision, no CPU used), as a descheduled engine thread would.
 */
export function createTestStalls(plan: readonly StallPlanEntry[], logPath?: string, abortAt?: number): TestStalls {
	const ms = new Map(plan.map((entry) => [entry.index, entry.ms]));
	const records: StallRecord[] = [];
	const cell = new Int32Array(new SharedArrayBuffer(4));
	return {
		records,
		forPrompt: (promptId, now) => (index, previousT) => {
			// process.abort() is refused in a worker; the signal is what a native abort raises.
			if (index === abortAt) process.kill(process.pid, 'SIGABRT');
			const sleep = ms.get(index);
			if (sleep === undefined) return;
			const start = now();
			if (sleep > 0) Atomics.wait(cell, 0, 0, sleep);
			records.push({promptId, index, ms: sleep, previousT, start, end: now()});
		},
		flush() {
			if (logPath) writeFileSync(logPath, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
		},
	};
}

/** The stalls `LLMTOP_TEST_STALL` and `LLMTOP_TEST_ABORT` ask for, or undefined when both are unset or empty. */
export function testStallsFromEnv(env: NodeJS.ProcessEnv = process.env): TestStalls | undefined {
	const spec = env.LLMTOP_TEST_STALL?.trim() ?? '';
	const abort = env.LLMTOP_TEST_ABORT?.trim() ?? '';
	if (spec === '' && abort === '') return undefined;
	if (abort !== '' && !/^[1-9]\d*$/.test(abort)) throw new BadStallSpecError(abort, 'LLMTOP_TEST_ABORT is not a token index >= 1');
	return createTestStalls(spec === '' ? [] : parseStallSpec(spec), env.LLMTOP_TEST_STALL_LOG || undefined, abort === '' ? undefined : Number(abort));
}
