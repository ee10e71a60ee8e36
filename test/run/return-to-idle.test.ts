import {describe, expect, it} from 'vitest';
import {describeReturnToIdle} from '../../src/run/return-to-idle.js';

/** Issue 15, item 10: "back to idle — after the last token" had a dash for a number. */
describe('describeReturnToIdle', () => {
	const measured = {returnToIdleMs: 120, lastTokenT: 5000, idleBeforeSamples: 10, idleAfterMs: 5000};
	it.each([
		['measured', measured, '120 ms after the last token'],
		['measured at once', {...measured, returnToIdleMs: 0}, '0.0 ms after the last token'],
		['no token (every prompt failed)', {...measured, returnToIdleMs: null, lastTokenT: null}, 'not measured (no token was produced)'],
		['no idle baseline (--idle 0)', {...measured, returnToIdleMs: null, idleBeforeSamples: 0}, 'not measured (no idle baseline before the prompts)'],
		[
			'no idle-after phase (try, or stopped during prompts)',
			{...measured, returnToIdleMs: null, idleAfterMs: null},
			'not measured (no idle phase after the prompts)',
		],
		['never came back within the phase', {...measured, returnToIdleMs: null, idleAfterMs: 5000}, 'not within the 5000 ms idle phase after the last token'],
		['NaN is not a time', {...measured, returnToIdleMs: Number.NaN, idleAfterMs: null}, 'not measured (no idle phase after the prompts)'],
	])('%s', (_name, facts, text) => {
		expect(describeReturnToIdle(facts)).toBe(text);
		expect(describeReturnToIdle(facts)).not.toContain('—');
	});
});
