import {realpathSync, statSync} from 'node:fs';
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
 * it), as one line; undefined when all differ. `-` (stdout) and character
 * devices (`/dev/null`) never conflict.
 */
export function findPathConflict(paths: readonly NamedPath[]): string | undefined {
	const keyed = paths.filter((entry) => entry.path !== '-').map((entry) => ({...entry, key: identity(entry.path)}));
	for (const [i, a] of keyed.entries()) {
		if (a.key === undefined) continue;
		for (const b of keyed.slice(i + 1)) {
			if (b.key !== a.key || (a.role === 'input' && b.role === 'input')) continue;
			const [output, other] = a.role === 'output' ? [a, b] : [b, a];
			return `${output.flag} ${output.path} is the same file as ${other.flag} ${other.path}; writing it would destroy the ${other.role === 'input' ? 'input' : 'other output'}`;
		}
	}
	return undefined;
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
