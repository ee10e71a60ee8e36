import {constants} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import {dirname, resolve} from 'node:path';
import {OutputPathError} from './errors.js';

const PATH_ERRORS: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'read-only file system',
	ENOENT: 'no such file or directory',
	ENOTDIR: 'a parent is not a directory',
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	EISDIR: 'is a directory',
};

/** Turns a file-system error while writing `path` into an {@link OutputPathError}, or returns undefined for other errors. */
export function outputPathError(path: string, error: unknown): OutputPathError | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const reason = code === undefined ? undefined : PATH_ERRORS[code];
	return reason === undefined ? undefined : new OutputPathError(path, reason);
}

/**
 * Resolves `out` and checks, before any work starts, that a file can be
 * created there: its directory exists, is a directory and is writable, and
 * `out` itself is not a directory. Throws {@link OutputPathError}.
 */
export async function checkOutputPath(out: string): Promise<string> {
	if (out.trim() === '') throw new OutputPathError(out, 'empty path');
	const path = resolve(out);
	const target = await stat(path).catch(() => undefined);
	if (target?.isDirectory()) throw new OutputPathError(path, 'is a directory');
	const dir = dirname(path);
	const parent = await stat(dir).catch((error: unknown) => {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new OutputPathError(path, `directory ${dir} does not exist`);
		throw outputPathError(path, error) ?? error;
	});
	if (!parent.isDirectory()) throw new OutputPathError(path, `${dir} is not a directory`);
	await access(dir, constants.W_OK).catch(() => {
		throw new OutputPathError(path, `directory ${dir} is not writable`);
	});
	return path;
}
