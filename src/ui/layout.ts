/**
 * Layout breakpoints and the line budget of each layout: pure arithmetic
 * from the terminal size, so every frame is at most `rows - 1` lines (a frame
 * as tall as the terminal makes Ink clear the screen on every redraw) and
 * never wider than `columns`.
 */
import type {DashboardView} from './view.js';

/** Terminal size in cells. */
export interface Size {
	columns: number;
	rows: number;
}

/** Smallest size for the full layout. */
export const FULL_MIN: Size = {columns: 120, rows: 36};
/** Smallest size for the compact layout; below it, the minimal one. */
export const COMPACT_MIN: Size = {columns: 80, rows: 24};

/** Narrowest criteria/spikes column in the full and compact layouts; it grows with the terminal up to {@link SIDE_MAX}. */
const SIDE_WIDTH = {full: 53, compact: 40};
/** Widest criteria/spikes column. */
const SIDE_MAX = 96;
/** Share of the width the criteria/spikes column takes when that is more than its minimum. */
const SIDE_SHARE = 0.44;

/** Which layout a size gets. */
export type LayoutKind = 'full' | 'compact' | 'minimal';

/** Line budget of the full and compact layouts. */
export interface GridLayout {
	kind: 'full' | 'compact';
	width: number;
	/** Lines of the whole frame (`rows - 1`). */
	height: number;
	warningLines: number;
	/** Width of each of the two charts in a row. */
	chartWidth: number;
	/** Rows of two charts: 2 in the full layout, 1 in the compact one (`c` switches the pair shown). */
	chartRows: 1 | 2;
	/** Plot rows per chart (a title line and a marker lane come on top). */
	plotHeight: number;
	/** Lines under the charts. */
	bottomHeight: number;
	/** Left column (criteria, spikes) and right column (prompts, output) widths. */
	sideWidth: number;
	mainWidth: number;
	/** Prompt rows the table shows. */
	tableRows: number;
	/** Lines for streamed output (title included). */
	outputLines: number;
	/** Lines for the spike list (title included). */
	spikeLines: number;
}

/** Line budget of the minimal layout. */
export interface MinimalLayout {
	kind: 'minimal';
	width: number;
	height: number;
	warningLines: number;
	/** Plot rows of the single CPU chart, 0 when there is no room for it. */
	plotHeight: number;
	/** Lines for criteria. */
	criteriaLines: number;
	/** Lines for streamed output (title included). */
	outputLines: number;
}

export type Layout = GridLayout | MinimalLayout;

/** What takes lines besides the panels. */
export interface LayoutNeeds {
	warnings: number;
	/** `try` shows an input line. */
	inputLine: boolean;
	criteria: number;
}

/** The layout kind for a terminal size. */
export function layoutKind(size: Size): LayoutKind {
	if (size.columns >= FULL_MIN.columns && size.rows >= FULL_MIN.rows) return 'full';
	if (size.columns >= COMPACT_MIN.columns && size.rows >= COMPACT_MIN.rows) return 'compact';
	return 'minimal';
}

const HEADER_LINES = 2;
const FOOTER_LINES = 1;

/** Lines of an ink-table with `rows` data rows (borders and separators included). */
export function tableHeight(rows: number): number {
	return 3 + 2 * rows;
}

/** Lines of the body: the frame less the header, warnings, footer and the `try` input line. */
export function bodyHeight(layout: Pick<Layout, 'height' | 'warningLines'>, inputLine: boolean): number {
	return layout.height - HEADER_LINES - FOOTER_LINES - layout.warningLines - (inputLine ? 1 : 0);
}

/** Computes the layout for `size`. */
export function computeLayout(size: Size, needs: LayoutNeeds): Layout {
	const kind = layoutKind(size);
	const width = Math.max(1, size.columns);
	const height = Math.max(1, size.rows - 1);
	if (kind === 'minimal') return minimalLayout(width, height, needs);
	const warningLines = Math.min(needs.warnings, kind === 'full' ? 2 : 1);
	const free = bodyHeight({height, warningLines}, needs.inputLine);
	const chartRows = kind === 'full' ? 2 : 1;
	const plotHeight = kind === 'full' ? clamp(Math.floor((free - 14) / 2) - 2, 2, 12) : clamp(Math.floor(free * 0.4) - 2, 3, 12);
	const bottomHeight = Math.max(0, free - chartRows * (plotHeight + 2));
	const sideWidth = clamp(Math.floor(width * SIDE_SHARE), SIDE_WIDTH[kind], SIDE_MAX);
	const mainWidth = width - sideWidth - 1;
	const outputMin = kind === 'full' ? 4 : 1;
	const tableRows = Math.max(0, Math.floor((bottomHeight - outputMin - tableHeight(0)) / 2));
	const outputLines = Math.max(0, bottomHeight - tableHeight(tableRows));
	const criteriaLines = kind === 'full' ? needs.criteria + 1 : needs.criteria;
	return {
		kind,
		width,
		height,
		warningLines,
		chartWidth: Math.floor((width - 1) / 2),
		chartRows,
		plotHeight,
		bottomHeight,
		sideWidth,
		mainWidth,
		tableRows,
		outputLines,
		spikeLines: Math.max(0, bottomHeight - criteriaLines),
	};
}

function minimalLayout(width: number, height: number, needs: LayoutNeeds): MinimalLayout {
	const warningLines = Math.min(needs.warnings, 1);
	const fixed = HEADER_LINES + FOOTER_LINES + warningLines + (needs.inputLine ? 1 : 0) + 4;
	let free = Math.max(0, height - fixed);
	const plotHeight = free >= 14 ? 3 : 0;
	free -= plotHeight > 0 ? plotHeight + 1 : 0;
	const criteriaLines = Math.min(needs.criteria, Math.max(0, free - 2));
	free -= criteriaLines;
	return {kind: 'minimal', width, height, warningLines, plotHeight, criteriaLines, outputLines: free};
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** The layout of a dashboard view in a terminal of `size`. */
export function dashboardLayout(view: Pick<DashboardView, 'warnings' | 'criteria' | 'header'>, size: Size): Layout {
	return computeLayout(size, {warnings: view.warnings.length, inputLine: view.header.mode === 'try', criteria: view.criteria.length});
}

/**
 * The table rows and output lines of a grid layout for `promptCount`
 * prompts: a table shorter than its budget gives its lines to the output.
 */
export function fitTable(layout: GridLayout, promptCount: number): {tableRows: number; outputLines: number} {
	const tableRows = Math.min(layout.tableRows, Math.max(1, promptCount));
	return {tableRows, outputLines: layout.outputLines + 2 * (layout.tableRows - tableRows)};
}
