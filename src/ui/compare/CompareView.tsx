import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {renderSectionsText, type Styler} from '../../report/compare-text.js';
import type {Section, Tone} from '../../report/compare-view.js';
import {styleLine, type LineStyle} from '../sgr.js';
import {useTheme, type Theme} from '../theme.js';

/** Props of {@link CompareView}. */
export interface CompareViewProps {
	/** The comparison's display sections (`comparisonSections`). */
	sections: readonly Section[];
}

/**
 * The comparison of `llmtop compare` in a terminal: the same aligned lines
 * as the plain table, with section titles in the theme's title colour,
 * regressions in `bad` and improvements in `good`. Every judgement also
 * carries its symbol, so nothing is lost without colour.
 */
export function CompareView({sections}: CompareViewProps) {
	const theme = useTheme();
	const lines = useMemo(() => renderSectionsText(sections, themeStyler(theme)), [sections, theme]);
	return (
		<Box flexDirection="column">
			{lines.map((line, i) => (
				<Text key={i}>{line === '' ? ' ' : line}</Text>
			))}
		</Box>
	);
}

/** Styles text by tone with the theme's colours (escape codes only when the theme has colour). */
export function themeStyler(theme: Theme): Styler {
	const styles: Readonly<Record<Tone, LineStyle>> = {
		good: {color: theme.good},
		bad: {color: theme.bad, bold: theme.color},
		dim: {dim: theme.dim},
		title: {color: theme.title, bold: theme.color},
	};
	return (text, tone) => (tone ? styleLine(text, styles[tone]) : text);
}
