import {useMemo} from 'react';
import {truncate} from '../text.js';
import type {Color} from '../theme.js';
import {FixedText} from './FixedText.js';

/** Props of {@link Line}. */
export interface LineProps {
	text: string;
	width: number;
	color?: Color;
	bold?: boolean;
	dim?: boolean;
}

/** One line of text cut to `width` columns, in one style. */
export function Line({text, width, color, bold, dim}: LineProps) {
	const lines = useMemo(() => [{text: truncate(text, width), style: {color, bold, dim}}], [text, width, color, bold, dim]);
	return <FixedText lines={lines} width={width} />;
}
