/**
 * Which charts each layout shows, page by page (`c` steps through the
 * pages): the full layout's second page puts the interactive delay (the
 * headline criterion) where RSS was; the compact one shows a pair per page.
 */
import type {ShownChartId} from './view.js';

/** A row of two charts, left to right. */
export type ChartPair = readonly [ShownChartId, ShownChartId];

const FULL_PAGES: readonly (readonly ChartPair[])[] = [
	[
		['cpu', 'rss'],
		['itl', 'tokensPerSec'],
	],
	[
		['cpu', 'canary'],
		['itl', 'tokensPerSec'],
	],
];

const COMPACT_PAGES: readonly (readonly ChartPair[])[] = [[['cpu', 'rss']], [['itl', 'tokensPerSec']], [['canary', 'cpu']]];

/** Pages of charts in a layout of `kind`. */
export function chartPageCount(kind: 'full' | 'compact'): number {
	return (kind === 'full' ? FULL_PAGES : COMPACT_PAGES).length;
}

/** The rows of charts shown on `page` (taken modulo the page count) of a layout of `kind`. */
export function chartRows(kind: 'full' | 'compact', page: number): readonly ChartPair[] {
	const pages = kind === 'full' ? FULL_PAGES : COMPACT_PAGES;
	const index = ((Math.floor(page) % pages.length) + pages.length) % pages.length;
	return pages[index] as readonly ChartPair[];
}
