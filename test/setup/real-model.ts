import {describe, it} from 'vitest';
import {findRealModel} from '../../bench/lib/real-model.js';
import {skipUnless} from './skip.js';

export {findRealModel, realModelPath, REAL_MODEL_PIN} from '../../bench/lib/real-model.js';

/** True when the tests run under CI (`CI` was set before test/setup/terminal-env.ts removed it). */
export const UNDER_CI = process.env['LLMTOP_TEST_UNDER_CI'] === '1' || Boolean(process.env['CI']);

/**
 * `describe` for tests on the real model (`npm run models:fetch`). Present:
 * the tests run. Absent under CI: one test fails saying so (CI fetches the
 * model first). Absent elsewhere: the tests are skipped and the reason printed.
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
	skipUnless(false, `"${name}": ${model.missing}`);
	describe.skip(name, () => body(''));
}
