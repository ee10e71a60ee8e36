/** Plain-text rendering of display sections (the headless and piped `compare` output). */
import type {Cell, Section, TableSection, Tone} from './compare-view.js';

/** Styles a piece of text by its tone (e.g. ANSI colour); the identity when there is no colour. */
export type Styler = (text: string, tone: Tone | undefined) => string;

const PLAIN: Styler = (text) => text;

/** A piece of a line with its tone: what a styled view (the Ink compare view) receives. */
export interface Span {
	text: string;
	tone?: Tone;
}

/**
 * The sections as lines of toned spans, for a view that styles them itself:
 * the same text as {@link renderSectionsText} without a styler (trailing
 * spaces of a table row trimmed).
 */
export function sectionLines(sections: readonly Section[]): Span[][] {
	const lines: Span[][] = [];
	sections.forEach((section, i) => {
		if (i > 0) lines.push([]);
		if (section.title !== null) lines.push([{text: section.title, tone: 'title'}]);
		if (section.kind === 'lines') for (const cell of section.lines) lines.push([span(cell.text, cell.tone)]);
		else lines.push(...tableSpans(section));
	});
	return lines;
}

function tableSpans(table: TableSection): Span[][] {
	const widths = columnWidths(table);
	return [table.header, ...table.rows].map((row) => {
		if (isHeading(row)) return [{text: row[0]?.text ?? '', tone: 'title'}];
		const spans: Span[] = [];
		row.forEach((cell, i) => {
			if (i > 0) spans.push({text: COLUMN_GAP});
			spans.push(span(padCell(cell, widths[i] ?? 0, i === row.length - 1), cell.tone));
		});
		return trimSpansEnd(spans);
	});
}

function span(text: string, tone: Tone | undefined): Span {
	return tone ? {text, tone} : {text};
}

/** Drops trailing whitespace across the spans (as `trimEnd` on the joined text). */
function trimSpansEnd(spans: Span[]): Span[] {
	const out = [...spans];
	while (out.length > 0) {
		const last = out[out.length - 1] as Span;
		const text = last.text.trimEnd();
		if (text !== '') {
			out[out.length - 1] = {...last, text};
			break;
		}
		out.pop();
	}
	return out;
}

/** The sections as lines: tables with aligned columns, a blank line between sections. */
export function renderSectionsText(sections: readonly Section[], style: Styler = PLAIN): string[] {
	const lines: string[] = [];
	sections.forEach((section, i) => {
		if (i > 0) lines.push('');
		if (section.title !== null) lines.push(style(section.title, 'title'));
		if (section.kind === 'lines') for (const cell of section.lines) lines.push(style(cell.text, cell.tone));
		else lines.push(...renderTable(section, style));
	});
	return lines;
}

function renderTable(table: TableSection, style: Styler): string[] {
	const widths = columnWidths(table);
	return [table.header, ...table.rows].map((row) => {
		if (isHeading(row)) return style(row[0]?.text ?? '', 'title');
		const cells = row.map((cell, i) => style(padCell(cell, widths[i] ?? 0, i === row.length - 1), cell.tone));
		return cells.join(COLUMN_GAP).trimEnd();
	});
}

/** Space between table columns. */
export const COLUMN_GAP = '  ';

/** True for a group-heading row (one `title` cell, spanning the table). */
export function isHeading(row: readonly Cell[]): boolean {
	return row.length === 1 && row[0]?.tone === 'title';
}

/** Width of each column: its widest cell (heading rows left out). */
export function columnWidths(table: TableSection): number[] {
	const widths: number[] = [];
	for (const row of [table.header, ...table.rows]) {
		if (isHeading(row)) continue;
		row.forEach((cell, i) => {
			widths[i] = Math.max(widths[i] ?? 0, width(cell.text));
		});
	}
	return widths;
}

/** A cell padded to `size` columns by its alignment (the last cell of a row is not padded on the right). */
export function padCell(cell: Cell, size: number, last: boolean): string {
	const gap = ' '.repeat(Math.max(0, size - width(cell.text)));
	if (cell.align === 'right') return gap + cell.text;
	return last ? cell.text : cell.text + gap;
}

/** Columns a string takes (every character llmtop prints here is one column wide). */
function width(text: string): number {
	return [...text].length;
}
