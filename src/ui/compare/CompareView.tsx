import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {sanitize} from '../../run/sanitize.js';
import {styleLine, type LineStyle} from '../sgr.js';
import {useTheme, type Theme} from '../theme.js';

/** How a piece of the comparison is emphasised: `bad` for regressions, `good` for improvements. */
export type CompareTone = 'good' | 'bad' | 'dim' | 'title';

/** A piece of a line with its tone. */
export interface CompareSpan {
	text: string;
	tone?: CompareTone | undefined;
}

/** Props of {@link CompareView}. */
export interface CompareViewProps {
	/** The comparison's lines as toned spans (laid out by `src/report`'s `sectionLines`). */
	lines: readonly (readonly CompareSpan[])[];
}

/**
 * The comparison of `llmtop compare` in a terminal: the same aligned lines
 * as the plain table, with section titles in the theme's title colour,
 * regressions in `bad` and improvements in `good`. Every judgement also
 * carries its symbol, so nothing is lost without colour.
 */
export function CompareView({lines}: CompareViewProps) {
	const theme = useTheme();
	const text = useMemo(() => {
		const style = themeStyler(theme);
		return lines.map((spans) => spans.map((span) => style(span.text, span.tone)).join(''));
	}, [lines, theme]);
	return (
		<Box flexDirection="column">
			{text.map((line, i) => (
				<Text key={i}>{line === '' ? ' ' : line}</Text>
			))}
		</Box>
	);
}

/** Styles text by tone with the theme's colours (escape codes only when the theme has colour). */
export function themeStyler(theme: Theme): (text: string, tone: CompareTone | undefined) => string {
	const styles: Readonly<Record<CompareTone, LineStyle>> = {
		good: {color: theme.good},
		bad: {color: theme.bad, bold: theme.color},
		dim: {dim: theme.dim},
		title: {color: theme.title, bold: theme.color},
	};
	return (raw, tone) => {
		const text = sanitize(raw);
		return tone ? styleLine(text, styles[tone]) : text;
	};
}
