import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {packageRoot} from '../package-info.js';

const DEFAULT_SUITE = 'endpoint-security';
const SUITE_NAME = /^[a-z0-9][a-z0-9-]*$/;

export {packageRoot};

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
