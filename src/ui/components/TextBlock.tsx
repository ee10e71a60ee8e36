import {useMemo} from 'react';
import type {Color} from '../theme.js';
import {FixedText} from './FixedText.js';

/** Props of {@link TextBlock}. */
export interface TextBlockProps {
	/** Lines already cut to `width`. */
	lines: readonly string[];
	width: number;
	color?: Color;
	bold?: boolean;
	dim?: boolean;
}

/** Pre-cut lines in one style, as one cheap block (see {@link FixedText}). */
export function TextBlock({lines, width, color, bold, dim}: TextBlockProps) {
	const style = useMemo(() => ({color, bold, dim}), [color, bold, dim]);
	return <FixedText lines={lines} width={width} style={style} />;
}
