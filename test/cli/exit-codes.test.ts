import {describe, expect, it} from 'vitest';
import {combineExitCodes, EXIT, exitCodeRank, SIGNAL_EXIT, verdictExitCode} from '../../src/cli/exit-codes.js';

describe('exit codes', () => {
	it('are the contract of DESIGN.md', () => {
		expect(EXIT).toEqual({pass: 0, fail: 1, usage: 2, inconclusive: 3, internal: 70, hangup: 129, interrupted: 130, pipeClosed: 141, terminated: 143});
		expect(SIGNAL_EXIT).toEqual({SIGHUP: 129, SIGINT: 130, SIGTERM: 143});
	});

	it.each([
		[[], 0],
		[[0], 0],
		[[0, 3], 3],
		[[3, 1], 1],
		[[1, 3, 0], 1],
		[[1, 2], 2],
		[[2, 3], 2],
		[[2, 141], 141],
		[[141, 1], 141],
		[[141, 130], 130],
		[[130, 2, 1, 3], 130],
		[[129, 141], 129],
		[[143, 130], 143],
		[[130, 143], 143],
		[[130, 129], 130],
		[[70, 2], 70],
		[[1, 70], 70],
		[[141, 70], 141],
		[[130, 70], 130],
	])('combineExitCodes(%j) is %i (signals > 141 > 70 > 2 > 1 > 3 > 0)', (codes, expected) => {
		expect(combineExitCodes(...codes)).toBe(expected);
		expect(combineExitCodes(...[...codes].reverse())).toBe(expected);
	});

	it('ranks a code outside the contract below the signals and above 141', () => {
		expect(exitCodeRank(137)).toBeGreaterThan(exitCodeRank(EXIT.hangup));
		expect(exitCodeRank(137)).toBeLessThan(exitCodeRank(EXIT.pipeClosed));
		expect(combineExitCodes(137, 141, 2)).toBe(137);
	});
});

describe('verdictExitCode', () => {
	it.each([
		['pass', 0],
		['fail', 1],
		['inconclusive', 3],
		['pending', 3],
	] as const)('%s -> %i (was: everything but fail exited 0)', (verdict, code) => {
		expect(verdictExitCode(verdict)).toBe(code);
	});
});
