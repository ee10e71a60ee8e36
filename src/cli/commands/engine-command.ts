import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadBinding} from '../../engine/llama-binding.js';
import {oneLine} from '../../engine/errors.js';
import type {ParsedArgs} from '../args.js';
import type {BuildProgress} from '../../engine/build-progress.js';
import {buildEngineFromSource, EngineBuildError, SOURCE_DOWNLOAD_ARGS} from '../../engine/engine-build.js';
import {EXIT} from '../exit-codes.js';
import {UsageError} from '../errors.js';
import type {Io} from '../io.js';
import {buildServerCommand, serverStatusLines} from './engine-server.js';
import {findLocalBuild, nodeLlamaCppVersion, writeBuildRecord, type LocalBuild, type WaitPolicy} from '../../engine/local-build.js';

/** `llmtop engine build`: builds llama.cpp from the bundled source and records the wait policy. */
export async function engineBuildCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	if (parsed.flags['server']) {
		if (parsed.flags['wait-policy'] !== undefined) throw new UsageError('--wait-policy is for the in-process engine build, not --server');
		return buildServerCommand(io);
	}
	return build((parsed.flags['wait-policy'] as WaitPolicy | undefined) ?? 'default', io);
}

/** `llmtop engine status`: the local build, if any, and its wait policy. */
export async function engineStatusCommand(_parsed: ParsedArgs, io: Io): Promise<number> {
	return status(io);
}

async function build(waitPolicy: WaitPolicy, io: Io): Promise<number> {
	const logPath = join(tmpdir(), `llmtop-engine-build-${process.pid}.log`);
	io.out(`building llama.cpp for the CPU from the source bundled with node-llama-cpp ${nodeLlamaCppVersion()} (no network; a few minutes)`);
	io.out(`  runs: node-llama-cpp ${SOURCE_DOWNLOAD_ARGS.join(' ')}; log: ${logPath}`);
	const printer = progressPrinter(io);
	let seconds: number;
	try {
		seconds = await buildEngineFromSource({logPath, onProgress: printer.update});
	} catch (error) {
		printer.end();
		if (!(error instanceof EngineBuildError)) throw error;
		io.err(`llmtop: ${error.message}`);
		for (const line of error.tail.slice(-10)) io.err(`  ${line}`);
		return EXIT.fail;
	}
	printer.end();
	const local = findLocalBuild();
	if (!local) {
		io.err('llmtop: the build finished but node-llama-cpp recorded no local build');
		return EXIT.fail;
	}
	const facts = await verify(local);
	if (typeof facts === 'string') {
		io.err(`llmtop: the local build does not load: ${facts}`);
		return EXIT.fail;
	}
	const openmp = /OPENMP\s*=\s*1/.test(facts.systemInfo);
	writeBuildRecord(local, {waitPolicy, builtAt: new Date().toISOString(), buildSeconds: seconds, systemInfo: facts.systemInfo, openmp});
	io.out(`built in ${formatDuration(seconds)}: ${local.dir} (${facts.variant ?? 'variant unknown'}; OpenMP ${openmp ? 'yes' : 'no'})`);
	io.out(
		`wait policy: ${waitPolicy}${openmp ? '' : ' (no effect: this build has no OpenMP)'} — used by \`llmtop run --build local\` unless --wait-policy or OMP_WAIT_POLICY is given`,
	);
	io.out('the prebuilt engine stays the default (`--build prebuilt`)');
	return EXIT.pass;
}

function status(io: Io): number {
	const local = findLocalBuild();
	if (!local) {
		io.out('local build: none (the prebuilt engine is used; `llmtop engine build` makes one)');
		for (const line of serverStatusLines()) io.out(line);
		return EXIT.pass;
	}
	const record = local.record;
	io.out(`local build: ${local.dir}`);
	if (record) {
		io.out(
			`  built ${record.builtAt} by llmtop in ${formatDuration(record.buildSeconds)}; OpenMP ${record.openmp ? 'yes' : 'no'}; wait policy ${record.waitPolicy}`,
		);
	} else {
		io.out('  not built by `llmtop engine build`: wait policy default');
	}
	io.out('  used with `llmtop run --build local` (the default stays --build prebuilt)');
	for (const line of serverStatusLines()) io.out(line);
	return EXIT.pass;
}

/** Loads the new build once, as `--build local` will. */
async function verify(local: LocalBuild): Promise<{variant?: string; systemInfo: string} | string> {
	try {
		const {llama, facts} = await loadBinding({build: 'local', gpu: false});
		await llama.dispose();
		if (facts.build !== 'localBuild') return `node-llama-cpp loaded a ${facts.build} binary instead of ${local.folderName}`;
		return {systemInfo: facts.systemInfo, ...(facts.variant ? {variant: facts.variant} : {})};
	} catch (error) {
		return oneLine(error);
	}
}

/** Progress on one rewritten line in a terminal; a line per stage and per 10 % elsewhere. */
function progressPrinter(io: Io): {update(progress: BuildProgress): void; end(): void} {
	let lastLine = '';
	let lastDecile = -1;
	let inPlace = false;
	return {
		update(progress) {
			const text =
				progress.stage === 'compile' ? `compiling ${String(progress.percent ?? 0).padStart(3)} %  ${progress.detail}` : `${progress.stage}: ${progress.detail}`;
			if (io.stdoutIsTTY) {
				const width = (io.stdout.columns || 80) - 1;
				io.stdout.write(`\r\x1b[K  ${text.slice(0, width - 2)}`);
				inPlace = true;
				return;
			}
			const decile = progress.stage === 'compile' ? Math.floor((progress.percent ?? 0) / 10) : -1;
			const key = `${progress.stage}:${decile}`;
			if (key === lastLine || (progress.stage === 'compile' && decile === lastDecile)) return;
			lastLine = key;
			lastDecile = decile;
			io.out(`  ${text}`);
		},
		end() {
			if (inPlace) io.stdout.write('\r\x1b[K');
			inPlace = false;
		},
	};
}

function formatDuration(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	return minutes > 0 ? `${minutes} min ${Math.round(seconds - minutes * 60)} s` : `${seconds.toFixed(1)} s`;
}
