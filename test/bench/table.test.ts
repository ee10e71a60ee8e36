import {describe, expect, it} from 'vitest';
import {figureRow, fmt, fmtMb, formatTable, meets, missingRow} from '../../bench/lib/table.js';

describe('figureRow', () => {
	it('judges the median against the target and shows the spread', () => {
		const row = figureRow('s', 'ratio', {n: 3, min: 0.95, median: 0.98, max: 1.01}, {digits: 3, target: {op: '>=', value: 0.97}});
		expect(row).toMatchObject({value: '0.980', target: '>= 0.970', status: 'pass', spread: '0.950..1.010 (n=3)'});
		expect(figureRow('s', 'cpu', {n: 1, min: 36, median: 36, max: 36}, {unit: ' %', digits: 1, target: {op: '<=', value: 35}})).toMatchObject({
			value: '36.0 %',
			status: 'fail',
			spread: 'n=1',
		});
	});

	it('is info without a target and n/a without data', () => {
		expect(figureRow('s', 'x', {n: 2, min: 1, median: 1.5, max: 2}).status).toBe('info');
		expect(figureRow('s', 'x', {n: 0, min: null, median: null, max: null}, {target: {op: '=', value: 0}})).toMatchObject({value: '—', status: 'n/a'});
		expect(missingRow('s', 'local build', 'run llmtop engine build')).toMatchObject({status: 'n/a', spread: 'run llmtop engine build'});
	});
});

describe('meets and fmt', () => {
	it.each([
		[1, {op: '>=' as const, value: 1}, true],
		[0.99, {op: '>=' as const, value: 1}, false],
		[35, {op: '<=' as const, value: 35}, true],
		[0, {op: '=' as const, value: 0}, true],
		[1, {op: '=' as const, value: 0}, false],
	])('%d %j', (value, target, expected) => expect(meets(value, target)).toBe(expected));

	it('formats missing numbers as a dash', () => {
		expect([fmt(null), fmt(undefined), fmt(Number.NaN), fmt(1.234, 1)]).toEqual(['—', '—', '—', '1.2']);
	});

	it.each([
		[undefined, 0, '—'],
		[0, 0, '0'],
		[144_218_656, 0, '144'],
		[3_949_999, 1, '3.9'],
		[667_849_600, 1, '667.8'],
	])('fmtMb(%s, %d) is %s', (bytes, digits, expected) => expect(fmtMb(bytes, digits)).toBe(expected));
});

describe('formatTable', () => {
	it('groups rows under their section, aligned', () => {
		const text = formatTable([
			figureRow('A', 'one', {n: 1, min: 1, median: 1, max: 1}),
			figureRow('A', 'two', {n: 1, min: 2, median: 2, max: 2}, {target: {op: '<=', value: 1}}),
			missingRow('B', 'three', 'why'),
		]);
		const lines = text.split('\n');
		expect(lines[2]).toBe('[A]');
		expect(lines[4]).toMatch(/^ {2}two +2\.00 +<= 1\.00 +FAIL +n=1$/);
		expect(lines[5]).toBe('[B]');
		expect(lines[6]).toMatch(/^ {2}three +— +— +n\/a +why$/);
	});
});
