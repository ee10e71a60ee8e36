import {describe, expect, it} from 'vitest';
import {CHART_GLYPHS, renderChart, type ChartInput} from '../../src/ui/chart.js';
import {displayWidth} from '../../src/ui/text.js';

function input(extra: Partial<ChartInput> = {}): ChartInput {
	const t = Array.from({length: 600}, (_, index) => index * 100);
	const v = t.map((time) => (time === 30_000 ? 95 : 20));
	return {
		width: 60,
		height: 6,
		windowMs: 60_000,
		endT: 59_900,
		primary: {t, v},
		formatLabel: (value) => `${value.toFixed(0)}%`,
		cap: 100,
		minSpan: 10,
		...extra,
	};
}

describe('renderChart', () => {
	it('draws height lines of exactly width columns', () => {
		const chart = renderChart(input());
		expect(chart.lines).toHaveLength(6);
		for (const line of [...chart.lines, chart.lane]) expect(displayWidth(line)).toBe(60);
	});

	it('marks a spike in the lane under the column of its peak', () => {
		const chart = renderChart(input({spikeTimes: [30_000]}));
		const column = chart.lane.lastIndexOf(CHART_GLYPHS.spike);
		expect(chart.spikesInView).toBe(1);
		expect(chart.lines[0]?.[column]).toBe(CHART_GLYPHS.peak);
		expect(chart.lane.slice(0, 6)).toContain('1');
	});

	it('keeps a one-sample spike visible in a 10-minute window', () => {
		const chart = renderChart(input({windowMs: 600_000}));
		expect(chart.lines[0]).toMatch(/95%┤.*[╭╮│]/);
	});

	it('ignores spikes outside the window', () => {
		expect(renderChart(input({windowMs: 30_000, spikeTimes: [10_000]})).spikesInView).toBe(0);
	});

	it('draws the threshold as a dashed line and the second series as dots', () => {
		const chart = renderChart(input({threshold: 50, secondary: {t: [20_000, 40_000], v: [70, 70]}}));
		expect(chart.thresholdShown).toBe(true);
		expect(chart.lines.some((line) => line.includes('-----'))).toBe(true);
		expect(chart.lines.join('\n')).toContain(CHART_GLYPHS.secondary);
	});

	it('leaves a far-away threshold out of the y range', () => {
		const chart = renderChart(input({threshold: 6 * 1024 ** 3, cap: undefined}));
		expect(chart.thresholdShown).toBe(false);
		expect(chart.lines.join('')).not.toContain('---');
	});

	it('draws only an axis without data, and blank columns where data is missing', () => {
		const empty = renderChart(input({primary: {t: [], v: []}}));
		expect(empty.lines).toHaveLength(6);
		expect(empty.lines.every((line) => line.includes(CHART_GLYPHS.axis))).toBe(true);
		const late = renderChart(input({primary: {t: [50_000, 55_000], v: [10, 12]}}));
		expect(late.lines.every((line) => line.slice(7, 40).trim() === '')).toBe(true);
	});

	it('survives values beyond the cap and too little width', () => {
		expect(renderChart(input({primary: {t: [100, 200], v: [150, -3]}})).lines).toHaveLength(6);
		expect(renderChart(input({width: 5})).lines.every((line) => line.length === 5)).toBe(true);
	});
});
