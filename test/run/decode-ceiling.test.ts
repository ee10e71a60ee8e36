import {describe, expect, it} from 'vitest';
import {decodeCeiling, formatDecodeCeiling} from '../../src/run/decode-ceiling.js';

describe('decodeCeiling', () => {
	it.each([
		['no bandwidth', undefined, 100e6, 10, null],
		['zero bandwidth', 0, 100e6, 10, null],
		['NaN bandwidth', Number.NaN, 100e6, 10, null],
		['no model size', 10e9, null, 10, null],
		['zero model size', 10e9, 0, 10, null],
	] as const)('%s: null', (_name, bandwidth, weights, decode, expected) => {
		expect(decodeCeiling(bandwidth, weights, decode)).toBe(expected);
	});

	it('ceiling = bandwidth / weight bytes; fraction = decode / ceiling', () => {
		expect(decodeCeiling(10e9, 100e6, 25)).toEqual({
			bandwidthBytesPerSec: 10e9,
			weightBytes: 100e6,
			ceilingTokensPerSec: 100,
			decodeTokensPerSec: 25,
			fraction: 0.25,
		});
	});

	it.each([null, undefined, Number.NaN, -1])('a decode rate of %s gives the ceiling without a fraction', (decode) => {
		const ceiling = decodeCeiling(10e9, 100e6, decode);
		expect(ceiling?.ceilingTokensPerSec).toBe(100);
		expect(ceiling?.decodeTokensPerSec).toBeNull();
		expect(ceiling?.fraction).toBeNull();
	});

	it('formats the share, the ceiling and its parts', () => {
		expect(formatDecodeCeiling(decodeCeiling(3.3e9, 138e6, 12))).toBe('50 % of the 24 tok/s memory ceiling (3.3 GB/s / 138 MB of weights)');
		expect(formatDecodeCeiling(decodeCeiling(10e9, 100e6, 5))).toBe('5.0 % of the 100 tok/s memory ceiling (10.0 GB/s / 100 MB of weights)');
		expect(formatDecodeCeiling(null)).toBe('—');
	});
});
