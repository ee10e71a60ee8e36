import {describe, expect, it} from 'vitest';
import {formatGrowth, formatGrowthRate, formatSoakStatus, isSoak} from '../../src/run/soak-format.js';

const MIB = 1024 ** 2;

describe('soak words', () => {
	it.each([
		[{}, false],
		[{repeat: 1}, true],
		[{durationMs: 1000}, true],
	])('isSoak(%j) = %s', (config, expected) => {
		expect(isSoak(config)).toBe(expected);
	});

	it.each<[string, Parameters<typeof formatSoakStatus>, string | null]>([
		['not a soak', [{}, {started: 1, complete: 1}, 5000], null],
		['no config yet', [undefined, {started: 0, complete: 0}, null], null],
		['repeat before the first prompt', [{repeat: 3}, {started: 0, complete: 0}, null], 'pass 1/3'],
		['repeat', [{repeat: 3}, {started: 2, complete: 1}, 9000], 'pass 2/3'],
		['duration', [{durationMs: 7_200_000}, {started: 4, complete: 3}, 723_000], 'pass 4 · 12:03/2:00:00'],
		['duration overrun by the last prompt shows the limit', [{durationMs: 3000}, {started: 2, complete: 1}, 3400], 'pass 2 · 0:03/0:03'],
		['duration before the prompts', [{durationMs: 90_000}, {started: 0, complete: 0}, null], 'pass 0 · 0:00/1:30'],
	])('status: %s', (_name, args, expected) => {
		expect(formatSoakStatus(...args)).toBe(expected);
	});

	it.each([
		[12.3 * MIB, '+12.3 MiB/h'],
		[-512, '-512 B/h'],
		[0, '0 B/h'],
	])('rate %d', (value, expected) => {
		expect(formatGrowthRate(value)).toBe(expected);
	});

	it('says what a growth figure stands on, or why there is none', () => {
		expect(formatGrowth({bytesPerHour: 2 * MIB, passes: 12, spanMs: 3_730_000})).toBe('+2.0 MiB/h over 12 passes over 1:02:10');
		expect(formatGrowth({bytesPerHour: null, passes: 1, spanMs: 0})).toBe('— (needs 2 complete passes over at least 5:00; had 1 pass over 0:00)');
	});
});
