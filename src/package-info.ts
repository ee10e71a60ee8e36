/**
 * Where llmtop is installed and which version it is: read by the commands
 * (`--version`, the `tool` of a report) and the suite loader (shipped prompts).
 */
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

let cachedRoot: string | undefined;
let cachedVersion: string | undefined;

/**
 * The package root: the nearest folder above this module holding both
 * `package.json` and `prompts/`. Works from `src/` and `dist/src/`.
 */
export function packageRoot(): string {
	if (cachedRoot !== undefined) return cachedRoot;
	const start = dirname(fileURLToPath(import.meta.url));
	for (let dir = start; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prompts'))) return (cachedRoot = dir);
		if (dirname(dir) === dir) return (cachedRoot = join(start, '..'));
	}
}

/** llmtop's version, from its package.json. */
export function toolVersion(): string {
	if (cachedVersion !== undefined) return cachedVersion;
	const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {version: string};
	return (cachedVersion = pkg.version);
}
