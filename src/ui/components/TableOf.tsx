import {Table} from '@alcalzone/ink-table';
import {Text} from 'ink';
import type {PropsWithChildren} from 'react';
import type {PromptCells} from '../prompt-cells.js';
import {ThemeContext, useTheme, type Theme} from '../theme.js';

/** Props of {@link TableOf}. */
export interface TableOfProps {
	cells: PromptCells;
	theme: Theme;
}

/** The prompts table as an `@alcalzone/ink-table` element, in the theme's styles. */
export function TableOf({cells, theme}: TableOfProps) {
	return (
		<ThemeContext.Provider value={theme}>
			<Table data={cells.data} columns={cells.columns} header={HeaderCell} cell={BodyCell} skeleton={Skeleton} />
		</ThemeContext.Provider>
	);
}

function HeaderCell({children}: PropsWithChildren) {
	const theme = useTheme();
	return (
		<Text bold={theme.color} color={theme.title}>
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
