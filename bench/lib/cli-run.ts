/**
 * Runs the real `llmtop run` (the built CLI) headless in its own process and
 * reads back the report and events it wrote — the benchmarks measure the
 * product as users run it.
 */
import {dirname, join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {readReport} from '../../src/report/read-report.js';
import type {Report} from '../../src/report/types.js';
import {spawnCollect} from './spawn-collect.js';

/** Repository root (this file runs from `dist/bench/lib/`). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The built CLI. */
export const CLI = join(ROOT, 'dist', 'src', 'cli.js');

/** One CLI run. */
export interface CliRunOptions {
	/** Arguments after `run` (without `--report` / `--events`, added here). */
	args: string[];
	/** Where the report and events go. */
	dir: string;
	/** File name stem, unique within `dir`. */
	name: string;
	/** Extra environment. */
	env?: Record<string, string | undefined>;
	/** @default 300_000 */
	timeoutMs?: number;
}

/** What a run left behind. */
export interface CliRunResult {
	name: string;
	report: Report;
	reportPath: string;
	eventsPath: string;
	stdout: string;
	exitCode: number;
	wallMs: number;
}

/** Where a run named `name` writes its report and events in `dir`. */
export function runFiles(dir: string, name: string): {reportPath: string; eventsPath: string} {
	return {reportPath: join(dir, `${name}.json`), eventsPath: join(dir, `${name}.jsonl`)};
}

/**
 * Whether a run's exit code is a finished measurement: pass (0), fail (1) and
 * inconclusive (3) all are — a bench run with `--idle 0`, or one the
 * busy-machine rule held back, ends inconclusive with every figure measured.
 */
export function isMeasured(code: number | null): code is 0 | 1 | 3 {
	return code === 0 || code === 1 || code === 3;
}

/** Runs `llmtop run --headless ...` to completion; rejects when it did not finish a measurement. */
export async function runHeadless(options: CliRunOptions): Promise<CliRunResult> {
	const {reportPath, eventsPath} = runFiles(options.dir, options.name);
	const args = [CLI, 'run', '--headless', ...options.args, '--report', reportPath, '--events', eventsPath];
	const start = performance.now();
	const {code, stdout, stderr} = await spawnCollect(process.execPath, args, {...process.env, NO_COLOR: '1', ...options.env}, options.timeoutMs ?? 300_000);
	const wallMs = performance.now() - start;
	if (!isMeasured(code)) throw new Error(`llmtop ${options.name} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
	return {name: options.name, report: readReport(reportPath), reportPath, eventsPath, stdout, exitCode: code, wallMs};
}
