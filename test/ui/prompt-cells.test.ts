import {describe, expect, it} from 'vitest';
import {promptCells, tableCells, tableWindow} from '../../src/ui/prompt-cells.js';
import {promptRow} from './fixtures.js';

function tableWidth(cells: ReturnType<typeof promptCells>): number {
	return 1 + cells.columns.reduce((sum, column) => sum + Math.max(column.length, ...cells.data.map((row) => row[column].length)) + 3, 0);
}

describe('prompt cells', () => {
	const rows = [promptRow(0, {id: 'a-rather-long-prompt-identifier'}), promptRow(1), promptRow(2, {state: 'running', outputTokens: 17})];

	it('keeps every column when there is room', () => {
		const cells = promptCells(rows, 0, null, 120);
		expect(cells.columns).toEqual(['#', 'id', 'ttft', 'e2e', 'tok', 'tok/s', 'score', 'status']);
		expect(cells.data[0]?.id).toBe('a-rather-long-prompt-identifier');
	});

	it('drops the least useful columns and cuts ids to fit narrow widths', () => {
		for (const width of [30, 39, 50, 69]) {
			const cells = promptCells(rows, 0, null, width);
			expect(tableWidth(cells)).toBeLessThanOrEqual(width);
			expect(cells.columns).toContain('status');
		}
		const narrow = promptCells(rows, 0, null, 45);
		expect(narrow.data[0]?.id).toMatch(/…$/);
	});

	it("marks the selected row and does not show the running row's live figures", () => {
		const cells = promptCells(rows, 10, 11, 120);
		expect(cells.data[1]?.['#']).toBe('>12');
		expect(cells.data[0]?.['#']).toBe(' 11');
		expect(cells.data[2]).toMatchObject({tok: '…', e2e: '…', 'tok/s': '…', status: '▸ run'});
	});

	it('replaces characters ink-table would misalign', () => {
		expect(promptCells([promptRow(0, {id: 'q\u001B[31m漢'})], 0, null, 80).data[0]?.id).toBe('q?');
	});

	it('scrolls the window to keep the focused row in view', () => {
		expect(tableWindow(10, 3, 0)).toEqual({start: 0, end: 3});
		expect(tableWindow(10, 3, 5)).toEqual({start: 4, end: 7});
		expect(tableWindow(10, 3, 9)).toEqual({start: 7, end: 10});
		expect(tableWindow(2, 5, 1)).toEqual({start: 0, end: 2});
		expect(tableWindow(0, 3, -1)).toEqual({start: 0, end: 0});
		expect(tableCells(rows, null, 2, 120, 1).data.map((row) => row.status)).toEqual(['▸ run']);
	});
});
