import {accessSync, constants} from 'node:fs';
import {it} from 'vitest';
import {skipUnless} from '../setup/skip.js';

/** True when the test process was started with CI set (see test/setup/terminal-env.ts, which removes CI itself). */
export const UNDER_CI = process.env['LLMTOP_TEST_UNDER_CI'] === '1';

/** Whether an executable exists; when it does not, says why the tests are skipped, or under CI adds a failing test instead. */
export function requireExecutable(path: string, what: string): boolean {
	let present = true;
	try {
		accessSync(path, constants.X_OK);
	} catch {
		present = false;
	}
	if (present) return true;
	if (UNDER_CI) {
		it(`${what} is installed (required under CI)`, () => {
			throw new Error(`${path} is missing: .ci/run installs it`);
		});
	} else {
		skipUnless(false, `${what} tests: ${path} is missing (apt-get install it; under CI this fails)`);
	}
	return false;
}
