import {memo} from 'react';
import {Box} from 'ink';
import type {FrameTable} from '../frame.js';
import type {GridLayout} from '../layout.js';
import type {UiState} from '../ui-state.js';
import type {DashboardView} from '../view.js';
import {ChartPanel} from './ChartPanel.js';
import {CriteriaPanel, criteriaPanelLines} from './CriteriaPanel.js';
import {OutputPanel} from './OutputPanel.js';
import {PromptsTable} from './PromptsTable.js';
import {SpikeList} from './SpikeList.js';

/** Props of {@link GridBody}. */
export interface GridBodyProps {
	view: DashboardView;
	ui: UiState;
	layout: GridLayout;
	/** The prompts table: cells, rows, the output lines left, and its text if rendered already. */
	table: FrameTable;
}

/**
 * The full and compact body: four charts in two rows (the compact one shows
 * one pair, taller; `c` switches), then criteria and spikes on the left,
 * prompts and output on the right.
 */
export const GridBody = memo(function GridBody({view, ui, layout, table}: GridBodyProps) {
	const [cpu, rss, itl, tokensPerSec] = view.charts;
	const chart = (data: typeof cpu) =>
		data ? <ChartPanel chart={data} width={layout.chartWidth} plotHeight={layout.plotHeight} windowMs={ui.windowMs} endT={view.endT} /> : null;
	const focus = ui.selected ?? view.focusIndex;
	const outputRow = view.prompts[focus] ?? null;
	const full = layout.kind === 'full';
	const criteriaLines = Math.min(layout.bottomHeight, criteriaPanelLines(view.criteria, layout.sideWidth).length + (full ? 1 : 0));
	return (
		<Box flexDirection="column" width={layout.width}>
			{layout.chartRows === 2 || ui.chartPage === 0 ? (
				<Box flexDirection="row" columnGap={1}>
					{chart(cpu)}
					{chart(rss)}
				</Box>
			) : null}
			{layout.chartRows === 2 || ui.chartPage === 1 ? (
				<Box flexDirection="row" columnGap={1}>
					{chart(itl)}
					{chart(tokensPerSec)}
				</Box>
			) : null}
			<Box flexDirection="row" columnGap={1} height={layout.bottomHeight} overflowY="hidden">
				<Box flexDirection="column" width={layout.sideWidth}>
					<CriteriaPanel criteria={view.criteria} verdict={view.header.verdict} width={layout.sideWidth} title={full} maxLines={criteriaLines} />
					<SpikeList count={view.spikeCount} latest={view.latestSpikes} width={layout.sideWidth} lines={layout.bottomHeight - criteriaLines} />
				</Box>
				<Box flexDirection="column" width={layout.mainWidth}>
					<PromptsTable table={table} promptCount={view.prompts.length} width={layout.mainWidth} />
					<OutputPanel row={outputRow} selected={ui.selected !== null} width={layout.mainWidth} lines={table.outputLines} />
				</Box>
			</Box>
		</Box>
	);
});
