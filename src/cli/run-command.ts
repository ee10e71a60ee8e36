import {readFileSync} from 'node:fs';
import {defaultThreads, type EngineOptions} from '../engine/index.js';
import {openEngineInWorker} from '../engine/remote-engine.js';
import {writeFileAtomic} from '../report/atomic-write.js';
import {EventsRecorder} from '../report/events-file.js';
import {buildReport} from '../report/report.js';
import type {Report} from '../report/types.js';
import {loadCriteriaFile} from '../run/criteria-file.js';
import {defaultCriteria} from '../run/criteria.js';
import type {RunEvent} from '../run/events.js';
import type {HostInfo, RunConfig} from '../run/types.js';
import {openPsi, readHostInfo, startCanary, startLoadWorkers, type SampleSource} from '../sampler/index.js';
import {builtinSuitePath, defaultSuitePath, loadSuite, selectPrompts, type Suite} from '../suite/index.js';
import {formatFlags, parseFlags, type ParsedArgs} from './args.js';
import {RUN_FLAGS, TRY_FLAGS} from './commands.js';
import {EXIT, InputError} from './errors.js';
import {HeadlessPrinter} from './headless.js';
import {toolVersion} from './main.js';
import type {Io} from './io.js';
import {Session, type SessionEnd, type SessionPlan} from './session.js';
import {startSignalHandling} from './signals.js';
import {useWaitPolicy} from './wait-policy.js';

/** The model `llmtop run` profiles when none is given: small enough for a one-minute default run. */
export const DEFAULT_MODEL = 'synthetic:smollm2-135m:Q8_0';

const DEFAULTS = {contextSize: 2048, batchSize: 512, topP: 0.95, maxTokens: 128, intervalMs: 100, idleSeconds: 5};

/** `llmtop run` and `llmtop try`. Returns the exit code. */
export async function runCommand(mode: 'run' | 'try', argv: string[], io: Io): Promise<number> {
	const specs = mode === 'run' ? RUN_FLAGS : TRY_FLAGS;
	const args = parseFlags(argv, specs, 0);
	if (args.flags['help']) {
		io.out(`usage: llmtop ${mode} [options]\n\n${formatFlags(specs)}`);
		return EXIT.pass;
	}
	const setup = await prepare(mode, args, io);
	const headless = Boolean(args.flags['headless']) || !io.stdoutIsTTY || (mode === 'try' && !io.stdinIsTTY);
	const recorder = setup.eventsPath ? new EventsRecorder(setup.eventsPath) : undefined;
	const sources = await startSources(args, setup.warnings);
	let printer: HeadlessPrinter | undefined;
	const session = new Session({
		...setup.session,
		sources: sources.list,
		onEvent: (event: RunEvent) => {
			recorder?.record(event);
			printer?.onEvent(event);
		},
	});
	printer = new HeadlessPrinter(session.store, {line: (text) => io.out(text)}, {live: headless});
	const signals = startSignalHandling({
		onStop: (reason) => session.stop(reason),
		onPipeClosed: () => session.stop('interrupted'),
	});
	const writeReport = (path: string): Report => {
		const report = buildReport(session.store);
		writeFileAtomic(path, `${JSON.stringify(report, null, '\t')}\n`);
		return report;
	};

	let ui: {waitUntilExit(): Promise<void>; unmount(): void} | undefined;
	if (!headless) {
		const {startDashboard} = await import('../ui/index.js');
		ui = startDashboard({
			store: session.store,
			mode,
			controls: {
				quit: () => {
					if (session.store.runEnd) ui?.unmount();
					else if (mode === 'try') session.endInput();
					else session.stop('interrupted');
				},
				togglePause: () => session.togglePause(),
				skipPrompt: () => session.skipPrompt(),
				submitPrompt: (text: string) => session.submit(text),
				abortPrompt: () => session.abortPrompt(),
				saveReport: () => writeReport(setup.reportPath ?? `llmtop-try-${Date.now()}.json`),
			},
		});
	} else if (mode === 'try') {
		readPromptLines(io, (text) => session.submit(text), () => session.endInput());
	}

	let end: SessionEnd;
	let failure: unknown;
	try {
		end = await session.run();
	} catch (error) {
		end = 'error';
		failure = error;
	} finally {
		await sources.stop();
		signals.stop();
	}
	recorder?.close();
	const report = session.store.loaded && setup.reportPath ? writeReport(setup.reportPath) : undefined;
	if (ui && end === 'done' && mode === 'run') await ui.waitUntilExit();
	ui?.unmount();
	if (failure) throw failure;
	if (signals.pipeClosed) return EXIT.pipeClosed;
	printer?.summary();
	if (end === 'interrupted') return EXIT.interrupted;
	if (end === 'terminated') return EXIT.terminated;
	const verdict = (report ?? buildReport(session.store)).verdict;
	return verdict === 'fail' ? EXIT.fail : EXIT.pass;
}

interface Prepared {
	session: Omit<ConstructorParameters<typeof Session>[0], 'onEvent' | 'sources'>;
	reportPath: string | undefined;
	eventsPath: string | undefined;
	warnings: {code: string; message: string}[];
}

/** Validates every input that can be checked before the model loads: bad input fails fast. */
async function prepare(mode: 'run' | 'try', args: ParsedArgs, io: Io): Promise<Prepared> {
	const flag = <T>(name: string): T | undefined => args.flags[name] as T | undefined;
	const suite = mode === 'run' ? loadRunSuite(flag<string>('suite')) : undefined;
	const prompts = suite ? selectPrompts(suite, {...(flag<string[]>('tags') ? {tags: flag<string[]>('tags')} : {}), ...(flag<string>('prompt') ? {promptId: flag<string>('prompt')} : {})}) : [];
	const criteriaFile = flag<string>('criteria');
	const criteria = criteriaFile ? loadCriteriaFile(criteriaFile, (file) => readFileSync(file, 'utf8')) : defaultCriteria();
	const facts = await readHostInfo();
	const host: HostInfo = {...facts, llamaCppRelease: 'unknown', engineBuild: 'unknown'};
	const threads = flag<number>('threads') ?? defaultThreads();
	const maxTokensFlag = flag<number>('max-tokens');
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
		build: flag<string>('build') ?? 'prebuilt',
		...((flag<string>('build') ?? 'prebuilt') === 'prebuilt' ? {} : {waitPolicy: useWaitPolicy(flag<string>('wait-policy'))}),
		...(flag<number>('seed') === undefined ? {} : {seed: flag<number>('seed')}),
		...(flag<number>('nice') === undefined ? {} : {nice: flag<number>('nice')}),
		...(flag<number>('cpu-cap') === undefined ? {} : {cpuCapPct: flag<number>('cpu-cap')}),
		...(flag<number>('load') ? {loadWorkers: flag<number>('load')} : {}),
		canary: !flag<boolean>('no-canary'),
	};
	const modelRef = flag<string>('model') ?? DEFAULT_MODEL;
	const engineOptions: Omit<EngineOptions, 'signal' | 'onProgress'> = {
		model: modelRef,
		threads,
		contextSize: config.contextSize,
		batchSize: config.batchSize,
		gpuLayers: config.gpuLayers,
		build: config.build as EngineOptions['build'],
		...(config.nice === undefined ? {} : {nice: config.nice as number}),
	};
	const plan: SessionPlan = {
		mode,
		suite: suite
			? {name: suite.name, path: suite.path, ...(suite.system ? {system: suite.system} : {})}
			: {name: 'tryouts', path: 'try', ...(flag<string>('system') ? {system: flag<string>('system')} : {})},
		prompts,
		maxTokens: config.maxTokens,
		maxTokensForced: maxTokensFlag !== undefined,
	};
	const warnings: {code: string; message: string}[] = [];
	if (host.psi === false) warnings.push({code: 'psi-unavailable', message: `CPU pressure (PSI) is not measured: ${host.psiReason ?? 'not available here'}`});
	void io;
	return {
		session: {
			plan,
			config,
			criteria,
			host,
			modelRef,
			engineOptions,
			openEngine: openEngineInWorker,
			tool: {name: 'llmtop', version: toolVersion()},
			...(config.cpuCapPct === undefined ? {} : {cpuCapPct: config.cpuCapPct as number}),
			warnings,
		},
		reportPath: flag<string>('report'),
		eventsPath: flag<string>('events'),
		warnings,
	};
}

function loadRunSuite(name: string | undefined): Suite {
	const path = name === undefined ? defaultSuitePath() : (builtinSuitePath(name) ?? name);
	return loadSuite(path);
}

/** Starts the canary, PSI and `--load` workers; their fields join every sample. */
async function startSources(args: ParsedArgs, warnings: {code: string; message: string}[]): Promise<{list: SampleSource[]; stop(): Promise<void>}> {
	const list: SampleSource[] = [];
	const stops: (() => Promise<void> | void)[] = [];
	const psi = openPsi();
	if (psi.available) {
		list.push(psi.source);
		stops.push(() => psi.close());
	}
	if (!args.flags['no-canary']) {
		try {
			const canary = await startCanary();
			if (canary.fallbackReason) warnings.push({code: 'canary-fallback', message: `canary runs in Node (costs more CPU): ${canary.fallbackReason}`});
			list.push(canary);
			stops.push(() => canary.stop());
		} catch (error) {
			warnings.push({code: 'canary-failed', message: `interactive delay is not measured: the canary did not start (${(error as Error).message})`});
		}
	}
	const load = args.flags['load'] as number | undefined;
	if (load) {
		const workers = await startLoadWorkers(load);
		list.push(workers);
		stops.push(() => workers.stop());
	}
	return {
		list,
		stop: async () => {
			await Promise.allSettled(stops.map((stop) => stop()));
		},
	};
}

/** `try` without a terminal: each line of stdin is a prompt; end of input ends the session. */
function readPromptLines(io: Io, submit: (text: string) => void, end: () => void): void {
	let buffered = '';
	io.stdin.setEncoding('utf8');
	io.stdin.on('data', (chunk: string) => {
		buffered += chunk;
		let newline: number;
		while ((newline = buffered.indexOf('\n')) >= 0) {
			submit(buffered.slice(0, newline));
			buffered = buffered.slice(newline + 1);
		}
	});
	io.stdin.on('end', () => {
		if (buffered.trim()) submit(buffered);
		end();
	});
}

export {InputError};
