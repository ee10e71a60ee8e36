import {createHash} from 'node:crypto';
import {accessSync, constants, existsSync, mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {defaultThreads} from '../../engine/index.js';
import type {NamedRun} from '../../export/junit.js';
import {wantsShareFiles, writeRunShareFiles, type ShareFiles} from '../../export/share-files.js';
import {compareReports} from '../../report/compare.js';
import type {Comparison} from '../../report/compare-types.js';
import {readReport} from '../../report/read-report.js';
import {loadCriteriaFile} from '../../run/criteria-file.js';
import {bandwidthInfo, hostBandwidth} from '../../sampler/bandwidth.js';
import {FileError} from '../../files/errors.js';
import {INPUT_LIMITS, readTextInput} from '../../files/read-input.js';
import {readQuiet} from '../../sampler/quiet-check.js';
import {isQuiet} from '../../run/quiet.js';
import {builtinSuitePath, loadSuite} from '../../suite/index.js';
import {isSyntheticRef, parseSyntheticRef} from '../../synth/index.js';
import {normaliseConfig} from '../../sweep/config-id.js';
import {expandMatrix, parseMatrixFile, SweepMatrixError} from '../../sweep/matrix.js';
import {finishedLine, progressHeadline, sweepRows} from '../../sweep/progress-text.js';
import {runSweep, SweepOutputError, type SweepProgress} from '../../sweep/runner.js';
import {recommendationLines, summaryTable, type SweepSummary} from '../../sweep/summary.js';
import {SWEPT_FLAGS, type SweepAxes, type SweepConfig} from '../../sweep/types.js';
import type {FlagValue, ParsedArgs} from '../args.js';
import type {CommandHandler} from '../command-spec.js';
import {InputError, UsageError} from '../errors.js';
import {combineExitCodes, EXIT} from '../exit-codes.js';
import {checkShareConflicts, reportShareFailures, shareFilesOf, sharesToStdout, textIo} from '../share-flags.js';
import type {Io} from '../io.js';
import {startSignalHandling} from '../signals.js';
import {chooseView} from '../view.js';
import {SHARED_RUN_FLAGS, SWEEP_DEFAULTS, SWEEP_FLAGS} from './sweep-flags.js';

/** Default of `--quiet-wait`, seconds. */
const DEFAULT_QUIET_WAIT_S = 15;

/** The handler of `llmtop sweep`. */
export const sweepHandler: CommandHandler = (parsed, io) => sweepCommand(parsed, io);

async function sweepCommand(parsed: ParsedArgs, streams: Io): Promise<number> {
	let io = streams;
	const {flags} = parsed;
	if (flags['out-dir'] === undefined) throw new UsageError('sweep needs --out-dir DIR');
	const configs = readConfigs(flags);
	const {shared, idSalt} = sharedRunFlags(flags);
	const outDir = prepareOutDir(flags['out-dir'] as string);
	const shareFiles = shareFilesOf(flags, streams);
	// A shared file on stdout: the sweep's own lines go to stderr.
	io = textIo(streams, sharesToStdout(shareFiles));
	checkShareConflicts(shareFiles, [
		...(['matrix', 'suite', 'criteria'] as const).flatMap((name) =>
			typeof flags[name] === 'string' && existsSync(flags[name]) ? [{flag: `--${name}`, path: flags[name] as string, role: 'input' as const}] : [],
		),
		...configs.flatMap((config) => (existsSync(config.model) ? [{flag: '--model', path: config.model, role: 'input' as const}] : [])),
	]);
	const bandwidth = await hostBandwidth();
	const bandwidthFigures = bandwidth ? bandwidthInfo(bandwidth) : null;
	const view = chooseView({headlessFlag: Boolean(flags['headless']), stdoutIsTTY: io.stdoutIsTTY, ci: io.ci});
	if (view.note) io.err(view.note);
	const abort = new AbortController();
	const signals = startSignalHandling({onStop: () => abort.abort(), onPipeClosed: () => abort.abort()});
	const title = `llmtop sweep -> ${outDir}  (${configs.length} configuration${configs.length === 1 ? '' : 's'}; Ctrl+C stops, finished ones are kept)`;
	const ui = view.headless ? undefined : (await import('../../ui/sweep/index.js')).showSweep({title, headline: 'starting', rows: []});
	if (view.headless) io.out(title);
	const printed = new Set<string>();
	const onProgress = (progress: SweepProgress): void => {
		if (ui) ui.update({title, headline: progressHeadline(progress), rows: sweepRows(progress)});
		else
			for (const result of progress.results) {
				if (result.status === 'not-run' || printed.has(result.id)) continue;
				printed.add(result.id);
				io.out(finishedLine(progress, result));
			}
	};
	let outcome;
	try {
		outcome = await runSweep(
			{
				outDir,
				configs,
				shared,
				idSalt,
				command: [process.execPath, cliScript()],
				quietWaitS: (flags['quiet-wait'] as number | undefined) ?? DEFAULT_QUIET_WAIT_S,
				bandwidth: bandwidthFigures,
			},
			{
				onProgress,
				signal: abort.signal,
				readQuiet: async () => {
					const reading = await readQuiet();
					return {quiet: isQuiet(reading), othersCpuPct: reading.othersCpuPct, pressurePct: reading.pressurePct};
				},
			},
		);
	} catch (error) {
		if (error instanceof SweepOutputError) throw new InputError(error.message);
		throw error;
	} finally {
		signals.stop();
		await ui?.done();
	}
	if (signals.pipeClosed) return EXIT.pipeClosed;
	const {summary} = outcome;
	io.out('');
	for (const line of summaryTable(summary)) io.out(line);
	io.out('');
	for (const line of recommendationLines(summary)) io.out(line);
	io.out(`summary: ${resolve(outDir, 'sweep.md')}`);
	const shareCode = wantsShareFiles(shareFiles) ? writeShared(summary, outDir, shareFiles, io) : null;
	if (outcome.interrupted) return signals.exitCode ?? EXIT.interrupted;
	return combineExitCodes(shareCode ?? EXIT.pass, summary.exitCode);
}

/** `--html`, `--junit`, `--summary-md` over every configuration that ran to the end; the exit code they call for (2 when one could not be written), else null. */
function writeShared(summary: SweepSummary, outDir: string, files: ShareFiles, io: Io): number | null {
	const [runs, comparison] = sharedRuns(summary, outDir);
	if (runs.length === 0) {
		io.err('llmtop: no configuration ran to the end, so no --html, --junit or --summary-md was written');
		return EXIT.usage;
	}
	return reportShareFailures(writeRunShareFiles(runs, files, comparison), io);
}

/** The reports of the configurations that ran to the end, named by label, and their comparison (HTML of several runs overlays them). */
function sharedRuns(summary: SweepSummary, outDir: string): [NamedRun[], Comparison | undefined] {
	const runs = summary.configurations
		.filter((result) => result.figures !== null)
		.flatMap((result) => {
			try {
				return [{name: result.label, report: readReport(join(outDir, result.report))}];
			} catch {
				return [];
			}
		});
	return [runs, runs.length > 1 ? compareReports(runs) : undefined];
}

/** The built `llmtop` entry this module belongs to (children run it). */
function cliScript(): string {
	return fileURLToPath(new URL('../../cli.js', import.meta.url));
}

function prepareOutDir(dir: string): string {
	const full = resolve(dir);
	try {
		mkdirSync(full, {recursive: true});
		accessSync(full, constants.W_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why =
			code === 'EEXIST' || code === 'ENOTDIR'
				? 'not a folder'
				: code === 'EACCES' || code === 'EROFS'
					? 'not writable'
					: code === 'ENOSPC'
						? 'the disk is full'
						: `cannot be created (${code ?? String(error)})`;
		throw new InputError(`--out-dir ${dir}: ${why}`);
	}
	return full;
}

/** The configurations, from the lists or the matrix file, each checked and normalised. */
function readConfigs(flags: Record<string, FlagValue | undefined>): SweepConfig[] {
	const matrix = flags['matrix'] as string | undefined;
	let axes: SweepAxes;
	if (matrix !== undefined) {
		const given = SWEPT_FLAGS.filter((name) => flags[name] !== undefined);
		if (given.length > 0) throw new UsageError(`give the levers either as flags or in --matrix, not both (--${given.join(', --')} with --matrix)`);
		let text: string;
		try {
			text = readTextInput(matrix, 'matrix file', INPUT_LIMITS.config);
		} catch (error) {
			if (error instanceof FileError) throw new InputError(`--matrix ${error.message}`);
			throw error;
		}
		axes = wrap(
			() => parseMatrixFile(matrix, text),
			(message) => new InputError(message),
		);
	} else {
		axes = Object.fromEntries(SWEPT_FLAGS.flatMap((name) => (flags[name] === undefined ? [] : [[name, flags[name] as string[]]])));
	}
	const configs = wrap(
		() => expandMatrix(axes),
		(message) => (matrix === undefined ? new UsageError(message.replace(/^model: /, '--model: ')) : new InputError(message)),
	);
	const defaults = {threads: defaultThreads(), batchSize: RUN_DEFAULTS.batchSize, contextSize: RUN_DEFAULTS.contextSize};
	return configs.map((config) => normaliseConfig(config, defaults, canonicalModel));
}

/** `run`'s defaults of the levers (see run-setup.ts). */
const RUN_DEFAULTS = {batchSize: 512, contextSize: 2048};

function wrap<T>(body: () => T, toError: (message: string) => Error): T {
	try {
		return body();
	} catch (error) {
		if (error instanceof SweepMatrixError) throw toError(error.message);
		throw error;
	}
}

/** A synthetic reference in its canonical spelling (an unknown preset or quant throws, exit 2); a path must exist. */
function canonicalModel(ref: string): string {
	const trimmed = ref.trim();
	if (isSyntheticRef(trimmed)) {
		const {preset, quant} = parseSyntheticRef(trimmed);
		return `synthetic:${preset}:${quant}`;
	}
	if (trimmed.startsWith('hf:')) return trimmed;
	if (!existsSync(trimmed)) throw new InputError(`--model ${trimmed}: no such file`);
	return resolve(trimmed);
}

/** The `run` flags every configuration shares, as argv (suite and criteria checked here, paths made absolute). */
function sharedRunFlags(flags: Record<string, FlagValue | undefined>): {shared: string[]; idSalt: string[]} {
	const shared: string[] = [];
	const idSalt: string[] = [];
	for (const name of SHARED_RUN_FLAGS) {
		let value = flags[name] ?? (name in SWEEP_DEFAULTS ? SWEEP_DEFAULTS[name as keyof typeof SWEEP_DEFAULTS] : undefined);
		if (value === undefined || value === false) continue;
		if (name === 'suite') {
			const text = String(value);
			const path = builtinSuitePath(text) ?? resolve(text);
			loadSuite(path);
			value = builtinSuitePath(text) ? text : path;
		}
		if (name === 'criteria') {
			const path = resolve(String(value));
			let text = '';
			try {
				loadCriteriaFile(path, (file) => (text = readTextInput(file, 'criteria file', INPUT_LIMITS.config)));
			} catch (error) {
				if (error instanceof FileError) throw new InputError(`--criteria ${error.message}`);
				throw error;
			}
			idSalt.push(`criteria-sha256:${createHash('sha256').update(text).digest('hex')}`);
			value = path;
		}
		if (SWEEP_FLAGS[name]?.kind === 'bool') shared.push(`--${name}`);
		else shared.push(`--${name}`, Array.isArray(value) ? value.join(',') : String(value));
	}
	return {shared, idSalt};
}
