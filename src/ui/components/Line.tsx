import {Text} from 'ink';
import {truncate} from '../text.js';
import type {Color} from '../theme.js';

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
	return (
		<Text color={color} bold={bold} dimColor={dim}>
			{truncate(text, width)}
		</Text>
	);
}
