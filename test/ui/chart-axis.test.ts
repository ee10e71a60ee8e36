import {describe, expect, it} from 'vitest';
import {bytesAxis, durationAxis, fixed, withoutNegativeZero} from '../../src/ui/chart-axis.js';
import {renderChart} from '../../src/ui/chart.js';
import {CHART_SPECS} from '../../src/ui/chart-specs.js';

const MIB = 1024 ** 2;

/** The y labels of a rendered chart, top to bottom (what stands left of the axis). */
function labels(lines: readonly string[]): string[] {
	return lines.map((line) => line.slice(0, 6).trim()).filter((label) => label !== '');
}

describe('withoutNegativeZero', () => {
	it.each([
		['-0', '0'],
		['-0.0', '0.0'],
		['-0%', '0%'],
		['-0.0s', '0.0s'],
		['-0ms', '0ms'],
		['-0.5', '-0.5'],
		['-01', '-01'],
		['-10', '-10'],
		['0', '0'],
		['12.3s', '12.3s'],
	])('%s → %s', (label, expected) => {
		expect(withoutNegativeZero(label)).toBe(expected);
	});

	it('fixed() never prints -0', () => {
		expect(fixed(-1.7763568394002505e-15, 0)).toBe('0');
		expect(fixed(-0.04, 1)).toBe('0.0');
		expect(fixed(-0.6, 0)).toBe('-1');
	});
});

describe('no -0 on a chart axis', () => {
	// asciichart's bottom label is `max - rows * range / rows`: for these tops it is -1.8e-15, which toFixed(0) prints as `-0`.
	it.each([
		[4, 10.77],
		[4, 10.8],
		[6, 12.83],
		[8, 10.04],
		[10, 14.27],
		[12, 11.64],
	])('tok/s axis, height %i, top %f', (height, top) => {
		const t = Array.from({length: 100}, (_, index) => index * 100);
		const v = t.map((time) => (time === 5000 ? top : 3));
		const chart = renderChart({
			width: 40,
			height,
			windowMs: 10_000,
			endT: 9_900,
			primary: {t, v},
			formatLabel: CHART_SPECS.tokensPerSec.axis,
			floor: CHART_SPECS.tokensPerSec.floor,
			minSpan: CHART_SPECS.tokensPerSec.minSpan,
		});
		expect(labels(chart.lines)).not.toContain('-0');
		expect(labels(chart.lines).at(-1)).toBe('0');
	});

	it('every spec formats a near-zero negative as zero', () => {
		for (const spec of Object.values(CHART_SPECS)) {
			expect(spec.axis(-1e-13, {min: 0, max: 50}).startsWith('-')).toBe(false);
		}
	});
});

describe('one unit per axis', () => {
	it('ITL labels are all seconds when the axis reaches 1 s', () => {
		const range = {min: 0, max: 2900};
		expect([2900, 1933, 967, 0].map((value) => durationAxis(value, range))).toEqual(['2.9s', '1.9s', '1.0s', '0.0s']);
	});

	it('ITL labels are all ms below 1 s, and keep a decimal for a small axis', () => {
		expect([574, 287, 0].map((value) => durationAxis(value, {min: 0, max: 574}))).toEqual(['574ms', '287ms', '0ms']);
		expect(durationAxis(4.5, {min: 0, max: 9})).toBe('4.5ms');
	});

	it('a rendered ITL chart with a 2.9 s stall labels its whole axis in seconds', () => {
		const t = Array.from({length: 400}, (_, index) => 1000 + index * 25);
		const v = t.map((time) => (time === 6000 ? 2900 : 20));
		const chart = renderChart({
			width: 60,
			height: 6,
			windowMs: 12_000,
			endT: 11_000,
			primary: {t, v},
			formatLabel: CHART_SPECS.itl.axis,
			floor: CHART_SPECS.itl.floor,
			minSpan: CHART_SPECS.itl.minSpan,
		});
		const all = labels(chart.lines);
		expect(all.length).toBeGreaterThanOrEqual(2);
		for (const label of all) expect(label).toMatch(/^\d+(\.\d)?s$/);
	});

	it('RSS labels share one binary unit chosen from the top', () => {
		const range = {min: 900 * MIB, max: 1100 * MIB};
		expect([1100 * MIB, 1000 * MIB, 900 * MIB].map((value) => bytesAxis(value, range))).toEqual(['1.1G', '1.0G', '0.9G']);
		expect(bytesAxis(200 * MIB, {min: 0, max: 300 * MIB})).toBe('200M');
		expect(bytesAxis(0, {min: 0, max: 300})).toBe('0B');
	});
});
