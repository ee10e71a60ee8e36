import fs from 'node:fs';

/**
 * A `/proc` file kept open and re-read from offset 0 into one preallocated
 * buffer (`pread`): measured 2-9x cheaper per read than `readFileSync`, which
 * opens, stats and closes the file and allocates every time.
 */
export class ProcFile {
	/** Bytes of the last read; valid until the next `read()`. */
	readonly buf: Buffer;
	private fd: number;

	/** Opens `path`; throws (ENOENT, EACCES...) when it cannot be opened. */
	constructor(
		readonly path: string,
		capacity = 4096,
	) {
		this.fd = fs.openSync(path, 'r');
		this.buf = Buffer.allocUnsafe(capacity);
	}

	/** Reads the file's first `capacity` bytes; returns how many. Throws on a read error. */
	read(): number {
		if (this.fd < 0) throw new Error(`${this.path} is closed`);
		return fs.readSync(this.fd, this.buf, 0, this.buf.length, 0);
	}

	close(): void {
		if (this.fd < 0) return;
		try {
			fs.closeSync(this.fd);
		} catch {
			// Already gone: nothing to release.
		}
		this.fd = -1;
	}
}

/** Opens a `ProcFile`, or returns undefined when the file cannot be opened or read once. */
export function tryOpenProcFile(path: string, capacity?: number): ProcFile | undefined {
	let file: ProcFile | undefined;
	try {
		file = new ProcFile(path, capacity);
		file.read();
		return file;
	} catch {
		file?.close();
		return undefined;
	}
}
