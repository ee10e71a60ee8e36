import {describe, expect, it} from 'vitest';
import {computeLayout, fitTable, layoutKind, tableHeight, type GridLayout} from '../../src/ui/layout.js';

describe('layout', () => {
	it.each([
		[{columns: 120, rows: 36}, 'full'],
		[{columns: 200, rows: 60}, 'full'],
		[{columns: 119, rows: 36}, 'compact'],
		[{columns: 120, rows: 35}, 'compact'],
		[{columns: 80, rows: 24}, 'compact'],
		[{columns: 79, rows: 24}, 'minimal'],
		[{columns: 80, rows: 23}, 'minimal'],
		[{columns: 20, rows: 5}, 'minimal'],
	] as const)('%j is %s', (size, kind) => {
		expect(layoutKind(size)).toBe(kind);
	});

	it('never budgets more lines than rows - 1, nor wider than the terminal', () => {
		for (const columns of [80, 100, 120, 160]) {
			for (const rows of [24, 30, 36, 50]) {
				for (const warnings of [0, 1, 3]) {
					for (const inputLine of [false, true]) {
						const layout = computeLayout({columns, rows}, {warnings, inputLine, criteria: 8});
						if (layout.kind === 'minimal') continue;
						const grid = layout as GridLayout;
						const used = 2 + 1 + grid.warningLines + (inputLine ? 1 : 0) + grid.chartRows * (grid.plotHeight + 2) + grid.bottomHeight;
						expect(used).toBeLessThanOrEqual(rows - 1);
						expect(2 * grid.chartWidth + 1).toBeLessThanOrEqual(columns);
						expect(grid.sideWidth + 1 + grid.mainWidth).toBeLessThanOrEqual(columns);
						expect(tableHeight(grid.tableRows) + grid.outputLines).toBeLessThanOrEqual(grid.bottomHeight);
						expect(grid.plotHeight).toBeGreaterThanOrEqual(2);
					}
				}
			}
		}
	});

	it('gives the full layout taller charts than the compact one', () => {
		const full = computeLayout({columns: 120, rows: 36}, {warnings: 0, inputLine: false, criteria: 8}) as GridLayout;
		const compact = computeLayout({columns: 80, rows: 24}, {warnings: 0, inputLine: false, criteria: 8}) as GridLayout;
		expect(full.plotHeight).toBeGreaterThan(compact.plotHeight);
		expect(full.tableRows).toBeGreaterThanOrEqual(3);
	});

	it('gives unused table rows to the output', () => {
		const full = computeLayout({columns: 120, rows: 36}, {warnings: 0, inputLine: false, criteria: 8}) as GridLayout;
		const fitted = fitTable(full, 1);
		expect(fitted.tableRows).toBe(1);
		expect(tableHeight(fitted.tableRows) + fitted.outputLines).toBe(tableHeight(full.tableRows) + full.outputLines);
	});

	it('fits the minimal layout in small terminals', () => {
		const layout = computeLayout({columns: 40, rows: 12}, {warnings: 1, inputLine: true, criteria: 8});
		expect(layout.kind).toBe('minimal');
		if (layout.kind !== 'minimal') return;
		expect(2 + 1 + layout.warningLines + 1 + 4 + layout.criteriaLines + layout.outputLines).toBeLessThanOrEqual(11);
	});
});
