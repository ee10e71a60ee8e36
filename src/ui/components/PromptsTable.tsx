import {memo, useMemo} from 'react';
import type {PromptRow} from '../../run/view-types.js';
import {tableHeight} from '../layout.js';
import {tableCells} from '../prompt-cells.js';
import {useTheme} from '../theme.js';
import {FixedText} from './FixedText.js';
import {Line} from './Line.js';
import {TableOf} from './TableOf.js';

/** Props of {@link PromptsTable}. */
export interface PromptsTableProps {
	prompts: readonly PromptRow[];
	/** Selected row, or `null`. */
	selected: number | null;
	/** Row kept in view when none is selected. */
	focusIndex: number;
	width: number;
	/** Data rows to show (the table scrolls to keep the selected or running row in view). */
	rows: number;
	/**
	 * The table already rendered to text for these props (see `table-renderer.ts`);
	 * without it, ink-table is rendered live (tests, first frame).
	 */
	lines?: readonly string[] | undefined;
}

/**
 * The prompts table, drawn by `@alcalzone/ink-table`: TTFT, E2E, tokens,
 * tok/s, score and status per prompt; columns dropped and ids cut to fit
 * `width`; `>` marks the selected row.
 */
export const PromptsTable = memo(function PromptsTable({prompts, selected, focusIndex, width, rows, lines}: PromptsTableProps) {
	const theme = useTheme();
	const cells = useMemo(() => tableCells(prompts, selected, focusIndex, width, rows), [prompts, selected, focusIndex, width, rows]);
	const height = tableHeight(cells.data.length);
	const shown = useMemo(() => {
		if (!lines) return null;
		const out = lines.slice(0, height);
		while (out.length < height) out.push('');
		return out;
	}, [lines, height]);
	if (rows < 1 || cells.columns.length === 0) return <Line text={`prompts ${prompts.length}`} width={width} />;
	return shown ? <FixedText lines={shown} width={width} /> : <TableOf cells={cells} theme={theme} />;
});
