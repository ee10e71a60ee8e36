import {existsSync, readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const DEFAULT_SUITE = 'endpoint-security';
const SUITE_NAME = /^[a-z0-9][a-z0-9-]*$/;

let cachedRoot: string | undefined;

/**
 * The package root: the nearest folder above this module holding both
 * `package.json` and `prompts/`. Works from `src/suite/` and `dist/src/suite/`.
 */
export function packageRoot(): string {
	if (cachedRoot !== undefined) return cachedRoot;
	const start = dirname(fileURLToPath(import.meta.url));
	for (let dir = start; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prompts'))) return (cachedRoot = dir);
		if (dirname(dir) === dir) return (cachedRoot = join(start, '..', '..'));
	}
}

/** The suite `llmtop run` uses without `--suite`: `prompts/endpoint-security.yaml`. */
export function defaultSuitePath(): string {
	return join(packageRoot(), 'prompts', `${DEFAULT_SUITE}.yaml`);
}

/**
 * The path of a suite shipped in `prompts/` by name (`smoke` ->
 * `prompts/smoke.yaml`), or `undefined` when there is none by that name.
 */
export function builtinSuitePath(name: string): string | undefined {
	if (!SUITE_NAME.test(name)) return undefined;
	const path = join(packageRoot(), 'prompts', `${name}.yaml`);
	return existsSync(path) ? path : undefined;
}

/** Names of the suites shipped in `prompts/`, sorted. */
export function builtinSuiteNames(): string[] {
	const dir = join(packageRoot(), 'prompts');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.yaml'))
		.map((file) => file.slice(0, -'.yaml'.length))
		.filter((name) => SUITE_NAME.test(name))
		.sort();
}
