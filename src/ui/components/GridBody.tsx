import {memo} from 'react';
import {Box} from 'ink';
import type {FrameTable} from '../frame.js';
import type {GridLayout} from '../layout.js';
import type {UiState} from '../ui-state.js';
import type {DashboardView, ShownChartId} from '../view.js';
import {chartRows} from '../chart-pages.js';
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
 * one pair, taller; `c` switches pages, see `chart-pages.ts`), then criteria and spikes on the left,
 * prompts and output on the right.
 */
export const GridBody = memo(function GridBody({view, ui, layout, table}: GridBodyProps) {
	const byId = new Map(view.charts.map((data) => [data.id, data]));
	const chart = (id: ShownChartId) => {
		const data = byId.get(id);
		return data ? <ChartPanel key={id} chart={data} width={layout.chartWidth} plotHeight={layout.plotHeight} windowMs={ui.windowMs} endT={view.endT} /> : null;
	};
	const focus = ui.selected ?? view.focusIndex;
	const outputRow = view.prompts[focus] ?? null;
	const full = layout.kind === 'full';
	const criteriaLines = Math.min(layout.bottomHeight, criteriaPanelLines(view.criteria, layout.sideWidth).length + (full ? 1 : 0));
	return (
		<Box flexDirection="column" width={layout.width}>
			{chartRows(layout.kind, ui.chartPage).map(([left, right], row) => (
				<Box key={row} flexDirection="row" columnGap={1}>
					{chart(left)}
					{chart(right)}
				</Box>
			))}
			<Box flexDirection="row" columnGap={1} height={layout.bottomHeight} overflowY="hidden">
				<Box flexDirection="column" width={layout.sideWidth}>
					<CriteriaPanel criteria={view.criteria} verdict={view.header.verdict} width={layout.sideWidth} title={full} maxLines={criteriaLines} />
					<SpikeList
						count={view.spikeCount}
						loadCount={view.loadSpikeCount ?? 0}
						latest={view.latestSpikes}
						width={layout.sideWidth}
						lines={layout.bottomHeight - criteriaLines}
					/>
				</Box>
				<Box flexDirection="column" width={layout.mainWidth}>
					<PromptsTable table={table} promptCount={view.prompts.length} width={layout.mainWidth} />
					<OutputPanel row={outputRow} selected={ui.selected !== null} width={layout.mainWidth} lines={table.outputLines} />
				</Box>
			</Box>
		</Box>
	);
});
