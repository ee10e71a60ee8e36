import {Box, Text} from 'ink';
import {COLUMN_GAP, columnWidths, isHeading, padCell} from '../../report/compare-text.js';
import type {Cell, Section, TableSection, Tone} from '../../report/compare-view.js';
import {useTheme, type Theme} from '../theme.js';

/** Props of {@link CompareView}. */
export interface CompareViewProps {
	/** The comparison's display sections (`comparisonSections`). */
	sections: readonly Section[];
}

/**
 * The comparison of `llmtop compare` in a terminal: section titles, aligned
 * tables, regressions in the theme's `bad` colour and improvements in
 * `good`. Every judgement also carries its symbol and word, so nothing is
 * lost without colour.
 */
export function CompareView({sections}: CompareViewProps) {
	return (
		<Box flexDirection="column">
			{sections.map((section, i) => (
				<Box key={i} flexDirection="column" marginTop={i === 0 ? 0 : 1}>
					{section.title === null ? null : <StyledText cell={{text: section.title, tone: 'title'}} />}
					{section.kind === 'lines' ? section.lines.map((cell, j) => <StyledText key={j} cell={cell} />) : <TableView table={section} />}
				</Box>
			))}
		</Box>
	);
}

function TableView({table}: {table: TableSection}) {
	const widths = columnWidths(table);
	return (
		<>
			{[table.header, ...table.rows].map((row, i) =>
				isHeading(row) ? (
					<StyledText key={i} cell={row[0] ?? {text: ''}} />
				) : (
					<Text key={i} wrap="truncate-end">
						{row.map((cell, j) => (
							<StyledText key={j} cell={{...cell, text: (j === 0 ? '' : COLUMN_GAP) + padCell(cell, widths[j] ?? 0, j === row.length - 1)}} />
						))}
					</Text>
				),
			)}
		</>
	);
}

function StyledText({cell}: {cell: Cell}) {
	const theme = useTheme();
	return <Text {...styleOf(cell.tone, theme)}>{cell.text}</Text>;
}

function styleOf(tone: Tone | undefined, theme: Theme): {color?: string; bold?: boolean; dimColor?: boolean} {
	switch (tone) {
		case 'good':
			return theme.good ? {color: theme.good} : {};
		case 'bad':
			return theme.bad ? {color: theme.bad, bold: true} : {bold: theme.color};
		case 'dim':
			return {dimColor: theme.dim};
		case 'title':
			return theme.title ? {color: theme.title, bold: true} : {};
		case undefined:
			return {};
		default:
			return tone satisfies never;
	}
}
