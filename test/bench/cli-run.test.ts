import {describe, expect, it} from 'vitest';
import {isMeasured} from '../../bench/lib/cli-run.js';

describe('isMeasured (a bench run that finished its measurement)', () => {
	it.each([
		[0, true],
		[1, true],
		// Inconclusive: --idle 0, or the busy-machine rule held criteria back; the figures are all there.
		[3, true],
		[2, false],
		[70, false],
		[130, false],
		[null, false],
	])('exit %s -> %s', (code, measured) => {
		expect(isMeasured(code)).toBe(measured);
	});
});
