/**
 * One frame's data, built outside React's render (in the frame timer, a key
 * handler or a resize listener): the view selected from the store, the
 * layout for the terminal size and the prompts table's cells (rendered to
 * text). Rendering then only reads. The view is selected once per store
 * version and chart window: a key press or a resize reuses the previous
 * frame's.
 */
import type {RunStore} from '../run/store.js';
import {dashboardLayout, fitTable, type GridLayout, type MinimalLayout, type Size} from './layout.js';
import {tableCells, type PromptCells} from './prompt-cells.js';
import {selectView} from './select-view.js';
import type {TableRenderer} from './table-renderer.js';
import type {Theme} from './theme.js';
import type {UiState} from './ui-state.js';
import type {DashboardMode, DashboardView} from './view.js';

/** The prompts table of a grid layout. */
export interface FrameTable {
	/** Cells of the rows in view and the columns that fit. */
	cells: PromptCells;
	/** Data rows the table shows. */
	rows: number;
	/** Lines left to the output panel under it. */
	outputLines: number;
	/** The table rendered to text (see `table-renderer.ts`); ink-table is rendered live without it. */
	lines?: readonly string[] | undefined;
}

/** What the screen reads: the view, its layout and the prompts table (none in the minimal layout). */
export type Screen = {view: DashboardView} & ({layout: GridLayout; table: FrameTable} | {layout: MinimalLayout; table: null});

/** What one frame shows, and what it was built from. */
export type Frame = Screen & {
	/** Store version the view was selected at. */
	version: number;
	/** Chart window the view was selected for, ms. */
	windowMs: number;
};

/** How to build a frame. */
export interface FrameInputs {
	store: RunStore;
	mode: DashboardMode;
	ui: UiState;
	size: Size;
	theme: Theme;
	tables: TableRenderer;
}

/** Lays `view` out for a terminal of `size`: the layout and the prompts table's cells (not rendered to text). */
export function layoutScreen(view: DashboardView, ui: UiState, size: Size): Screen {
	const layout = dashboardLayout(view, size);
	if (layout.kind === 'minimal') return {view, layout, table: null};
	const {tableRows, outputLines} = fitTable(layout, view.prompts.length);
	const cells = tableCells(view.prompts, ui.selected, view.focusIndex, layout.mainWidth, tableRows);
	return {view, layout, table: {cells, rows: tableRows, outputLines}};
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
	// Frozen (`f`): the view on screen stays until unfrozen; the layout still follows the terminal.
	const reuse = previous !== undefined && (ui.frozen || (previous.version === version && previous.windowMs === ui.windowMs));
	const view = reuse ? previous.view : selectView(store, inputs.mode, ui.windowMs);
	const screen = layoutScreen(view, ui, inputs.size);
	const shownVersion = reuse ? previous.version : version;
	const windowMs = reuse ? previous.windowMs : ui.windowMs;
	if (screen.table === null) return {...screen, version: shownVersion, windowMs};
	const table = {...screen.table, lines: tableLines(screen.layout, screen.table, inputs, renderTable)};
	return {view, layout: screen.layout, table, version: shownVersion, windowMs};
}

function tableLines(layout: GridLayout, table: FrameTable, inputs: FrameInputs, render: boolean): readonly string[] | undefined {
	if (table.rows < 1 || table.cells.columns.length === 0) return undefined;
	return render ? inputs.tables.render(table.cells, layout.mainWidth, inputs.theme) : inputs.tables.peek(table.cells, layout.mainWidth, inputs.theme);
}
