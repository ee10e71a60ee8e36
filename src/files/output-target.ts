import {lstatSync, realpathSync, statSync} from 'node:fs';
import {resolve} from 'node:path';
import {FileError} from './errors.js';

/**
 * Where an output path really writes:
 * - `file`: a regular file (or a new one), written atomically (temp + rename).
 *   A symlink to a regular file is written through: the file it points to is
 *   replaced, the link stays.
 * - `device`: a character device (`/dev/null`, a terminal): written in place,
 *   never renamed over.
 * Anything else (a directory, a FIFO, a socket, a dangling symlink) is
 * refused with a {@link FileError}. `-` (stdout) is the caller's to handle.
 */
export type OutputTarget = {kind: 'file'; path: string} | {kind: 'device'; path: string};

/** Resolves an output path (see {@link OutputTarget}); throws {@link FileError} for what cannot be written. */
export function resolveOutputTarget(path: string): OutputTarget {
	let stats;
	try {
		stats = statSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'ENOENT') throw new FileError(path, `cannot be written (${code ?? String(error)})`, code);
		if (isSymlink(path)) throw new FileError(path, 'is a symbolic link to nothing; give the real path');
		return {kind: 'file', path: resolve(path)};
	}
	if (stats.isFile()) return {kind: 'file', path: realpathSync(path)};
	if (stats.isCharacterDevice()) return {kind: 'device', path};
	if (stats.isDirectory()) throw new FileError(path, 'is a directory', 'EISDIR');
	if (stats.isFIFO()) throw new FileError(path, 'is a FIFO (named pipe), not a file; use - to write to stdout');
	if (stats.isSocket()) throw new FileError(path, 'is a socket, not a file');
	throw new FileError(path, 'is a block device, not a file');
}

function isSymlink(path: string): boolean {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}
