import {memo, useMemo} from 'react';
import type {FrameTable} from '../frame.js';
import {tableHeight} from '../layout.js';
import {useTheme} from '../theme.js';
import {FixedText} from './FixedText.js';
import {Line} from './Line.js';
import {TableOf} from './TableOf.js';

/** Props of {@link PromptsTable}. */
export interface PromptsTableProps {
	/**
	 * The frame's table: cells of the rows in view (the table scrolls to keep
	 * the selected or running row in view), and its text when already rendered
	 * (see `table-renderer.ts`); without it, ink-table is rendered live (tests, first frame).
	 */
	table: FrameTable;
	/** All prompts, for the one-line summary when no table fits. */
	promptCount: number;
	width: number;
}

/**
 * The prompts table, drawn by `@alcalzone/ink-table`: TTFT, E2E, tokens,
 * tok/s, score and status per prompt; columns dropped and ids cut to fit
 * `width`; `>` marks the selected row.
 */
export const PromptsTable = memo(function PromptsTable({table, promptCount, width}: PromptsTableProps) {
	const theme = useTheme();
	const {cells, rows, lines} = table;
	const height = tableHeight(cells.data.length);
	const shown = useMemo(() => {
		if (!lines) return null;
		const out = lines.slice(0, height);
		while (out.length < height) out.push('');
		return out;
	}, [lines, height]);
	if (rows < 1 || cells.columns.length === 0) return <Line text={`prompts ${promptCount}`} width={width} />;
	return shown ? <FixedText lines={shown} width={width} /> : <TableOf cells={cells} theme={theme} />;
});
