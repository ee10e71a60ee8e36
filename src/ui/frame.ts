/**
 * One frame's data, built outside React's render (in the frame timer, a key
 * handler or a resize listener): the view selected from the store and the
 * prompts table rendered to text. Rendering then only reads. The view is
 * selected once per store version and chart window: a key press or a resize
 * reuses the previous frame's.
 */
import type {RunStore} from '../run/store.js';
import {dashboardLayout, fitTable, type Size} from './layout.js';
import {tableCells} from './prompt-cells.js';
import {selectView} from './select-view.js';
import type {TableRenderer} from './table-renderer.js';
import type {Theme} from './theme.js';
import type {UiState} from './ui-state.js';
import type {DashboardMode, DashboardView} from './view.js';

/** What one frame shows. */
export interface Frame {
	view: DashboardView;
	/** The prompts table as text, when the layout shows one and it is rendered. */
	table: readonly string[] | undefined;
	/** Store version the view was selected at. */
	version: number;
	/** Chart window the view was selected for, ms. */
	windowMs: number;
}

/** How to build a frame. */
export interface FrameInputs {
	store: RunStore;
	mode: DashboardMode;
	ui: UiState;
	size: Size;
	theme: Theme;
	tables: TableRenderer;
}

/**
 * Builds a frame, taking the view from `previous` when the store and the
 * chart window are unchanged. With `renderTable` false (inside a React
 * render, where ink-table cannot be rendered to text) the table is taken
 * from the cache only.
 */
export function buildFrame(inputs: FrameInputs, renderTable = true, previous?: Frame): Frame {
	const {store, ui} = inputs;
	const version = store.version;
	const reuse = previous !== undefined && previous.version === version && previous.windowMs === ui.windowMs;
	const view = reuse ? previous.view : selectView(store, inputs.mode, ui.windowMs);
	return {view, table: tableFor(view, inputs, renderTable), version, windowMs: ui.windowMs};
}

function tableFor(view: DashboardView, inputs: FrameInputs, render: boolean): readonly string[] | undefined {
	const layout = dashboardLayout(view, inputs.size);
	if (layout.kind === 'minimal' || layout.tableRows < 1) return undefined;
	const {tableRows} = fitTable(layout, view.prompts.length);
	const cells = tableCells(view.prompts, inputs.ui.selected, view.focusIndex, layout.mainWidth, tableRows);
	if (cells.columns.length === 0) return undefined;
	return render ? inputs.tables.render(cells, layout.mainWidth, inputs.theme) : inputs.tables.peek(cells, layout.mainWidth, inputs.theme);
}
