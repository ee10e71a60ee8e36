import {accessSync, constants, existsSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {defaultThreads, type EngineOptions} from '../engine/index.js';
import {openEngineInWorker} from '../engine/remote-engine.js';
import {readReport} from '../report/read-report.js';
import type {Report} from '../report/types.js';
import {loadCriteriaFile} from '../run/criteria-file.js';
import {isStackOverflow} from '../run/yaml-limits.js';
import {defaultCriteria, noIdleWindowWarning} from '../run/criteria.js';
import type {HostInfo, RunConfig} from '../run/types.js';
import {bandwidthInfo, hostBandwidth} from '../sampler/bandwidth.js';
import {readHostInfo} from '../sampler/index.js';
import {builtinSuitePath, defaultSuitePath, gamedCeiling, loadSuite, selectPrompts, type Suite} from '../suite/index.js';
import type {FlagValue} from './args.js';
import {InputError, UsageError} from './errors.js';
import {FileError} from '../files/errors.js';
import {resolveOutputTarget} from '../files/output-target.js';
import {findPathConflict, type NamedPath} from '../files/path-conflicts.js';
import {INPUT_LIMITS, readTextInput} from '../files/read-input.js';
import {observerNice} from '../session/observer-priority.js';
import {toolVersion} from '../package-info.js';
import type {SessionOptions, SessionPlan} from '../session/session.js';
import {applyResolvedWaitPolicy} from '../engine/wait-policy.js';
import {endpointSetup} from './endpoint-setup.js';
import {soakPlanOf} from './soak-flags.js';
import {cachedModelFileName, isSyntheticRef, parseSyntheticRef, syntheticCacheDir} from '../synth/index.js';

/** The model `llmtop run` profiles when none is given: small enough for a one-minute default run. */
export const DEFAULT_MODEL = 'synthetic:smollm2-135m:Q8_0';

const DEFAULTS = {contextSize: 2048, batchSize: 512, topP: 0.95, maxTokens: 128, intervalMs: 100, idleSeconds: 5};

/** Everything `run`/`try` needs, checked before the model loads. */
export interface RunSetup {
	session: Omit<SessionOptions, 'onEvent' | 'sources'>;
	outputs: {report?: string; events?: string; learnings?: string};
	/** `--baseline`, read and checked. */
	baseline?: {path: string; report: Report};
	/** Warnings known before the run (the session emits them; sources add theirs). */
	warnings: {code: string; message: string}[];
}

/**
 * Turns parsed flags into the session's options. Every input that can be
 * checked before the model loads is checked here — suite, criteria file,
 * baseline report, output paths — so bad input fails in well under a second.
 */
export async function prepareRun(mode: 'run' | 'try', flags: Record<string, FlagValue | undefined>): Promise<RunSetup> {
	const flag = <T extends FlagValue>(name: string): T | undefined => flags[name] as T | undefined;
	const soak = mode === 'run' ? soakPlanOf(flags) : {};
	const suite = mode === 'run' ? loadRunSuite(flag<string>('suite')) : undefined;
	const tags = flag<string[]>('tags');
	const promptId = flag<string>('prompt');
	const prompts = suite ? selectPrompts(suite, {...(tags ? {tags} : {}), ...(promptId ? {promptId} : {})}) : [];
	const criteriaFile = flag<string>('criteria');
	const criteria = criteriaFile ? readCriteria(criteriaFile) : defaultCriteria();
	const baselinePath = flag<string>('baseline');
	const baseline = baselinePath ? {path: baselinePath, report: readReport(baselinePath)} : undefined;
	const outputs = {
		...optional('report', checkWritable(flag<string>('report'), 'report', true)),
		...optional('events', checkWritable(flag<string>('events'), 'events')),
		...optional('learnings', checkWritable(flag<string>('learnings'), 'learnings')),
	};
	const modelFlag = flag<string>('model');
	checkPathConflicts([
		...(modelFlag !== undefined && existsSync(modelFlag) ? [{flag: '--model', path: modelFlag, role: 'input' as const}] : []),
		...syntheticModelPath(modelFlag ?? DEFAULT_MODEL),
		...(suite ? [{flag: '--suite', path: suite.path, role: 'input' as const}] : []),
		...named('--criteria', criteriaFile, 'input'),
		...named('--baseline', baselinePath, 'input'),
		...named('--report', outputs.report, 'output'),
		...named('--events', outputs.events, 'output'),
		...named('--learnings', outputs.learnings, 'output'),
		...named('--html', flag<string>('html'), 'output'),
		...named('--junit', flag<string>('junit'), 'output'),
		...named('--summary-md', flag<string>('summary-md'), 'output'),
	]);

	const server = endpointSetup(flags, {
		model: DEFAULT_MODEL,
		threads: flag<number>('threads') ?? defaultThreads(),
		contextSize: flag<number>('context-size') ?? DEFAULTS.contextSize,
		batchSize: flag<number>('batch-size') ?? DEFAULTS.batchSize,
	});
	const facts = await readHostInfo();
	const bandwidth = await hostBandwidth();
	const host: HostInfo = {
		...facts,
		llamaCppRelease: 'unknown',
		engineBuild: 'unknown',
		...optional('memoryBandwidth', bandwidth && bandwidthInfo(bandwidth)),
	};
	const threads = checkThreads(flag<number>('threads'), facts.logicalCores) ?? defaultThreads();
	const maxTokensFlag = flag<number>('max-tokens');
	const build = (flag<string>('build') ?? 'prebuilt') as NonNullable<EngineOptions['build']>;
	const nice = flag<number>('nice');
	const cpuCapPct = flag<number>('cpu-cap');
	const load = flag<number>('load');
	const seed = flag<number>('seed');
	const config: RunConfig = {
		threads,
		contextSize: flag<number>('context-size') ?? DEFAULTS.contextSize,
		batchSize: flag<number>('batch-size') ?? DEFAULTS.batchSize,
		gpuLayers: flag<number>('gpu-layers') ?? 0,
		temperature: flag<number>('temperature') ?? suite?.defaults.temperature ?? 0,
		topP: flag<number>('top-p') ?? DEFAULTS.topP,
		maxTokens: maxTokensFlag ?? suite?.defaults.maxTokens ?? DEFAULTS.maxTokens,
		intervalMs: flag<number>('interval') ?? DEFAULTS.intervalMs,
		idleSeconds: flag<number>('idle') ?? DEFAULTS.idleSeconds,
		suite: suite?.path ?? 'try',
		...(server ? {} : {build}),
		...(server || build === 'prebuilt' ? {} : {waitPolicy: applyResolvedWaitPolicy(flag<string>('wait-policy'))}),
		...(seed === undefined ? {} : {seed}),
		...(nice === undefined ? {} : {nice}),
		...(cpuCapPct === undefined ? {} : {cpuCapPct}),
		...(load ? {loadWorkers: load} : {}),
		canary: !flag<boolean>('no-canary'),
		...optional('observerNice', observerNice(nice)),
		...(flag<boolean>('allow-busy') ? {allowBusy: true} : {}),
		...soak,
	};
	const modelRef = server ? (server.modelRef ?? server.target.url ?? 'endpoint') : (flag<string>('model') ?? DEFAULT_MODEL);
	const system = suite ? suite.system : flag<string>('system');
	const plan: SessionPlan = {
		mode,
		suite: {name: suite?.name ?? 'tryouts', path: suite?.path ?? 'try', ...(system ? {system} : {}), ...(suite ? {gamedCeiling: gamedCeiling(suite)} : {})},
		prompts,
		maxTokens: config.maxTokens,
		maxTokensForced: maxTokensFlag !== undefined,
	};
	const warnings: {code: string; message: string}[] = [];
	const noIdle = mode === 'run' ? noIdleWindowWarning(config.idleSeconds, criteria) : undefined;
	if (noIdle) warnings.push({code: 'no-idle-window', message: noIdle});
	if (host.psi === false) warnings.push({code: 'psi-unavailable', message: `CPU pressure (PSI) is not measured: ${host.psiReason ?? 'not available here'}`});
	return {
		session: {
			plan,
			config,
			criteria,
			host,
			modelRef,
			engineOptions: {
				model: modelRef,
				threads,
				contextSize: config.contextSize,
				batchSize: config.batchSize,
				gpuLayers: config.gpuLayers,
				build,
				...(nice === undefined ? {} : {nice}),
			},
			openEngine: server ? server.openEngine : openEngineInWorker,
			...(server ? {target: server.target} : {}),
			tool: {name: 'llmtop', version: toolVersion()},
			...(cpuCapPct === undefined ? {} : {cpuCapPct}),
			warnings,
		},
		outputs,
		...(baseline ? {baseline} : {}),
		warnings,
	};
}

function loadRunSuite(name: string | undefined): Suite {
	return loadSuite(name === undefined ? defaultSuitePath() : (builtinSuitePath(name) ?? name));
}

/** `{key: value}`, or nothing when the value is undefined (for spreading into an object). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
	return value === undefined ? {} : ({[key]: value} as Record<K, V>);
}

/** `--threads` may be at most this many per logical core (more only adds contention, and made Ctrl+C take 27 s at 64 threads on 2 cores). */
export const MAX_THREADS_PER_CORE = 4;

function checkThreads(threads: number | undefined, logicalCores: number): number | undefined {
	const limit = MAX_THREADS_PER_CORE * Math.max(1, logicalCores);
	if (threads !== undefined && threads > limit)
		throw new UsageError(`--threads must be <= ${limit} (${MAX_THREADS_PER_CORE} per logical core, ${logicalCores} here); got ${threads}`);
	return threads;
}

function readCriteria(path: string): ReturnType<typeof loadCriteriaFile> {
	try {
		return loadCriteriaFile(path, (file) => readTextInput(file, 'criteria file', INPUT_LIMITS.config));
	} catch (error) {
		if (isStackOverflow(error)) throw new InputError(`${path}: nested too deeply to read`);
		throw error;
	}
}

/** A `synthetic:` model's file in the cache, written at load when missing: an output there would be overwritten by it. */
function syntheticModelPath(ref: string): NamedPath[] {
	if (!isSyntheticRef(ref.trim())) return [];
	try {
		const {preset, quant} = parseSyntheticRef(ref.trim());
		return [{flag: '--model', path: join(syntheticCacheDir(), cachedModelFileName(preset, quant)), role: 'input'}];
	} catch {
		return []; // a bad reference is reported when the model resolves
	}
}

function named(flag: string, path: string | undefined, role: NamedPath['role']): NamedPath[] {
	return path === undefined ? [] : [{flag, path, role}];
}

/** An output that is an input or another output (`--events` = `--model`) is refused before anything is opened. */
function checkPathConflicts(paths: NamedPath[]): void {
	const conflict = findPathConflict(paths);
	if (conflict) throw new UsageError(conflict);
}

/**
 * An output file must be creatable: its directory exists and is writable,
 * and it is a regular file, a new one or a character device (`/dev/null`);
 * a directory, a FIFO or a dangling symlink is refused. `-` (stdout) only where `dash` allows it.
 */
function checkWritable(path: string | undefined, what: string, dash = false): string | undefined {
	if (path === undefined) return undefined;
	if (path === '-') {
		if (dash) return path;
		throw new InputError(`--${what} -: cannot go to stdout; give a file`);
	}
	const full = resolve(path);
	try {
		if (resolveOutputTarget(path).kind === 'device') return path;
	} catch (error) {
		if (error instanceof FileError) throw new InputError(`--${what} ${error.message}`);
		throw error;
	}
	try {
		accessSync(dirname(full), constants.W_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(`--${what} ${path}: ${code === 'ENOENT' ? 'the directory does not exist' : 'the directory is not writable'}`);
	}
	return path;
}
