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
export function defaultCacheDir(): string {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir() || os.tmpdir(), '.cache');
	return path.join(base, 'llmtop');
}

/**
 * Compiles the C canary once per source version (a few tens of ms of `cc`;
 * later runs reuse the binary). Compiles to a temporary name and renames, so
 * concurrent runs never see a half-written binary. Resolves (never rejects)
 * with the reason when there is no compiler or compiling fails.
 */
export async function buildCanary(options: CanaryBuildOptions = {}): Promise<CanaryBuild> {
	const cc = options.cc ?? (process.env.CC || 'cc');
	const dir = options.cacheDir ?? defaultCacheDir();
	const hash = createHash('sha256').update(CANARY_C_SOURCE).update(`${process.platform}-${process.arch}-${cc}`).digest('hex').slice(0, 16);
	const binary = path.join(dir, `canary-${hash}${process.platform === 'win32' ? '.exe' : ''}`);
	if (isExecutable(binary)) return {ok: true, binary, cached: true};
	const stem = path.join(dir, `.canary-${hash}-${process.pid}-${randomBytes(4).toString('hex')}`);
	const source = `${stem}.c`;
	const output = `${stem}.out`;
	try {
		fs.mkdirSync(dir, {recursive: true, mode: 0o700});
		fs.writeFileSync(source, CANARY_C_SOURCE);
		await run(cc, ['-O2', '-o', output, source], options.timeoutMs ?? 60_000);
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
