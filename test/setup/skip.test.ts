import {afterEach, describe, expect, it, vi} from 'vitest';
import {currentTestFile, needsBuild, needsFile, skipLine, skipUnless} from './skip.js';

describe('skipUnless', () => {
	afterEach(() => vi.restoreAllMocks());

	it('names the running test file relative to the repository root', () => {
		expect(currentTestFile()).toBe('test/setup/skip.test.ts');
	});

	it.each([
		['test/a.test.ts', 'tmux is not installed', 'test/a.test.ts: skipped: tmux is not installed'],
		['suite "x"', 'the model is absent', 'suite "x": skipped: the model is absent'],
	])('skipLine(%j, %j)', (where, reason, line) => {
		expect(skipLine(where, reason)).toBe(line);
	});

	it('a condition that holds: no skip, nothing printed', () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
		expect(skipUnless(true, 'never printed')).toBe(false);
		expect(log).not.toHaveBeenCalled();
	});

	it('a condition that fails: skip, and the reason printed once with the file', () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
		expect(skipUnless(false, 'a reason printed once')).toBe(true);
		expect(skipUnless(false, 'a reason printed once')).toBe(true);
		expect(log.mock.calls).toEqual([['test/setup/skip.test.ts: skipped: a reason printed once']]);
	});

	it('the common conditions say what is missing', () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
		expect(needsBuild('dist/no/such/file.js')).toBe(true);
		expect(needsFile('/no/such/model.gguf', 'the test model')).toBe(true);
		expect(needsFile('/', 'the root directory')).toBe(false);
		expect(log.mock.calls).toEqual([
			['test/setup/skip.test.ts: skipped: dist/no/such/file.js is not built (npm run build)'],
			['test/setup/skip.test.ts: skipped: the test model /no/such/model.gguf is absent'],
		]);
	});
});
