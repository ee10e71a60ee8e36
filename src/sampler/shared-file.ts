import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A private temporary file that helper processes inherit as an fd (the
 * canary's stdout, the load workers' counters): no pipe, so nothing wakes
 * llmtop's JS thread. Unlinked at once where the OS allows (the open fds
 * keep it), so nothing is left behind even on SIGKILL; on Windows it is
 * removed at `close()`.
 */
export interface SharedFile {
	readonly fd: number;
	/** Whether `close()` has been called. */
	readonly closed: boolean;
	/** Closes the file (idempotent). */
	close(): void;
}

/** Creates a `SharedFile` named `name` in a new temp directory `<prefix>XXXXXX`. */
export function openSharedFile(prefix: string, name: string): SharedFile {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const fd = fs.openSync(path.join(dir, name), 'w+', 0o600);
	const remove = (): void => fs.rmSync(dir, {recursive: true, force: true});
	if (process.platform !== 'win32') remove();
	let closed = false;
	return {
		fd,
		get closed() {
			return closed;
		},
		close() {
			if (closed) return;
			closed = true;
			fs.closeSync(fd);
			if (process.platform === 'win32') remove();
		},
	};
}
