/**
 * The figures the benchmarks compare, taken from one llmtop report (or one
 * bare-loop process) the same way on both sides: per-generation figures are
 * medians over the run's generations.
 */
import type {Report} from '../../src/report/types.js';
import type {RunEvent} from '../../src/run/events.js';
import {maxWindowCpu} from './cpu-window.js';
import type {BareProcessResult} from './bare-run.js';
import {median} from './stats.js';

/** One run's figures; `null` where the run had no such data. */
export interface RunFigures {
	/** Median over generations of (output tokens - 1) / (E2E - TTFT), tokens/s. */
	decodeTokPerSec: number | null;
	/** Median TTFT over warm generations (all when there is only one), ms. */
	ttftMs: number | null;
	/** Median over generations of each generation's ITL p50 / p99, ms. */
	itlP50Ms: number | null;
	itlP99Ms: number | null;
	/** Run-level ITL p99 / p50 over every gap. */
	itlP99OverP50: number | null;
	outputTokens: number;
	promptTokens: number | null;
	/** Prompt tokens / TTFT (prefill plus the first token), tokens/s. */
	prefillTokPerSec?: number | null;
	/** Process CPU while prompts run, % of the machine. */
	cpuActiveMean?: number | null;
	cpuActiveP99?: number | null;
	/** Highest process CPU over any 1 s window while prompts run (from the events), % of the machine. */
	cpuWindowMax1s?: number | null;
	/** The same over any 200 ms window (two 100 ms sampling intervals: a whole multiple of the cap's window). */
	cpuWindowMax200ms?: number | null;
	/** Highest single sample (one 100 ms interval: the cap's own window). */
	cpuActiveMax?: number | null;
	/** llmtop's own JS thread, % of the machine. */
	observerIdleMean?: number | null;
	observerActiveMean?: number | null;
	/** Canary lateness p99 while prompts run, ms. */
	canaryP99Ms?: number | null;
	/** Share of time some task waited for a CPU while prompts ran (PSI). */
	psiShare?: number | null;
	/** CPU spikes detected while idle (idle-before, idle-after). */
	idleCpuSpikes?: number;
	idleSeconds?: number;
	warnings?: string[];
	engineBuild?: string;
	engineVariant?: string | undefined;
}

/** Figures of an llmtop run (`events`, when given, add the 1 s window CPU). */
export function reportFigures(report: Report, events?: readonly RunEvent[]): RunFigures {
	const ok = report.prompts.filter((p) => p.status === 'ok');
	const warm = ok.filter((p) => !p.cold);
	const m = report.metrics;
	const idleSpikes = m.spikes.items.filter((s) => s.metric === 'cpu' && (s.phase === 'idle-before' || s.phase === 'idle-after'));
	return {
		decodeTokPerSec: median(ok.map((p) => p.decodeTokensPerSec)),
		ttftMs: median((warm.length > 0 ? warm : ok).map((p) => p.ttftMs)),
		itlP50Ms: median(ok.map((p) => p.itlMs.p50)),
		itlP99Ms: median(ok.map((p) => p.itlMs.p99)),
		itlP99OverP50: m.itl.p99OverP50,
		outputTokens: ok.reduce((sum, p) => sum + p.outputTokens, 0),
		promptTokens: ok[0]?.promptTokens ?? null,
		prefillTokPerSec: prefillRate(ok[0]?.promptTokens, median((warm.length > 0 ? warm : ok).map((p) => p.ttftMs))),
		cpuActiveMean: m.cpu.active.mean,
		cpuActiveP99: m.cpu.active.p99,
		cpuWindowMax1s: events ? maxWindowCpu(events, 'prompts', 1000) : null,
		cpuWindowMax200ms: events ? maxWindowCpu(events, 'prompts', 200) : null,
		cpuActiveMax: m.cpu.active.max,
		observerIdleMean: m.observerCpu.idle.mean,
		observerActiveMean: m.observerCpu.active.mean,
		canaryP99Ms: m.canary?.phases.prompts?.p99 ?? null,
		psiShare: m.psi?.prompts?.share ?? null,
		idleCpuSpikes: idleSpikes.length,
		idleSeconds: (m.cpu.idle.samples * report.config.intervalMs) / 1000,
		warnings: report.warnings.map((w) => w.code),
		engineBuild: report.host.engineBuild,
		engineVariant: report.host.engineVariant,
	};
}

/** Figures of a bare-loop process. */
export function bareFigures(result: BareProcessResult): RunFigures {
	const runs = result.runs;
	const warm = runs.slice(1);
	return {
		decodeTokPerSec: median(runs.map((r) => r.decodeTokensPerSec)),
		ttftMs: median((warm.length > 0 ? warm : runs).map((r) => r.ttftMs)),
		itlP50Ms: median(runs.map((r) => r.itlP50Ms)),
		itlP99Ms: median(runs.map((r) => r.itlP99Ms)),
		itlP99OverP50: null,
		outputTokens: runs.reduce((sum, r) => sum + r.outputTokens, 0),
		promptTokens: runs[0]?.promptTokens ?? null,
		prefillTokPerSec: prefillRate(runs[0]?.promptTokens, median((warm.length > 0 ? warm : runs).map((r) => r.ttftMs))),
		engineBuild: result.buildType,
	};
}

/** Prompt tokens / TTFT in tokens/s; null when either is missing. */
export function prefillRate(promptTokens: number | null | undefined, ttftMs: number | null | undefined): number | null {
	return promptTokens == null || ttftMs == null || !(ttftMs > 0) ? null : (promptTokens * 1000) / ttftMs;
}
