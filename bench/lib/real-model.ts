/**
 * The real model of scripts/real-model.json (SmolLM2-135M-Instruct Q4_1, put
 * into the user cache by `npm run models:fetch`): its pinned facts and where
 * it lives. The tests (test/setup/real-model.ts) find it here too.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The pinned facts of the real model. */
export interface RealModelPin {
	file: string;
	sha256: string;
	sizeBytes: number;
	licence: string;
	source: string;
}

/** Finds the repository root from `bench/lib/` and from `dist/bench/lib/`. */
function repoRoot(): string {
	const here = dirname(fileURLToPath(import.meta.url));
	for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
		if (existsSync(join(dir, 'scripts', 'real-model.json'))) return dir;
	}
	return resolve(here, '..', '..');
}

/** scripts/real-model.json. */
export const REAL_MODEL_PIN = JSON.parse(readFileSync(join(repoRoot(), 'scripts', 'real-model.json'), 'utf8')) as RealModelPin;

/** Where `npm run models:fetch` puts the real model: `$LLMTOP_CACHE_DIR`, `$XDG_CACHE_HOME/llmtop` or `~/.cache/llmtop`, then `models/`. */
export function realModelPath(env: NodeJS.ProcessEnv = process.env): string {
	const base = env['LLMTOP_CACHE_DIR']
		? resolve(env['LLMTOP_CACHE_DIR'])
		: env['XDG_CACHE_HOME']
			? join(resolve(env['XDG_CACHE_HOME']), 'llmtop')
			: join(homedir(), '.cache', 'llmtop');
	return join(base, 'models', REAL_MODEL_PIN.file);
}

/** The real model's path, or why it cannot be used (its sha256 is checked by `models:fetch`; here, its size). */
export type RealModel = {path: string; missing?: undefined} | {path?: undefined; missing: string};

/** Finds the real model in the user cache. */
export function findRealModel(env: NodeJS.ProcessEnv = process.env): RealModel {
	const path = realModelPath(env);
	if (!existsSync(path)) return {missing: `the real model ${path} is absent; run \`npm run models:fetch\``};
	const size = statSync(path).size;
	if (size !== REAL_MODEL_PIN.sizeBytes)
		return {missing: `the real model ${path} has ${size} bytes, not ${REAL_MODEL_PIN.sizeBytes}; run \`npm run models:fetch\``};
	return {path};
}
