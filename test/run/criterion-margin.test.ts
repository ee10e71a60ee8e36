import {describe, expect, it} from 'vitest';
import {criterionMargin, type MarginInput} from '../../src/run/criterion-margin.js';

const at = (status: MarginInput['status'], op: MarginInput['op'], value: number | null, threshold: number, unit: MarginInput['unit']): MarginInput => ({
	status,
	op,
	value,
	threshold,
	unit,
});

describe('criterionMargin (issue 15 item 2)', () => {
	it.each([
		['ITL ratio 7.84 against < 2', at('fail', '<', 7.84, 2, 'ratio'), '3.9x over'],
		['active CPU 38.3 % against <= 35 %', at('fail', '<=', 38.3, 35, '%'), '+3.3 points over'],
		['idle CPU 0.4 % against <= 2 %', at('pass', '<=', 0.4, 2, '%'), '1.6 points to spare'],
		['latency 2600 ms against <= 2500 ms', at('fail', '<=', 2600, 2500, 'ms'), '+4 % over'],
		['latency 1250 ms against <= 2500 ms', at('pass', '<=', 1250, 2500, 'ms'), '50 % of the limit'],
		['interactive delay 125 ms against <= 10 ms', at('fail', '<=', 125, 10, 'ms'), '13x over'],
		['RSS 3 GiB against <= 6 GiB', at('pass', '<=', 3 * 1024 ** 3, 6 * 1024 ** 3, 'bytes'), '50 % of the limit'],
		['correctness 0.68 against >= 0.8', at('fail', '>=', 0.68, 0.8, 'score'), '0.12 short'],
		['correctness 0.9 against >= 0.8', at('pass', '>=', 0.9, 0.8, 'score'), '0.10 to spare'],
		['a ratio exactly at a strict limit', at('fail', '<', 2, 2, 'ratio'), 'at the limit (must be below)'],
		['a value exactly at an inclusive limit', at('pass', '<=', 35, 35, '%'), 'exactly at the limit'],
		['2 failed prompts against <= 0', at('fail', '<=', 2, 0, 'count'), '2 over'],
		['no failed prompt against <= 0', at('pass', '<=', 0, 0, 'count'), 'none'],
		['a tiny overshoot still says over', at('fail', '<=', 2501, 2500, 'ms'), '+1 % over'],
	])('%s: %s', (_name, input, words) => expect(criterionMargin(input)).toBe(words));

	it.each([
		['pending', at('pending', '<=', 30, 35, '%')],
		['skipped', at('skip', '>=', 0.5, 0.8, 'score')],
		['no value', at('fail', '<=', null, 35, '%')],
		['not a number', at('fail', '<=', Number.NaN, 35, '%')],
	])('no margin when %s', (_name, input) => expect(criterionMargin(input)).toBeNull());
});
