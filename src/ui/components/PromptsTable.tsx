import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import {memo, useMemo, type PropsWithChildren} from 'react';
import {promptCells, tableWindow, type PromptCells} from '../prompt-cells.js';
import {useTheme} from '../theme.js';
import type {PromptRow} from '../../run/view-types.js';
import {Line} from './Line.js';

/** Props of {@link PromptsTable}. */
export interface PromptsTableProps {
	prompts: readonly PromptRow[];
	/** Selected row, or `null`. */
	selected: number | null;
	runningIndex: number;
	width: number;
	/** Data rows to show (the table scrolls to keep the selected or running row in view). */
	rows: number;
}

/**
 * The prompts table (`@alcalzone/ink-table`): TTFT, E2E, tokens, tok/s,
 * score and status per prompt; columns dropped and ids cut to fit `width`;
 * `>` marks the selected row.
 */
export const PromptsTable = memo(function PromptsTable({prompts, selected, runningIndex, width, rows}: PromptsTableProps) {
	const focus = selected ?? (runningIndex >= 0 ? runningIndex : prompts.length - 1);
	const range = tableWindow(prompts.length, rows, focus);
	const cells = promptCells(prompts.slice(range.start, range.end), range.start, selected, width);
	const key = cells.columns.join(',') + '\n' + cells.data.map(row => cells.columns.map(column => row[column]).join('|')).join('\n');
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const table = useMemo(() => <TableOf cells={cells} />, [key]);
	if (rows < 1 || cells.columns.length === 0) {
		return <Line text={`prompts ${prompts.length}`} width={width} />;
	}
	return (
		<Box flexDirection="column" width={width}>
			{table}
		</Box>
	);
});

function TableOf({cells}: {cells: PromptCells}) {
	return <Table data={cells.data} columns={cells.columns} header={HeaderCell} cell={BodyCell} skeleton={Skeleton} />;
}

function HeaderCell({children}: PropsWithChildren) {
	const theme = useTheme();
	return (
		<Text bold color={theme.title}>
			{children}
		</Text>
	);
}

function BodyCell({children}: PropsWithChildren) {
	return <Text>{children}</Text>;
}

function Skeleton({children}: PropsWithChildren) {
	const theme = useTheme();
	return <Text dimColor={theme.dim}>{children}</Text>;
}
