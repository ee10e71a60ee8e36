import {Box} from 'ink';
import {memo} from 'react';
import {oneLine} from '../text.js';
import {useTheme} from '../theme.js';
import {Line} from './Line.js';

/** Props of {@link WarningBar}. */
export interface WarningBarProps {
	/** Newest last. */
	warnings: readonly string[];
	width: number;
	lines: number;
}

/** Warnings, prominent: `⚠` and bold, the newest first, `+N more` when they do not fit. */
export const WarningBar = memo(function WarningBar({warnings, width, lines}: WarningBarProps) {
	const theme = useTheme();
	if (lines < 1 || warnings.length === 0) return null;
	const newest = [...warnings].reverse();
	const shown = newest.slice(0, lines);
	const hidden = warnings.length - shown.length;
	return (
		<Box flexDirection="column" width={width}>
			{shown.map((warning, index) => {
				const more = hidden > 0 && index === shown.length - 1 ? `(+${hidden} more) ` : '';
				return <Line key={index} text={`⚠ WARNING ${more}${oneLine(warning)}`} width={width} color={theme.warn} bold />;
			})}
		</Box>
	);
});
