import {Transform} from 'ink';
import {useCallback, useMemo} from 'react';
import {sanitize} from '../../run/sanitize.js';
import {styleLine, type LineStyle} from '../sgr.js';
import {useTheme} from '../theme.js';

/** A line and its style. */
export interface StyledLine {
	text: string;
	style?: LineStyle | undefined;
}

/** Props of {@link FixedText}. */
export interface FixedTextProps {
	/** Lines already cut to `width` display columns. */
	lines: readonly (StyledLine | string)[];
	width: number;
	/** Style of lines given as plain strings. */
	style?: LineStyle | undefined;
}

const placeholders = new Map<string, string>();

/** A `width` x `height` block of spaces (cached: Ink measures it once). */
function placeholder(width: number, height: number): string {
	const key = `${width}x${height}`;
	let block = placeholders.get(key);
	if (block === undefined) {
		block = Array.from({length: height}, () => ' '.repeat(width)).join('\n');
		placeholders.set(key, block);
	}
	return block;
}

/**
 * A block of pre-cut, pre-styled lines at the cost of a plain ASCII block:
 * Ink lays out and measures a placeholder of spaces of the same size (its
 * ASCII fast path, measured once per size), and `<Transform>` swaps each
 * line for the real one as Ink writes its output. Lines must not be wider
 * than `width`. Trailing blanks are dropped (Ink tokenizes every character
 * written). Without colour (theme), no escape codes at all.
 */
export function FixedText({lines, width, style}: FixedTextProps) {
	const styled = useTheme().color;
	const block = useMemo(() => placeholder(Math.max(1, width), lines.length), [width, lines.length]);
	const transform = useCallback(
		(_line: string, index: number) => {
			const line = lines[index];
			if (line === undefined) return '';
			const raw = typeof line === 'string' ? line : line.text;
			const text = sanitize(raw.replace(/[\r\n]/g, ' ')).trimEnd();
			const lineStyle = typeof line === 'string' ? style : (line.style ?? style);
			return styled ? styleLine(text, lineStyle) : text;
		},
		[lines, style, styled],
	);
	if (lines.length === 0 || width < 1) return null;
	return <Transform transform={transform}>{block}</Transform>;
}
