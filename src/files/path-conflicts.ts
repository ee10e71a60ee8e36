import {closeSync, openSync, readSync, realpathSync, statSync} from 'node:fs';
import {basename, dirname, resolve} from 'node:path';

/** A path a command reads or writes, named by the flag that gave it. */
export interface NamedPath {
	/** `--events`, `--model`, `REPORT` (a positional), ... */
	flag: string;
	path: string;
	role: 'input' | 'output';
}

/**
 * The first pair where an output is the same file as an input or another
 * output (`--events` equal to `--model`, or a symlink or `./` spelling of
 * it), as one line; undefined when all differ. An output that is an
 * existing GGUF model is refused too, whoever named it: a model in llmtop's
 * cache (`synthetic:`, `hf:`) is not a path on the command line, and a
 * multi-GB download should not be lost to one typo. Two outputs to `-`
 * (stdout) conflict; one does not, nor do character devices (`/dev/null`).
 */
export function findPathConflict(paths: readonly NamedPath[]): string | undefined {
	const toStdout = paths.filter((entry) => entry.role === 'output' && entry.path === '-');
	if (toStdout.length > 1) return `${toStdout[0]!.flag} - and ${toStdout[1]!.flag} - both go to stdout; give one of them a file`;
	const keyed = paths.filter((entry) => entry.path !== '-').map((entry) => ({...entry, key: identity(entry.path)}));
	for (const [i, a] of keyed.entries()) {
		if (a.key === undefined) continue;
		for (const b of keyed.slice(i + 1)) {
			if (b.key !== a.key || (a.role === 'input' && b.role === 'input')) continue;
			const [output, other] = a.role === 'output' ? [a, b] : [b, a];
			return `${output.flag} ${output.path} is the same file as ${other.flag} ${other.path}; writing it would destroy the ${other.role === 'input' ? 'input' : 'other output'}`;
		}
	}
	for (const entry of paths) {
		if (entry.role === 'output' && entry.path !== '-' && isGgufFile(entry.path)) {
			return `${entry.flag} ${entry.path} is a GGUF model; llmtop never writes over a model (give another path)`;
		}
	}
	return undefined;
}

/** Whether `path` is an existing regular file that starts with the GGUF magic. */
function isGgufFile(path: string): boolean {
	let fd: number | undefined;
	try {
		if (!statSync(path).isFile()) return false;
		fd = openSync(path, 'r');
		const magic = Buffer.alloc(4);
		return readSync(fd, magic, 0, 4, 0) === 4 && magic.toString('latin1') === 'GGUF';
	} catch {
		return false;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** `dev:ino` of an existing file, the resolved path of one to be created; undefined for devices. */
function identity(path: string): string | undefined {
	try {
		const stats = statSync(path);
		if (stats.isCharacterDevice()) return undefined;
		return `inode:${stats.dev}:${stats.ino}`;
	} catch {
		try {
			return `path:${resolve(realpathSync(dirname(resolve(path))), basename(path))}`;
		} catch {
			return `path:${resolve(path)}`;
		}
	}
}
