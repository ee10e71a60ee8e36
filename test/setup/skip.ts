/**
 * Skipping tests, always with a reason: `skipUnless(condition, reason)` gives
 * the `skip` flag for `describe.skipIf` / `it.skipIf` and, when it skips,
 * prints `<test file>: skipped: <reason>` once. The `needs*` helpers are the
 * common conditions (a built dist, tmux, Linux, a model file) with their reasons.
 */
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'vitest';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const printed = new Set<string>();

/** The running test file relative to the repository root (or `tests` outside a test file). */
export function currentTestFile(): string {
	const path = expect.getState().testPath;
	return path === undefined ? 'tests' : relative(ROOT, path);
}

/** The line printed for a skip: `<where>: skipped: <reason>`. */
export function skipLine(where: string, reason: string): string {
	return `${where}: skipped: ${reason}`;
}

/**
 * True (skip) when `condition` does not hold; then prints why, once per file
 * and reason. `where` defaults to the running test file.
 */
export function skipUnless(condition: boolean, reason: string, where: string = currentTestFile()): boolean {
	if (condition) return false;
	const line = skipLine(where, reason);
	if (!printed.has(line)) {
		printed.add(line);
		console.log(line);
	}
	return true;
}

/** Skip unless `file` (relative to the repository root; by default the CLI) has been built. */
export function needsBuild(file = 'dist/src/cli.js'): boolean {
	return skipUnless(existsSync(join(ROOT, file)), `${file} is not built (npm run build)`);
}

/** True when tmux runs here (CI installs it). */
export const HAS_TMUX = spawnSync('tmux', ['-V'], {encoding: 'utf8'}).status === 0;

/** Skip unless tmux is installed. */
export function needsTmux(): boolean {
	return skipUnless(HAS_TMUX, 'tmux is not installed (apt-get install tmux)');
}

/** Skip unless on Linux; `what` says what needs it (e.g. "they read /proc"). */
export function needsLinux(what: string): boolean {
	return skipUnless(process.platform === 'linux', `${what}, and this is ${process.platform}, not Linux`);
}

/** Skip unless not on Windows; `what` says what needs POSIX. */
export function needsPosix(what: string): boolean {
	return skipUnless(process.platform !== 'win32', `${what}, and this is Windows`);
}

/** Skip unless the file at `path` exists; `what` names it (e.g. "the shared test model"). */
export function needsFile(path: string, what: string): boolean {
	return skipUnless(existsSync(path), `${what} ${path} is absent`);
}

/** The shared Llama-2 tiny GGUF (upstream converter, real 32,000-token vocabulary) beside the checkout, when this machine has it. */
export const SHARED_MODEL = join(ROOT, '..', 'shared', 'models', 'llama-2-tiny-random.gguf');

/** Skip unless the shared Llama-2 tiny model is on this machine. */
export function needsSharedModel(): boolean {
	return needsFile(SHARED_MODEL, 'the shared test model');
}
