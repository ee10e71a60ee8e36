/**
 * Renders the prompts table with `@alcalzone/ink-table` to text, once per
 * distinct content, so frames show it as plain lines instead of ~200 Ink
 * nodes. Must be called outside a React render (`renderToString` runs its
 * own synchronous render): the frame timer, a key handler, a resize listener.
 */
import {renderToString} from 'ink';
import {createElement} from 'react';
import {TableOf} from './components/TableOf.js';
import type {PromptCells} from './prompt-cells.js';
import type {Theme} from './theme.js';

/** Distinct tables kept (the newest win). */
const CACHE_SIZE = 16;

/** A small cache of rendered tables, keyed by content, width and theme. */
export class TableRenderer {
	readonly #cache = new Map<string, readonly string[]>();

	/** The table's lines if already rendered, else `undefined`. */
	peek(cells: PromptCells, width: number, theme: Theme): readonly string[] | undefined {
		return this.#cache.get(tableKey(cells, width, theme));
	}

	/** The table's lines, rendering it now if needed. */
	render(cells: PromptCells, width: number, theme: Theme): readonly string[] {
		const key = tableKey(cells, width, theme);
		const cached = this.#cache.get(key);
		if (cached) return cached;
		const lines = renderToString(createElement(TableOf, {cells, theme}), {columns: width}).split('\n');
		this.#cache.set(key, lines);
		while (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
		return lines;
	}
}

/** Identity of a rendered table. */
export function tableKey(cells: PromptCells, width: number, theme: Theme): string {
	const rows = cells.data.map((row) => cells.columns.map((column) => row[column]).join('|')).join('\n');
	return `${width}|${theme.color}|${cells.columns.join(',')}\n${rows}`;
}
