import type {Token} from 'node-llama-cpp';
import {describe, expect, it} from 'vitest';
import {IncrementalDetokenizer} from '../../src/engine/detokenizer.js';
import {parseStatNice} from '../../src/engine/nice.js';
import {StopDetector} from '../../src/engine/stop-detector.js';

const tok = (n: number): Token => n as Token;

/** A byte-level vocabulary: token n is the byte n, decoded as UTF-8 like llama.cpp does (bad bytes become U+FFFD). */
const byteDetokenize = (tokens: readonly Token[]): string => Buffer.from(tokens.map(Number)).toString('utf8');

describe('IncrementalDetokenizer', () => {
	it('holds the bytes of a multi-byte character until it is complete', () => {
		const d = new IncrementalDetokenizer(byteDetokenize);
		const text = 'a€b🙂';
		const out = [...Buffer.from(text)].map((b) => d.push(tok(b)));
		expect(out).toEqual(['a', '', '', '€', 'b', '', '', '', '🙂']);
		expect(out.join('') + d.flush()).toBe(text);
	});

	it('lets an invalid byte through after at most 4 tokens, and flushes an incomplete tail', () => {
		const d = new IncrementalDetokenizer(byteDetokenize);
		const out = [0xff, 0xff, 0xff, 0xff].map((b) => d.push(tok(b)));
		expect(out.slice(0, 3)).toEqual(['', '', '']);
		expect(out[3]).toContain('\uFFFD');
		expect(d.push(tok(0xe2))).toBe('');
		expect(d.flush()).toBe('\uFFFD');
		expect(d.flush()).toBe('');
	});

	it('gives the detokenizer the preceding tokens as context', () => {
		const seen: number[][] = [];
		const d = new IncrementalDetokenizer((tokens, last) => {
			seen.push(last.map(Number));
			return byteDetokenize(tokens);
		});
		for (const b of Buffer.from('abcde')) d.push(tok(b));
		expect(seen.at(-1)).toEqual([...Buffer.from('bcd')]);
	});
});

describe('StopDetector', () => {
	it('finds a text trigger even when it arrives split over tokens', () => {
		const stop = new StopDetector([], ['\n\n### Human', '### Human']);
		let text = '';
		let found = -1;
		for (const piece of ['Hi', ' there.', '\n\n##', '# Hu', 'man:']) {
			const checked = text.length;
			text += piece;
			found = stop.matchText(text, checked);
			if (found >= 0) break;
		}
		expect(found).toBe('Hi there.'.length);
		expect(text.slice(0, found)).toBe('Hi there.');
	});

	it('does not report a trigger twice or before it is complete', () => {
		const stop = new StopDetector([], ['<end>']);
		expect(stop.matchText('a <en', 0)).toBe(-1);
		expect(stop.matchText('a <end>', 5)).toBe(2);
		expect(new StopDetector([], []).matchText('anything', 0)).toBe(-1);
	});

	it('matches token triggers at the tail of the stream', () => {
		const stop = new StopDetector([[tok(7), tok(8)], [tok(2)]], []);
		expect(stop.matchTokens([1, 7, 8].map(tok))).toBe(2);
		expect(stop.matchTokens([1, 7].map(tok))).toBe(0);
		expect(stop.matchTokens([2].map(tok))).toBe(1);
		expect(stop.matchTokens([])).toBe(0);
	});
});

describe('parseStatNice', () => {
	it('reads the nice field after the last parenthesis', () => {
		const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194368 100 0 0 0 5 3 0 0 30 10 12 0 7000 100000 500';
		expect(parseStatNice(stat)).toEqual({name: 'node (worker) x', nice: 10});
		expect(parseStatNice('12 (a) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0')).toEqual({name: 'a', nice: 0});
		expect(parseStatNice('12 (a) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 39 -19 1 0')).toEqual({name: 'a', nice: -19});
		expect(parseStatNice('garbage')).toBeNull();
		expect(parseStatNice('1 (x) R 1')).toBeNull();
	});
});
