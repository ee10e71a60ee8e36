import {execFile} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CANARY_C_SOURCE} from './canary-c-source.js';

/** A compiled C canary, or why there is none. */
export type CanaryBuild = {ok: true; binary: string; cached: boolean} | {ok: false; reason: string};

/** Options of `buildCanary`. */
export interface CanaryBuildOptions {
	/**
	 * Where compiled canaries are kept, one per source hash.
	 * @default $XDG_CACHE_HOME/llmtop, else ~/.cache/llmtop
	 */
	cacheDir?: string;
	/**
	 * C compiler command.
	 * @default $CC, else `cc`
	 */
	cc?: string;
	/** @default 60000 */
	timeoutMs?: number;
}

/** The default cache directory for compiled canaries. */
function defaultCacheDir(): string {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir() || os.tmpdir(), '.cache');
	return path.join(base, 'llmtop');
}

/**
 * Compiles the C canary once per source version (a few tens of ms of `cc`;
 * later runs reuse the binary). Compiles to a temporary name and renames, so
 * concurrent runs never see a half-written binary. When the default cache
 * directory cannot be written, a private directory under the temp dir is
 * used (only if it belongs to this user and no one else can write it).
 * Resolves (never rejects) with the reason when there is no compiler or
 * compiling fails.
 */
export async function buildCanary(options: CanaryBuildOptions = {}): Promise<CanaryBuild> {
	if (process.platform === 'win32') return {ok: false, reason: 'the C canary is POSIX-only'};
	const cc = options.cc ?? (process.env.CC || 'cc');
	const hash = createHash('sha256').update(CANARY_C_SOURCE).update(`${process.platform}-${process.arch}-${cc}`).digest('hex').slice(0, 16);
	const dirs = options.cacheDir ? [options.cacheDir] : [defaultCacheDir(), path.join(os.tmpdir(), `llmtop-cache-${process.getuid?.() ?? 'user'}`)];
	let reason = 'no cache directory';
	for (const dir of dirs) {
		const prepared = prepareDir(dir);
		if (prepared !== undefined) {
			reason = prepared;
			continue;
		}
		return compile(cc, dir, hash, options.timeoutMs ?? 60_000);
	}
	return {ok: false, reason};
}

/** Creates `dir` (0700); returns why it cannot hold the canary, or undefined when it can. */
function prepareDir(dir: string): string | undefined {
	try {
		fs.mkdirSync(dir, {recursive: true, mode: 0o700});
		fs.accessSync(dir, fs.constants.W_OK);
		const stat = fs.statSync(dir);
		const uid = process.getuid?.();
		if (uid !== undefined && stat.uid !== uid) return `${dir} belongs to another user`;
		if ((stat.mode & 0o022) !== 0) return `${dir} is writable by others`;
		return undefined;
	} catch (error) {
		return `cannot use ${dir} for the canary: ${(error as Error).message}`;
	}
}

async function compile(cc: string, dir: string, hash: string, timeoutMs: number): Promise<CanaryBuild> {
	const binary = path.join(dir, `canary-${hash}`);
	if (isExecutable(binary)) return {ok: true, binary, cached: true};
	const stem = path.join(dir, `.canary-${hash}-${process.pid}-${randomBytes(4).toString('hex')}`);
	const source = `${stem}.c`;
	const output = `${stem}.out`;
	try {
		fs.writeFileSync(source, CANARY_C_SOURCE);
		await run(cc, ['-O2', '-o', output, source], timeoutMs);
		fs.renameSync(output, binary);
		return {ok: true, binary, cached: false};
	} catch (error) {
		return {ok: false, reason: describe(cc, error)};
	} finally {
		fs.rmSync(source, {force: true});
		fs.rmSync(output, {force: true});
	}
}

function isExecutable(file: string): boolean {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile(command, args, {timeout: timeoutMs, windowsHide: true}, (error, _stdout, stderr) => {
			if (!error) return resolve();
			const detail = String(stderr).trim().split('\n').slice(0, 3).join(' ');
			reject(Object.assign(error, {detail}));
		});
	});
}

function describe(cc: string, error: unknown): string {
	const err = error as NodeJS.ErrnoException & {detail?: string};
	if (err.code === 'ENOENT' && err.path === cc) return `no C compiler (${cc} not found)`;
	if (err.code === 'ENOENT') return `C compiler ${cc} not found`;
	const detail = err.detail ? `: ${err.detail}` : err.message ? `: ${err.message}` : '';
	return `compiling the C canary with ${cc} failed${detail}`;
}
