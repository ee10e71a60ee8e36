/**
 * The sweep: every configuration one after another, each in a child process;
 * a configuration whose complete report is already in the folder is not run
 * again; between runs, a wait for a quiet machine; after each, `sweep.json`
 * and `sweep.md` rewritten (atomically), so an interrupted sweep keeps every
 * finished configuration.
 */
import {existsSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {writeFileAtomic} from '../files/atomic-file.js';
import {readReport} from '../report/read-report.js';
import type {Report} from '../report/types.js';
import type {MemoryBandwidthInfo} from '../run/decode-ceiling.js';
import {runChild, type ChildOutcome} from './child-run.js';
import {configId, configLabel, variedLevers} from './config-id.js';
import {criteriaOfReport, figuresOfReport, notJudged, statusOfReport} from './judge.js';
import type {LiveFigures} from './live-figures.js';
import {summarise, summaryMarkdown, type SweepSummary} from './summary.js';
import type {ConfigResult, QuietNote, SweepConfig} from './types.js';

/** `sweep.json` or `sweep.md` could not be written (full disk, a folder gone): the sweep stops, exit 2. */
export class SweepOutputError extends Error {
	override name = 'SweepOutputError';
	constructor(
		readonly path: string,
		readonly code: string | undefined,
	) {
		super(
			`cannot write ${path}: ${code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'read-only file system' : code === 'ENOENT' ? 'the folder is gone' : (code ?? 'write failed')}`,
		);
	}
}

/** One reading of how busy the machine is (see `src/sampler/quiet-check.ts`). */
export interface QuietSample {
	quiet: boolean;
	othersCpuPct: number | null;
	pressurePct: number | null;
}

/** What the sweep runs. */
export interface SweepPlan {
	outDir: string;
	/** Normalised configurations (defaults filled in), in run order. */
	configs: readonly SweepConfig[];
	/** Run flags every configuration shares (part of each id). */
	shared: readonly string[];
	/** More that makes a run what it is without being a flag (the criteria file's content hash): part of each id. */
	idSalt?: readonly string[];
	/** The command that starts `llmtop`. */
	command: readonly string[];
	/** Seconds to wait for a quiet machine before each run; 0 = check once. */
	quietWaitS: number;
	bandwidth: MemoryBandwidthInfo | null;
	env?: NodeJS.ProcessEnv;
}

/** Where the sweep is, for the progress view. */
export interface SweepProgress {
	total: number;
	/** Configurations finished (run or reused). */
	done: number;
	/** Every configuration, `not-run` until its turn. */
	results: ConfigResult[];
	/** The configuration running now. */
	current: {index: number; id: string; label: string; phase: 'waiting-quiet' | 'running'; live: LiveFigures | null; startedAt: number} | null;
	/** Estimated time left, ms (`null` until a configuration has run). */
	etaMs: number | null;
}

/** Hooks of a sweep. */
export interface SweepHooks {
	onProgress?: (progress: SweepProgress) => void;
	/** Measures the machine (about a second). @default always quiet */
	readQuiet?: () => Promise<QuietSample>;
	/** Aborting stops the running child and ends the sweep (finished configurations are kept). */
	signal?: AbortSignal;
	now?: () => number;
}

/** The sweep's outcome. */
export interface SweepOutcome {
	summary: SweepSummary;
	interrupted: boolean;
}

/** File names of a configuration's outputs in the sweep folder. */
export function outputNames(id: string): {report: string; events: string} {
	return {report: `${id}.report.json`, events: `${id}.events.jsonl`};
}

/** Runs the sweep. Throws {@link SweepOutputError} when its own files cannot be written. */
export async function runSweep(plan: SweepPlan, hooks: SweepHooks = {}): Promise<SweepOutcome> {
	const now = hooks.now ?? Date.now;
	const startedAt = new Date(now()).toISOString();
	const varied = variedLevers(plan.configs);
	const results: ConfigResult[] = plan.configs.map((config) => pendingResult(config, [...plan.shared, ...(plan.idSalt ?? [])], varied));
	const earlier = earlierResults(join(plan.outDir, 'sweep.json'));
	const ranMs: number[] = [];
	let current: SweepProgress['current'] = null;
	const progress = (): void => {
		const done = results.filter((result) => result.status !== 'not-run').length;
		const mean = ranMs.length > 0 ? ranMs.reduce((a, b) => a + b, 0) / ranMs.length : null;
		const left = results.length - done - (current ? 1 : 0);
		const currentLeft = current && mean !== null ? Math.max(0, mean - (now() - current.startedAt)) : 0;
		hooks.onProgress?.({total: results.length, done, results: [...results], current, etaMs: mean === null ? null : left * mean + currentLeft});
	};
	const write = (complete: boolean): SweepSummary => {
		const summary = summarise({
			startedAt,
			finishedAt: complete ? new Date(now()).toISOString() : null,
			complete,
			shared: [...plan.shared],
			bandwidth: plan.bandwidth,
			configurations: results,
		});
		writeOutput(join(plan.outDir, 'sweep.json'), `${JSON.stringify(summary, null, '\t')}\n`);
		writeOutput(join(plan.outDir, 'sweep.md'), summaryMarkdown(summary));
		return summary;
	};

	write(false);
	for (let index = 0; index < results.length; index++) {
		const result = results[index]!;
		const paths = {report: join(plan.outDir, result.report), events: join(plan.outDir, result.events)};
		const reused = reusableReport(paths.report, result.config);
		if (reused) {
			results[index] = {...resultFromReport(result, reused), reused: true, quiet: earlier.get(result.id)?.quiet ?? null};
			progress();
			continue;
		}
		if (hooks.signal?.aborted) break;
		current = {index, id: result.id, label: result.label, phase: 'waiting-quiet', live: null, startedAt: now()};
		progress();
		const quiet = await waitForQuiet(plan.quietWaitS, hooks, now);
		if (hooks.signal?.aborted) break;
		current = {...current, phase: 'running', startedAt: now()};
		progress();
		rmSync(paths.report, {force: true});
		const outcome = await runChild({
			command: plan.command,
			config: result.config,
			shared: plan.shared,
			reportPath: paths.report,
			eventsPath: paths.events,
			...(plan.env ? {env: plan.env} : {}),
			...(hooks.signal ? {signal: hooks.signal} : {}),
			onLive: (live) => {
				if (current) current = {...current, live};
				progress();
			},
		});
		current = null;
		results[index] = {...resultOfChild(result, outcome, paths.report, hooks.signal?.aborted === true), quiet};
		if (!hooks.signal?.aborted) ranMs.push(outcome.durationMs);
		write(false);
		progress();
		if (hooks.signal?.aborted) break;
	}
	const interrupted = hooks.signal?.aborted === true && results.some((result) => result.status === 'not-run' || result.status === 'interrupted');
	const summary = write(!interrupted);
	return {summary, interrupted};
}

/** The configurations of an earlier `sweep.json` in the folder, by id (none when it is missing or unreadable). */
function earlierResults(path: string): Map<string, ConfigResult> {
	try {
		const parsed = JSON.parse(readFileSync(path, 'utf8')) as {configurations?: unknown};
		const list = Array.isArray(parsed.configurations) ? (parsed.configurations as ConfigResult[]) : [];
		return new Map(list.filter((item) => typeof item?.id === 'string').map((item) => [item.id, item]));
	} catch {
		return new Map();
	}
}

function pendingResult(config: SweepConfig, shared: readonly string[], varied: ReadonlySet<keyof SweepConfig>): ConfigResult {
	const id = configId(config, shared);
	return {
		id,
		label: configLabel(config, varied),
		config,
		status: 'not-run',
		reused: false,
		...outputNames(id),
		exitCode: null,
		error: null,
		durationMs: null,
		quiet: null,
		figures: null,
		criteria: [],
		notJudged: [],
	};
}

/** The complete report of the same configuration already in the folder, if there is one. */
export function reusableReport(path: string, config: SweepConfig): Report | undefined {
	if (!existsSync(path)) return undefined;
	let report: Report;
	try {
		report = readReport(path);
	} catch {
		return undefined;
	}
	if (!report.complete || report.endReason !== 'done') return undefined;
	const c = report.config;
	const same =
		report.model.ref === config.model &&
		c.threads === config.threads &&
		c.batchSize === config.batchSize &&
		c.contextSize === config.contextSize &&
		c['cpuCapPct'] === config.cpuCap &&
		c['nice'] === config.nice;
	return same ? report : undefined;
}

function resultFromReport(result: ConfigResult, report: Report): ConfigResult {
	const criteria = criteriaOfReport(report);
	return {...result, status: statusOfReport(report), figures: figuresOfReport(report), criteria, notJudged: notJudged(criteria), durationMs: report.durationMs};
}

function resultOfChild(result: ConfigResult, outcome: ChildOutcome, reportPath: string, aborted: boolean): ConfigResult {
	let report: Report | undefined;
	try {
		report = existsSync(reportPath) ? readReport(reportPath) : undefined;
	} catch {
		report = undefined;
	}
	const base = {...result, exitCode: outcome.exitCode, durationMs: outcome.durationMs};
	if (report && report.complete) return {...resultFromReport(base, report), durationMs: outcome.durationMs};
	if (aborted || outcome.exitCode === 130 || outcome.exitCode === 143) {
		return {...(report ? resultFromReport(base, report) : base), status: 'interrupted', durationMs: outcome.durationMs};
	}
	const why = outcome.lastError ?? (outcome.signal ? `killed by ${outcome.signal}` : `exited ${outcome.exitCode ?? '?'} without a report`);
	return {...base, status: 'failed', error: why};
}

async function waitForQuiet(waitS: number, hooks: SweepHooks, now: () => number): Promise<QuietNote | null> {
	if (!hooks.readQuiet) return null;
	const start = now();
	for (;;) {
		const sample = await hooks.readQuiet();
		const waitedMs = now() - start;
		if (sample.quiet || waitedMs >= waitS * 1000 || hooks.signal?.aborted) {
			return {quiet: sample.quiet, othersCpuPct: sample.othersCpuPct, pressurePct: sample.pressurePct, waitedMs};
		}
	}
}

function writeOutput(path: string, text: string): void {
	try {
		writeFileAtomic(path, text);
	} catch (error) {
		throw new SweepOutputError(path, (error as NodeJS.ErrnoException).code);
	}
}
