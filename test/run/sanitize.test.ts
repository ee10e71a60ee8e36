import {describe, expect, it} from 'vitest';
import {sanitize, sanitizeLine} from '../../src/run/sanitize.js';

describe('sanitize (the one sanitiser)', () => {
	it.each([
		['OSC 52 clipboard write (BEL)', 'a\u001b]52;c;aGVsbG8=\u0007b', 'ab'],
		['OSC 52 (ST)', 'a\u001b]52;c;aGVsbG8=\u001b\\b', 'ab'],
		['OSC 0 title', '\u001b]0;owned\u0007title', 'title'],
		['ESC[2J clear screen', 'x\u001b[2Jy', 'xy'],
		['8-bit CSI', 'x\u009b2Jy', 'xy'],
		['8-bit OSC', 'x\u009d0;t\u009cy', 'xy'],
		['DCS string', 'x\u001bPq#0\u001b\\y', 'xy'],
		['a lone ESC and C0 controls', 'a\u001b\u0000\u0008\u0007b', 'ab'],
		['bidi override', 'abc\u202edef', 'abcdef'],
		['tabs and CR', 'a\tb\rc', 'a  bc'],
		['newlines kept', 'a\nb', 'a\nb'],
		['plain text untouched', 'décodé ✓ 東京', 'décodé ✓ 東京'],
	])('%s', (_name, input, output) => {
		expect(sanitize(input)).toBe(output);
	});

	it('sanitizeLine folds whitespace and newlines into single spaces', () => {
		expect(sanitizeLine(' a\n\n b\u001b[31m c ')).toBe('a b c');
	});
});
