import {describe, expect, it} from 'vitest';
import {displayWidth, markEmptyLines, oneLine, padEnd, padStart, sanitize, tailLines, truncate, wrapLines} from '../../src/ui/text.js';

describe('text helpers', () => {
	it.each([
		['hello', 10, 'hello'],
		['hello world', 5, 'hell…'],
		['hello', 1, '…'],
		['hello', 0, ''],
		['漢字漢字', 5, '漢字…'],
	])('truncate(%j, %i) = %j', (text, width, expected) => {
		expect(truncate(text, width)).toBe(expected);
		expect(displayWidth(truncate(text, width))).toBeLessThanOrEqual(Math.max(0, width));
	});

	it('pads to an exact width', () => {
		expect(padEnd('ab', 4)).toBe('ab  ');
		expect(padStart('ab', 4)).toBe('  ab');
		expect(padStart('abcdef', 4)).toBe('abc…');
	});

	it('counts wide and emoji-capable characters as two columns', () => {
		expect(displayWidth('ab')).toBe(2);
		expect(displayWidth('漢')).toBe(2);
		expect(displayWidth('🙂')).toBe(2);
		expect(displayWidth('─│✓✗')).toBe(4);
	});

	it('drops escape sequences and control characters from untrusted text', () => {
		expect(sanitize('a\u001B[31mred\u001B[0m\tb\rc\u0007')).toBe('ared  bc');
		expect(sanitize('line\nnext')).toBe('line\nnext');
		expect(sanitize('x\u001B]8;;http://e\u0007link\u001B]8;;\u0007')).toBe('xlink');
	});

	it('wraps at spaces, breaks long words and keeps every line within the width', () => {
		expect(wrapLines('the quick brown fox', 9)).toEqual(['the quick', 'brown fox']);
		expect(wrapLines('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wrapLines('a\n\nb', 5)).toEqual(['a', '', 'b']);
		for (const line of wrapLines('漢字 漢字漢字 ab 漢', 5)) expect(displayWidth(line)).toBeLessThanOrEqual(5);
	});

	it('makes runs of empty lines visible and flattens one-line text', () => {
		expect(markEmptyLines('\n'.repeat(128))).toBe('\n[127 empty lines]\n');
		expect(markEmptyLines('a\n\nb')).toBe('a\n\nb');
		expect(markEmptyLines('a\n\n\n\nb')).toBe('a\n[3 empty lines]\nb');
		expect(oneLine(' a\n\tb\u001B[1m c ')).toBe('a b c');
	});

	it('gives the same tail as wrapping the whole text', () => {
		const text = Array.from({length: 3000}, (_, index) => `w${index}${index % 97 === 0 ? '\n' : ''}`).join(' ');
		for (const width of [7, 20, 61]) expect(tailLines(text, width, 4)).toEqual(wrapLines(text, width).slice(-4));
		expect(tailLines('short', 10, 3)).toEqual(['short']);
		expect(tailLines('x', 10, 0)).toEqual([]);
	});
});
