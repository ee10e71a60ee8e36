import {Text} from 'ink';
import type {Color} from '../theme.js';

/** Props of {@link TextBlock}. */
export interface TextBlockProps {
	/** Lines already cut to the block's width. */
	lines: readonly string[];
	color?: Color;
	bold?: boolean;
	dim?: boolean;
}

/**
 * Pre-cut lines in one `<Text>` node with one style: the cheap way to put
 * text on screen in Ink (one node, one colour span per line).
 */
export function TextBlock({lines, color, bold, dim}: TextBlockProps) {
	if (lines.length === 0) return null;
	return (
		<Text color={color} bold={bold} dimColor={dim}>
			{lines.join('\n')}
		</Text>
	);
}
