/**
 * Is the machine quiet enough for the next measured run? Reads, over a short
 * window, the CPU the rest of the machine uses (`/proc/stat` busy time minus
 * this process's own) and the CPU pressure (`/proc/pressure/cpu` `some`: the
 * share of the window some task waited for a CPU). Linux only; elsewhere both
 * figures are `null` and the machine counts as quiet (nothing to tell). The
 * thresholds live in `src/run/quiet.ts`, shared with a run's busy-machine check.
 */
import {readFileSync} from 'node:fs';
import os from 'node:os';
import {parseProcStatCpu} from './proc-parse.js';
import {parsePsi} from './psi.js';
import type {SystemCpuTimes} from './types.js';

/** What one check measured. */
export interface QuietReading {
	/** CPU of every other process over the window, % of the machine; `null` when unknown. */
	othersCpuPct: number | null;
	/** Share of the window some task waited for a CPU (PSI `some`), %; `null` without PSI. */
	pressurePct: number | null;
	/** PSI `some avg10` at the end of the window (information: it lags by seconds). */
	pressureAvg10: number | null;
	windowMs: number;
}

export {isQuiet, QUIET_THRESHOLDS, type QuietThresholds} from '../run/quiet.js';

/** Measures the machine over `windowMs` (default 1000). Never rejects. */
export async function readQuiet(windowMs = 1000): Promise<QuietReading> {
	const before = snapshot();
	await new Promise((resolve) => setTimeout(resolve, windowMs));
	const after = snapshot();
	const elapsedMs = Number(after.at - before.at) / 1e6;
	let othersCpuPct: number | null = null;
	if (before.cpu && after.cpu && after.cpu.total > before.cpu.total) {
		const ticksPerCpuMs = (after.cpu.total - before.cpu.total) / (elapsedMs * Math.max(1, os.cpus().length));
		const ownTicks = ((after.ownUs - before.ownUs) / 1000) * ticksPerCpuMs;
		othersCpuPct = Math.max(0, ((after.cpu.busy - before.cpu.busy - ownTicks) / (after.cpu.total - before.cpu.total)) * 100);
	}
	const pressurePct = before.psiUs !== null && after.psiUs !== null ? Math.min(100, ((after.psiUs - before.psiUs) / 1000 / elapsedMs) * 100) : null;
	return {othersCpuPct, pressurePct, pressureAvg10: after.psiAvg10, windowMs: elapsedMs};
}

interface Snapshot {
	at: bigint;
	cpu: SystemCpuTimes | null;
	ownUs: number;
	psiUs: number | null;
	psiAvg10: number | null;
}

function snapshot(): Snapshot {
	const usage = process.cpuUsage();
	const psi = readText('/proc/pressure/cpu');
	const parsed = psi === null ? null : parsePsi(psi);
	const some = parsed?.kind === 'ok' ? parsed.some : null;
	return {at: process.hrtime.bigint(), cpu: readCpu(), ownUs: usage.user + usage.system, psiUs: some?.totalUs ?? null, psiAvg10: some?.avg10 ?? null};
}

function readCpu(): SystemCpuTimes | null {
	if (os.platform() !== 'linux') return null;
	const text = readText('/proc/stat');
	if (text === null) return null;
	const buf = Buffer.from(text);
	const out: SystemCpuTimes = {busy: 0, total: 0};
	return parseProcStatCpu(buf, buf.length, out) ? out : null;
}

function readText(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}
