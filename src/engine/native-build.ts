/**
 * Native llama.cpp binaries (`llama-server`, `llama-bench`) built from the
 * source bundled in node-llama-cpp (`llama/gitRelease.bundle`: no network),
 * cached per version in the user cache:
 * `$LLMTOP_CACHE_DIR` or `~/.cache/llmtop`, then
 * `builds/llama.cpp-<tag>-<sha7>/` holding `src/` (a git clone of the
 * bundle), `build/` (one cmake + ninja tree for both binaries, OpenMP, CPU,
 * static), `cmake.log` and `ninja.log` (whose last line is `done <exit code>`).
 * A finished build is found and returned at once; a build in progress in the
 * same folder (another llmtop, CI) is waited for, never started twice.
 */
import {execFileSync, spawn} from 'node:child_process';
import {accessSync, appendFileSync, constants, createWriteStream, existsSync, mkdirSync, readFileSync, statSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {EngineError} from './errors.js';
import {nodeLlamaCppDir} from './local-build.js';

/** The cmake options of the cached tree (CPU, OpenMP, static, server and tools only). */
export const NATIVE_CMAKE_OPTIONS = [
	'-DCMAKE_BUILD_TYPE=Release',
	'-DLLAMA_CURL=OFF',
	'-DLLAMA_OPENSSL=OFF',
	'-DLLAMA_BUILD_TESTS=OFF',
	'-DLLAMA_BUILD_EXAMPLES=OFF',
	'-DLLAMA_BUILD_SERVER=ON',
	'-DLLAMA_BUILD_TOOLS=ON',
	'-DGGML_OPENMP=ON',
	'-DBUILD_SHARED_LIBS=OFF',
] as const;

/** The ninja targets built. */
export const NATIVE_TARGETS = ['llama-server', 'llama-bench'] as const;

/** Where one version's native build lives. */
export interface NativeBuildLayout {
	/** llama.cpp release tag node-llama-cpp bundles, e.g. `v0.4.0`. */
	tag: string;
	/** First 7 hex digits of the bundle's commit. */
	sha7: string;
	dir: string;
	src: string;
	build: string;
	server: string;
	bench: string;
	cmakeLog: string;
	ninjaLog: string;
	/** The git bundle the source is cloned from. */
	bundle: string;
}

/** State of a native build on disk. */
export type NativeBuildState = 'built' | 'building' | 'failed' | 'none';

/** The native build failed or cannot run here. */
export class NativeBuildError extends EngineError {
	override name = 'NativeBuildError';
	constructor(
		readonly detail: string,
		readonly tail: readonly string[] = [],
	) {
		super(`building llama-server failed: ${detail}`);
	}
}

/** llmtop's cache root: `$LLMTOP_CACHE_DIR`, else `~/.cache/llmtop`. */
export function cacheRoot(): string {
	return process.env['LLMTOP_CACHE_DIR'] || join(os.homedir(), '.cache', 'llmtop');
}

/** The layout for the llama.cpp source bundled in the installed node-llama-cpp. */
export function nativeBuildLayout(root: string = cacheRoot(), packageDir: string = nodeLlamaCppDir()): NativeBuildLayout {
	const llamaDir = join(packageDir, 'llama');
	const bundle = join(llamaDir, 'gitRelease.bundle');
	const tag = (JSON.parse(readFileSync(join(llamaDir, 'llama.cpp.info.json'), 'utf8')) as {tag?: string}).tag ?? 'unknown';
	const sha7 = bundleCommit(bundle).slice(0, 7);
	const dir = join(root, 'builds', `llama.cpp-${tag}-${sha7}`);
	const build = join(dir, 'build');
	return {
		tag,
		sha7,
		dir,
		src: join(dir, 'src'),
		build,
		server: join(build, 'bin', 'llama-server'),
		bench: join(build, 'bin', 'llama-bench'),
		cmakeLog: join(dir, 'cmake.log'),
		ninjaLog: join(dir, 'ninja.log'),
		bundle,
	};
}

/** What is on disk: `built` (both binaries, ninja done 0), `building` (ninja.log growing, no `done` yet), `failed`, or `none`. */
export function nativeBuildState(layout: NativeBuildLayout, nowMs = Date.now()): NativeBuildState {
	const done = lastDoneCode(layout.ninjaLog);
	if (done === 0 && isExecutable(layout.server) && isExecutable(layout.bench)) return 'built';
	if (done !== undefined) return done === 0 ? 'none' : 'failed';
	try {
		// A log without `done` that changed in the last 10 minutes: a build is running (one compile step can take minutes on 2 cores).
		if (nowMs - statSync(layout.ninjaLog).mtimeMs < 10 * 60_000) return 'building';
	} catch {
		// no log
	}
	return isExecutable(layout.server) && isExecutable(layout.bench) ? 'built' : 'none';
}

/** Progress of {@link buildNative}: a stage and, while compiling, ninja's `[done/total]`. */
export interface NativeBuildProgress {
	stage: 'cached' | 'waiting' | 'clone' | 'configure' | 'compile' | 'done';
	done?: number;
	total?: number;
	detail?: string;
}

/** Options of {@link buildNative}. */
export interface NativeBuildOptions {
	layout?: NativeBuildLayout;
	/** Parallel compile jobs. @default the CPUs this process may use */
	jobs?: number;
	onProgress?(progress: NativeBuildProgress): void;
	signal?: AbortSignal;
}

/**
 * Returns the layout once both binaries exist: at once when cached, after
 * waiting when another build of the same folder runs, else after cloning,
 * configuring and compiling (about 10 minutes on 2 cores). Throws
 * {@link NativeBuildError} when a tool is missing or a step fails.
 */
export async function buildNative(options: NativeBuildOptions = {}): Promise<NativeBuildLayout> {
	const layout = options.layout ?? nativeBuildLayout();
	const progress = options.onProgress ?? (() => {});
	let state = nativeBuildState(layout);
	if (state === 'built') {
		progress({stage: 'cached', detail: layout.dir});
		return layout;
	}
	while (state === 'building') {
		progress({stage: 'waiting', detail: `another build is running in ${layout.dir} (ninja.log)`, ...ninjaCounts(layout.ninjaLog)});
		await sleep(5000, undefined, options.signal ? {signal: options.signal} : {});
		state = nativeBuildState(layout);
	}
	if (state === 'built') return layout;
	checkTools();
	mkdirSync(layout.dir, {recursive: true});
	if (!existsSync(join(layout.src, 'CMakeLists.txt'))) {
		progress({stage: 'clone', detail: layout.bundle});
		await run('git', ['clone', '--quiet', layout.bundle, layout.src], layout.cmakeLog, options.signal);
	}
	if (!existsSync(join(layout.build, 'build.ninja'))) {
		progress({stage: 'configure', detail: 'cmake -G Ninja'});
		await run('cmake', ['-S', layout.src, '-B', layout.build, '-G', 'Ninja', ...NATIVE_CMAKE_OPTIONS], layout.cmakeLog, options.signal);
	}
	const jobs = options.jobs ?? Math.max(1, os.availableParallelism());
	progress({stage: 'compile', done: 0});
	const code = await run(
		'ninja',
		['-C', layout.build, `-j${jobs}`, ...NATIVE_TARGETS],
		layout.ninjaLog,
		options.signal,
		(line) => {
			const match = /^\[(\d+)\/(\d+)\]/.exec(line);
			if (match) progress({stage: 'compile', done: Number(match[1]), total: Number(match[2])});
		},
		{truncate: true, allowFailure: true},
	);
	appendFileSync(layout.ninjaLog, `done ${code}\n`);
	if (code !== 0) throw new NativeBuildError(`ninja exited ${code} (log: ${layout.ninjaLog})`, tailOf(layout.ninjaLog));
	progress({stage: 'done', detail: layout.server});
	return layout;
}

function checkTools(): void {
	const missing = ['git', 'cmake', 'ninja', 'c++'].filter((tool) => {
		try {
			execFileSync('sh', ['-c', `command -v ${tool}`], {stdio: 'ignore'});
			return false;
		} catch {
			return true;
		}
	});
	if (missing.length > 0) throw new NativeBuildError(`${missing.join(', ')} not found (Debian/Ubuntu: apt-get install git cmake ninja-build g++)`);
}

function run(
	command: string,
	args: string[],
	logPath: string,
	signal?: AbortSignal,
	onLine?: (line: string) => void,
	flags: {truncate?: boolean; allowFailure?: boolean} = {},
): Promise<number> {
	return new Promise((resolve, reject) => {
		const log = createWriteStream(logPath, {flags: flags.truncate ? 'w' : 'a'});
		const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? {signal} : {})});
		let partial = '';
		const onData = (chunk: string): void => {
			log.write(chunk);
			if (!onLine) return;
			const lines = (partial + chunk).split('\n');
			partial = lines.pop() ?? '';
			lines.forEach(onLine);
		};
		child.stdout.setEncoding('utf8').on('data', onData);
		child.stderr.setEncoding('utf8').on('data', onData);
		child.once('error', (error) => log.end(() => reject(new NativeBuildError(`${command}: ${error.message}`))));
		child.once('close', (code) =>
			log.end(() => {
				if (code === 0 || flags.allowFailure) resolve(code ?? 1);
				else reject(new NativeBuildError(`${command} exited ${code ?? 'on a signal'} (log: ${logPath})`, tailOf(logPath)));
			}),
		);
	});
}

function bundleCommit(bundle: string): string {
	try {
		const heads = execFileSync('git', ['bundle', 'list-heads', bundle], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
		const sha = /^([0-9a-f]{40})\s+HEAD$/m.exec(heads)?.[1] ?? /^([0-9a-f]{40})/.exec(heads)?.[1];
		if (sha) return sha;
	} catch {
		// git missing: read the bundle's header ourselves below.
	}
	const head = readFileSync(bundle).subarray(0, 4096).toString('latin1');
	const sha = /^([0-9a-f]{40}) /m.exec(head)?.[1];
	if (!sha) throw new NativeBuildError(`cannot read the commit of ${bundle}`);
	return sha;
}

function lastDoneCode(ninjaLog: string): number | undefined {
	try {
		const match = /(?:^|\n)done (\d+)\s*$/.exec(readFileSync(ninjaLog, 'utf8').slice(-200));
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

function ninjaCounts(ninjaLog: string): {done?: number; total?: number} {
	try {
		const lines = readFileSync(ninjaLog, 'utf8').slice(-2000).trim().split('\n');
		const match = /^\[(\d+)\/(\d+)\]/.exec(lines[lines.length - 1] ?? '');
		return match ? {done: Number(match[1]), total: Number(match[2])} : {};
	} catch {
		return {};
	}
}

function tailOf(path: string): string[] {
	try {
		return readFileSync(path, 'utf8').trim().split('\n').slice(-8);
	} catch {
		return [];
	}
}

function isExecutable(path: string): boolean {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}
