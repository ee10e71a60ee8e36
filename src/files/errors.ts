/**
 * The one error class of `src/files`: a path that cannot be read or written
 * as asked. The CLI maps it to one line on stderr and exit 2.
 */
export class FileError extends Error {
	override name = 'FileError';
	constructor(
		readonly path: string,
		readonly problem: string,
		/** The errno code behind it, when there is one (`ENOSPC`, `EISDIR`, ...). */
		readonly code?: string,
	) {
		super(`${path}: ${problem}`);
	}
}

/** A short reason for an errno code (`ENOSPC` → `no space left on the device`). */
export function describeErrno(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOSPC':
			return 'no space left on the device (ENOSPC)';
		case 'EDQUOT':
			return 'disk quota exceeded (EDQUOT)';
		case 'EACCES':
		case 'EPERM':
			return `permission denied (${code})`;
		case 'ENOENT':
			return 'no such file or directory';
		case 'EISDIR':
			return 'is a directory';
		case 'EROFS':
			return 'read-only file system (EROFS)';
		case 'EIO':
			return 'input/output error (EIO)';
		case 'EFBIG':
			return 'file too large (EFBIG)';
		default:
			return code ?? (error instanceof Error ? error.message : String(error));
	}
}
