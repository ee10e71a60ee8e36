/**
 * The prompts table's cells as strings, fitted to a width: ink-table sizes
 * columns by `String(value).length`, so everything handed to it is already
 * cut and free of wide characters. The running row's E2E, tokens and tok/s
 * are not shown live (the output title and the charts have them), so the
 * cells change only when a prompt starts, gets its first token or ends.
 */
import {formatMs, formatRate, formatRatio} from '../run/format.js';
import {sanitize, truncate} from './text.js';
import type {PromptState} from '../run/prompt-record.js';
import type {PromptRow} from '../run/view-types.js';

/** Column keys, in display order. */
export type PromptColumn = '#' | 'id' | 'ttft' | 'e2e' | 'tok' | 'tok/s' | 'score' | 'status';

/** Cells of the visible rows and the columns that fit. */
export interface PromptCells {
	columns: PromptColumn[];
	data: Record<PromptColumn, string>[];
}

/** Status cell: glyph and word, readable without colour. */
export const STATE_CELLS: Readonly<Record<PromptState, string>> = {
	pending: '· wait',
	running: '▸ run',
	ok: '✓ ok',
	skipped: '- skip',
	aborted: '✗ abort',
	error: '✗ error',
};

/** Columns kept first when the width is short (the prompt id takes what is left). */
const PRIORITY: readonly PromptColumn[] = ['#', 'status', 'tok/s', 'ttft', 'e2e', 'tok', 'score'];
const ORDER: readonly PromptColumn[] = ['#', 'id', 'ttft', 'e2e', 'tok', 'tok/s', 'score', 'status'];
const PADDING = 2;
/** Narrowest prompt id column: ids stay readable (issue 15 item 3); other columns give way first. */
const MIN_PROMPT_WIDTH = 12;

/** Which rows `[start, end)` to show so that row `focus` is in view. */
export function tableWindow(total: number, rows: number, focus: number): {start: number; end: number} {
	const count = Math.max(0, Math.min(total, rows));
	const wanted = Math.max(0, Math.min(total - 1, focus)) - Math.floor(count / 2);
	const start = Math.max(0, Math.min(total - count, wanted));
	return {start, end: start + count};
}

/** Cells of the rows in view: the window of `rows` rows around the selected prompt, else the focused one. */
export function tableCells(prompts: readonly PromptRow[], selected: number | null, focusIndex: number, width: number, rows: number): PromptCells {
	const focus = selected ?? focusIndex;
	const range = tableWindow(prompts.length, rows, focus);
	return promptCells(prompts.slice(range.start, range.end), range.start, selected, width);
}

/**
 * Cells for `prompts` (rows `offset`.. of the full list), with the columns
 * that fit in `width` and the prompt ids cut to the rest.
 */
export function promptCells(prompts: readonly PromptRow[], offset: number, selected: number | null, width: number): PromptCells {
	const full = prompts.map((row, index) => rowCells(row, offset + index, selected));
	const widest = (column: PromptColumn) => Math.max(column.length, ...full.map((row) => row[column].length)) + PADDING;
	const kept = new Set<PromptColumn>();
	const idWidth = widest('id') - PADDING;
	let used = 1;
	for (const column of PRIORITY) {
		const need = widest(column) + 1;
		if (used + need + Math.min(MIN_PROMPT_WIDTH, idWidth) + PADDING + 1 > width && kept.size > 0) continue;
		if (used + need > width) continue;
		kept.add(column);
		used += need;
	}
	const promptWidth = Math.min(idWidth, width - used - PADDING - 1);
	if (promptWidth >= Math.min(MIN_PROMPT_WIDTH, idWidth)) kept.add('id');
	const columns = ORDER.filter((column) => kept.has(column));
	const data = full.map((row) => ({...row, id: truncate(row.id, Math.max('id'.length, promptWidth))}));
	return {columns, data};
}

function rowCells(row: PromptRow, index: number, selected: number | null): Record<PromptColumn, string> {
	const live = row.state === 'running';
	return {
		'#': `${index === selected ? '>' : ' '}${index + 1}`,
		id: narrow(sanitize(row.id)),
		ttft: formatMs(row.ttftMs),
		e2e: live ? '…' : formatMs(row.e2eMs),
		tok: live ? '…' : String(row.outputTokens),
		'tok/s': live ? '…' : formatRate(row.decodeTokensPerSec),
		score: formatRatio(row.score),
		status: STATE_CELLS[row.state],
	};
}

/** Replaces characters that are not one column wide (ink-table counts UTF-16 units). */
function narrow(text: string): string {
	return text.replace(/[^\u0020-\u007e\u00a0-\u02ff]/gu, '?');
}
