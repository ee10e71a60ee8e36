import {Box} from 'ink';
import {criteriaHelpLines} from '../../run/criteria-minimums.js';
import {CHART_GLYPHS} from '../chart.js';
import {helpKeys} from '../key-hints.js';
import {truncate, wrapLines} from '../text.js';
import {useTheme} from '../theme.js';
import type {DashboardMode} from '../view.js';
import {STATUS_MARKS} from './CriteriaPanel.js';
import {Line} from './Line.js';
import {TextBlock} from './TextBlock.js';

/** Props of {@link HelpOverlay}. */
export interface HelpOverlayProps {
	mode: DashboardMode;
	spikeRule: string;
	width: number;
	/** Lines available. */
	height: number;
}

/** Keys, glyph legend and the spike rule; replaces the dashboard's body. */
export function HelpOverlay({mode, spikeRule, width, height}: HelpOverlayProps) {
	const theme = useTheme();
	const lines = helpLines(mode, spikeRule, width).slice(0, Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Line text="llmtop help" width={width} color={theme.title} bold />
			<TextBlock lines={lines} width={width} />
		</Box>
	);
}

/** The help text, wrapped to `width`. */
export function helpLines(mode: DashboardMode, spikeRule: string, width: number): string[] {
	const marks = Object.entries(STATUS_MARKS)
		.map(([status, mark]) => `${mark.glyph} ${status}`)
		.join('   ');
	const glyphs = `Charts: line = max per column, ${CHART_GLYPHS.range} = min..max in a column, ${CHART_GLYPHS.secondary} = system CPU, ${CHART_GLYPHS.threshold} = criterion limit (↑lim: above the chart), ${CHART_GLYPHS.spike} = spike`;
	const blocks = [...helpKeys(mode), '', `Criteria: ${marks}`, ...criteriaHelpLines(), glyphs, '', `Spikes: ${spikeRule}`];
	return blocks.flatMap((block) => (block === '' ? [''] : wrapLines(block, width))).map((line) => truncate(line, width));
}
