/**
 * Builds llama.cpp from the source bundled inside the node-llama-cpp package
 * (a git bundle: no network) for the CPU, by running node-llama-cpp's own
 * `source download --gpu false` in a child process. The build lands in
 * node-llama-cpp's `llama/localBuilds/`; the prebuilt binary is untouched.
 */
import {spawn} from 'node:child_process';
import {createWriteStream} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {INITIAL_BUILD_PROGRESS, nextBuildProgress, type BuildProgress} from './build-progress.js';
import {nodeLlamaCppCli} from './local-build.js';

/** The build failed; `tail` holds its last output lines. */
export class EngineBuildError extends Error {
	override name = 'EngineBuildError';
	constructor(
		readonly exitCode: number | null,
		readonly logPath: string,
		readonly tail: string[],
	) {
		super(`building llama.cpp failed (exit ${exitCode ?? 'signal'}); full log: ${logPath}`);
	}
}

/** Options of {@link buildEngineFromSource}. */
export interface BuildEngineOptions {
	/** Every output line goes here. */
	logPath: string;
	/** Called when the stage or percentage changes. */
	onProgress?(progress: BuildProgress): void;
	/** Stops the build (the child gets SIGTERM). */
	signal?: AbortSignal;
}

/** The arguments given to node-llama-cpp's command line. */
export const SOURCE_DOWNLOAD_ARGS = ['source', 'download', '--gpu', 'false', '--noUsageExample'] as const;

/** Runs the build to completion; resolves with its wall time in seconds, rejects with {@link EngineBuildError}. */
export function buildEngineFromSource(options: BuildEngineOptions): Promise<number> {
	const start = performance.now();
	const log = createWriteStream(options.logPath);
	const child = spawn(process.execPath, [nodeLlamaCppCli(), ...SOURCE_DOWNLOAD_ARGS], {
		env: {...process.env, FORCE_COLOR: '0', NO_COLOR: '1'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const onAbort = (): void => void child.kill('SIGTERM');
	options.signal?.addEventListener('abort', onAbort, {once: true});
	let progress = INITIAL_BUILD_PROGRESS;
	const tail: string[] = [];
	const onLine = (line: string): void => {
		tail.push(line);
		if (tail.length > 20) tail.shift();
		const next = nextBuildProgress(progress, line);
		if (next.stage !== progress.stage || next.percent !== progress.percent) options.onProgress?.(next);
		progress = next;
	};
	for (const stream of [child.stdout, child.stderr]) {
		let buffered = '';
		stream.setEncoding('utf8').on('data', (chunk: string) => {
			log.write(chunk);
			buffered += chunk;
			const lines = buffered.split(/\r?\n|\r/);
			buffered = lines.pop() ?? '';
			lines.forEach(onLine);
		});
		stream.on('end', () => buffered && onLine(buffered));
	}
	return new Promise((resolve, reject) => {
		child.once('error', (error) => reject(new EngineBuildError(null, options.logPath, [error.message])));
		child.once('close', (code) => {
			options.signal?.removeEventListener('abort', onAbort);
			log.end(() => {
				if (code === 0) resolve((performance.now() - start) / 1000);
				else reject(new EngineBuildError(code, options.logPath, tail));
			});
		});
	});
}
