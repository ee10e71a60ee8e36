import {statSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {GgufHeaderError} from './errors.js';

const SPLIT_NAME = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/;

/**
 * The parts of a split GGUF (`NAME-00001-of-00003.gguf`) named by `path`, all
 * checked to exist as regular files, lowest first; `[path]` for a file whose
 * name is not a split name. Stops at the first missing part, so a name
 * claiming 99,999 parts costs one `stat` per part that really exists.
 *
 * @throws GgufHeaderError naming the first missing part, or a part number beyond the count
 */
export function checkSplitParts(path: string): string[] {
	const match = SPLIT_NAME.exec(basename(path));
	if (!match) return [path];
	const [, prefix, partText, countText] = match as unknown as [string, string, string, string];
	const part = Number(partText);
	const count = Number(countText);
	if (part < 1 || count < 1 || part > count) throw new GgufHeaderError(path, 0, `split file name says part ${part} of ${count}`, 'corrupt');
	const parts: string[] = [];
	for (let i = 1; i <= count; i++) {
		const sibling = join(dirname(path), `${prefix}-${String(i).padStart(5, '0')}-of-${countText}.gguf`);
		const stats = statSync(sibling, {throwIfNoEntry: false});
		if (!stats?.isFile()) {
			throw new GgufHeaderError(path, 0, `split model part ${i} of ${count} is ${stats ? 'not a regular file' : 'missing'}: ${sibling}`, 'truncated');
		}
		parts.push(sibling);
	}
	return parts;
}
