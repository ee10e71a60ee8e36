import {Box} from 'ink';
import type {MinimalLayout} from '../layout.js';
import type {UiState} from '../ui-state.js';
import type {DashboardView} from '../view.js';
import {ChartPanel, chartTitle} from './ChartPanel.js';
import {CriteriaPanel} from './CriteriaPanel.js';
import {Line} from './Line.js';
import {OutputPanel} from './OutputPanel.js';
import {useTheme} from '../theme.js';

/** Props of {@link MinimalBody}. */
export interface MinimalBodyProps {
	view: DashboardView;
	ui: UiState;
	layout: MinimalLayout;
}

/** The one-column body for small terminals: a stats line per chart (a small CPU chart when there is room), criteria, output. */
export function MinimalBody({view, ui, layout}: MinimalBodyProps) {
	const theme = useTheme();
	const focus = ui.selected ?? view.focusIndex;
	const outputRow = view.prompts[focus] ?? null;
	// The four resource charts; the interactive delay is in the criteria panel (no room for a fifth line at 30x8).
	const [cpu, ...others] = view.charts.filter((chart) => chart.id !== 'canary');
	return (
		<Box flexDirection="column" width={layout.width}>
			{cpu && layout.plotHeight > 0 ? (
				<ChartPanel chart={cpu} width={layout.width} plotHeight={layout.plotHeight} windowMs={ui.windowMs} endT={view.endT} />
			) : cpu ? (
				<Line
					text={`${chartTitle(cpu, '', layout.width)}${cpu.spikeTimes.length > 0 ? `  ^${cpu.spikeTimes.length}` : ''}`}
					width={layout.width}
					color={theme.chart.cpu}
				/>
			) : null}
			{others.map((chart) => (
				<Line key={chart.id} text={chartTitle(chart, '', layout.width)} width={layout.width} color={theme.chart[chart.id]} />
			))}
			<CriteriaPanel criteria={view.criteria} verdict={view.header.verdict} width={layout.width} title={false} maxLines={layout.criteriaLines} />
			<OutputPanel row={outputRow} selected={ui.selected !== null} width={layout.width} lines={layout.outputLines} />
		</Box>
	);
}
