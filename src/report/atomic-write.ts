import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

/**
 * Writes `data` to `path` atomically: a temporary file in the same directory,
 * flushed to disk, then renamed over the target. On failure the temporary
 * file is removed and the target is left as it was.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
	const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
	let fd: number | undefined;
	try {
		fd = openSync(temp, 'w', 0o644);
		writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
		fsyncSync(fd);
		closeSync(fd);
		fd = undefined;
		renameSync(temp, path);
	} catch (error) {
		if (fd !== undefined) closeSync(fd);
		rmSync(temp, {force: true});
		throw error;
	}
}
