import {memo, useMemo} from 'react';
import {renderChart} from '../chart.js';
import {CHART_SPECS} from '../chart-specs.js';
import {useTheme} from '../theme.js';
import {oneLine, truncate} from '../text.js';
import type {ChartView} from '../view.js';
import {FixedText} from './FixedText.js';

/** Props of {@link ChartPanel}. */
export interface ChartPanelProps {
	chart: ChartView;
	width: number;
	plotHeight: number;
	windowMs: number;
	endT: number;
}

/**
 * One live chart: a title with current / p50 / p99 / max and the limit, the
 * asciichart plot, and the spike marker lane (`^` under spike columns).
 */
export const ChartPanel = memo(function ChartPanel({chart, width, plotHeight, windowMs, endT}: ChartPanelProps) {
	const theme = useTheme();
	const spec = CHART_SPECS[chart.id];
	const {primary, secondary, threshold, spikeTimes, span} = chart;
	const lastT = primary.t.length > 0 ? (primary.t[primary.t.length - 1] as number) : -1;
	const rendered = useMemo(
		() =>
			renderChart({
				width,
				height: plotHeight,
				windowMs,
				endT,
				primary,
				secondary,
				threshold,
				spikeTimes,
				span,
				formatLabel: spec.axis,
				floor: spec.floor,
				minSpan: spec.minSpan,
				cap: spec.cap,
			}),
		// The series only grow at the end: their length and last time identify their content.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[width, plotHeight, windowMs, endT, primary.t.length, lastT, secondary?.t.length, threshold, spikeTimes.length, span, spec],
	);
	const color = theme.chart[chart.id];
	const lines = useMemo(
		() => [
			{text: truncate(chartTitle(chart, rendered.thresholdShown ? '-' : '↑', width), width), style: {color, bold: true}},
			...rendered.lines.map((text) => ({text, style: {color}})),
			{text: rendered.lane, style: {color: theme.spike, bold: rendered.spikesInView > 0}},
		],
		[chart, rendered, width, color, theme.spike],
	);
	return <FixedText lines={lines} width={width} />;
});

/**
 * The title line: name, stats and limit; the criterion and legend when they
 * fit in `width`. `mark` tells where the limit is: `-` drawn, `↑` above the
 * chart, `` no chart.
 */
export function chartTitle(chart: ChartView, mark: '-' | '↑' | '', width: number): string {
	const spec = CHART_SPECS[chart.id];
	const {stats} = chart;
	const figures = [spec.format(stats.current), `p50 ${spec.format(stats.p50)}`, `p99 ${spec.format(stats.p99)}`, `max ${spec.format(stats.max)}`];
	let title = [spec.title, ...(chart.note && stats.max === null ? [chart.note] : figures)].join('  ');
	if (chart.threshold !== null) title += `  ${mark}lim ${spec.format(chart.threshold)}`;
	// thresholdOf comes from the events (a replayed file is untrusted): one line, no escape codes.
	for (const extra of [chart.threshold !== null && chart.thresholdOf ? oneLine(chart.thresholdOf) : null, spec.legend]) {
		if (extra && title.length + 2 + extra.length <= width) title += `  ${extra}`;
	}
	return title;
}
