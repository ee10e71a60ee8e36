/**
 * How busy the machine was around a measurement: load averages and CPU
 * pressure (PSI `some`: share of time at least one task waited for a CPU),
 * read before and after, and the PSI share over exactly that window. Every
 * figure of the bench is reported beside these, so a reader can tell a
 * quiet sitting from a shared, loaded one.
 */
import {readFileSync} from 'node:fs';
import os from 'node:os';
import {performance} from 'node:perf_hooks';
import {parsePsi} from '../../src/sampler/psi.js';

/** One reading. */
export interface LoadReading {
	at: number;
	loadAverage: [number, number, number];
	/** PSI cpu `some` avg10 (%), and its cumulative stall µs; absent without `/proc/pressure/cpu`. */
	psiSomeAvg10?: number;
	psiSomeTotalUs?: number;
}

/** The machine's load over a window. */
export interface LoadWindow {
	before: LoadReading;
	after: LoadReading;
	/** Share of the window (%) some task waited for a CPU; null without PSI. */
	psiSomePct: number | null;
}

/** Reads the load now. */
export function readLoad(): LoadReading {
	const reading: LoadReading = {at: performance.now(), loadAverage: os.loadavg() as [number, number, number]};
	try {
		const psi = parsePsi(readFileSync('/proc/pressure/cpu', 'utf8'));
		if (psi.kind === 'ok') {
			reading.psiSomeAvg10 = psi.some.avg10;
			reading.psiSomeTotalUs = psi.some.totalUs;
		}
	} catch {
		// No PSI on this kernel or OS: load averages only.
	}
	return reading;
}

/** The window between two readings. */
export function loadWindow(before: LoadReading, after: LoadReading): LoadWindow {
	const ms = after.at - before.at;
	const psi =
		before.psiSomeTotalUs !== undefined && after.psiSomeTotalUs !== undefined && ms > 0
			? ((after.psiSomeTotalUs - before.psiSomeTotalUs) / 1000 / ms) * 100
			: null;
	return {before, after, psiSomePct: psi === null ? null : Math.min(100, Math.max(0, psi))};
}

/** `load 1.20 -> 0.80, PSI some 12 %` (or without PSI). */
export function formatLoad(window: LoadWindow): string {
	const load = `load ${window.before.loadAverage[0].toFixed(2)} -> ${window.after.loadAverage[0].toFixed(2)}`;
	return window.psiSomePct === null ? `${load}, no PSI` : `${load}, PSI cpu some ${window.psiSomePct.toFixed(0)} %`;
}

/** Whether a window was busy enough to call its figures noisy: PSI some >= 20 % or 1-min load >= the cores. */
export function isLoaded(window: LoadWindow, cores: number): boolean {
	const load = Math.max(window.before.loadAverage[0], window.after.loadAverage[0]);
	return (window.psiSomePct ?? 0) >= 20 || load >= cores;
}
