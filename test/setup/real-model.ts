import {existsSync, readFileSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, it} from 'vitest';

/** The pinned facts of the real model (one home: scripts/real-model.json, read by `npm run models:fetch` too). */
export interface RealModelPin {
	file: string;
	sha256: string;
	sizeBytes: number;
	licence: string;
	source: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** scripts/real-model.json. */
export const REAL_MODEL_PIN = JSON.parse(readFileSync(join(ROOT, 'scripts', 'real-model.json'), 'utf8')) as RealModelPin;

/** Where `npm run models:fetch` puts the real model (same rule as the script). */
export function realModelPath(env: NodeJS.ProcessEnv = process.env): string {
	const base = env['LLMTOP_CACHE_DIR'] ? resolve(env['LLMTOP_CACHE_DIR']) : env['XDG_CACHE_HOME'] ? join(resolve(env['XDG_CACHE_HOME']), 'llmtop') : join(homedir(), '.cache', 'llmtop');
	return join(base, 'models', REAL_MODEL_PIN.file);
}

/** The real model's path, or why it cannot be used. */
export type RealModel = {path: string; missing?: undefined} | {path?: undefined; missing: string};

/** Finds the real model: present with its pinned size, or the reason it is not (sha256 is checked by `models:fetch`). */
export function findRealModel(): RealModel {
	const path = realModelPath();
	if (!existsSync(path)) return {missing: `the real model ${path} is absent; run \`npm run models:fetch\``};
	const size = statSync(path).size;
	if (size !== REAL_MODEL_PIN.sizeBytes) return {missing: `the real model ${path} has ${size} bytes, not ${REAL_MODEL_PIN.sizeBytes}; run \`npm run models:fetch\``};
	return {path};
}

/** True when the tests run under CI (`CI` was set before test/setup/terminal-env.ts removed it). */
export const UNDER_CI = process.env['LLMTOP_TEST_UNDER_CI'] === '1' || Boolean(process.env['CI']);

/**
 * `describe` for tests on the real model. Present: the tests run. Absent
 * under CI: one test fails saying so (CI runs `npm run models:fetch` first).
 * Absent elsewhere: the tests are skipped and the reason is printed.
 */
export function describeRealModel(name: string, body: (modelPath: string) => void): void {
	const model = findRealModel();
	if (model.path !== undefined) {
		describe(name, () => body(model.path));
		return;
	}
	if (UNDER_CI) {
		describe(name, () => {
			it('has the real model (CI fetches it with npm run models:fetch)', () => {
				throw new Error(`${model.missing} (under CI the real-model tests fail instead of skipping)`);
			});
		});
		return;
	}
	console.warn(`skipping "${name}": ${model.missing}`);
	describe.skip(name, () => body(''));
}
