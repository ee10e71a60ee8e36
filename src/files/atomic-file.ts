/**
 * The one atomic file writer (reports, models): a temporary sibling, flushed
 * to disk, renamed over the target; on failure the temporary file is removed
 * and the target is left as it was. A leaf: imports nothing of llmtop's, so
 * every folder (`report`, `synth`, ...) may import it.
 */
import {closeSync, fsyncSync, openSync, renameSync, rmSync} from 'node:fs';
import {open, readdir, rename, unlink} from 'node:fs/promises';
import type {FileHandle} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {describeErrno, FileError} from './errors.js';
import {resolveOutputTarget} from './output-target.js';
import {processIsAlive} from './process-alive.js';
import {writeAllSync} from './write-all.js';

const TEMP_MARK = '.tmp-';
let tempCounter = 0;

/** The temporary sibling a file is written to before it is renamed into place. */
function tempPathFor(path: string): string {
	tempCounter += 1;
	return join(dirname(path), `.${basename(path)}${TEMP_MARK}${process.pid}-${tempCounter}`);
}

/**
 * Writes `path` atomically: `write` fills a temporary file in the same
 * directory, which is flushed to disk and renamed over `path` only when `write`
 * resolves. On any
 * failure (including an abort) the temporary file is removed and `path` is untouched.
 * A path that is not a regular file is refused ({@link resolveOutputTarget}).
 */
export async function writeFileAtomically(path: string, write: (file: FileHandle) => Promise<void>): Promise<void> {
	const target = resolveOutputTarget(path);
	if (target.kind !== 'file') throw new FileError(path, 'is a device, not a file');
	path = target.path;
	const temp = tempPathFor(path);
	const file = await open(temp, 'wx');
	let renamed = false;
	try {
		try {
			await write(file);
			await file.datasync();
		} finally {
			await file.close();
		}
		await rename(temp, path);
		renamed = true;
		syncDirectory(dirname(path));
	} finally {
		if (!renamed) await unlink(temp).catch(() => undefined);
	}
}

/**
 * Writes `data` to `path` atomically and synchronously (so it is safe on exit
 * paths), as {@link writeFileAtomically} does for a streamed file: every byte
 * (short writes are looped on), the file and its directory flushed to disk.
 * A symlink to a regular file is written through; a character device
 * (`/dev/null`) is written in place; anything else is refused. Every failure
 * is a {@link FileError} naming the path and the reason (`ENOSPC`, ...), and
 * the target is left as it was.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
	const target = resolveOutputTarget(path);
	if (target.kind === 'device') {
		writeInPlace(path, data);
		return;
	}
	const temp = tempPathFor(target.path);
	let fd: number | undefined;
	try {
		fd = openSync(temp, 'wx', 0o644);
		writeAllSync(fd, data);
		fsyncSync(fd);
		closeSync(fd);
		fd = undefined;
		renameSync(temp, target.path);
	} catch (error) {
		if (fd !== undefined) closeSync(fd);
		rmSync(temp, {force: true});
		throw new FileError(path, `cannot be written: ${describeErrno(error)}`, (error as NodeJS.ErrnoException).code);
	}
	syncDirectory(dirname(target.path));
}

/** A character device gets the bytes as they are (no temp file, no rename). */
function writeInPlace(path: string, data: string | Uint8Array): void {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'w');
		writeAllSync(fd, data);
	} catch (error) {
		throw new FileError(path, `cannot be written: ${describeErrno(error)}`, (error as NodeJS.ErrnoException).code);
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** Flushes a directory entry (the rename) to disk; file systems that cannot are ignored. */
function syncDirectory(dir: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(dir, 'r');
		fsyncSync(fd);
	} catch {
		// Some file systems refuse fsync on a directory; the file itself is on disk.
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * Removes temporary files left in `dir` by writers that no longer run (e.g.
 * killed with SIGKILL); with `forFile`, only those of that target file.
 */
export async function removeStaleTempFiles(dir: string, forFile?: string): Promise<void> {
	const names = await readdir(dir).catch(() => [] as string[]);
	const prefix = forFile === undefined ? '.' : `.${basename(forFile)}${TEMP_MARK}`;
	for (const name of names) {
		const match = /\.tmp-(\d+)-\d+$/.exec(name);
		if (!name.startsWith(prefix) || !match) continue;
		const pid = Number(match[1]);
		if (pid !== process.pid && !processIsAlive(pid)) await unlink(join(dir, name)).catch(() => undefined);
	}
}
