import {Box} from 'ink';
import {memo} from 'react';
import {formatElapsed, formatMs, formatPct} from '../../run/format.js';
import {CHART_GLYPHS} from '../chart.js';
import {oneLine} from '../text.js';
import {useTheme} from '../theme.js';
import type {Spike} from '../../run/types.js';
import {Line} from './Line.js';

/** Props of {@link SpikeList}. */
export interface SpikeListProps {
	count: number;
	/** Spikes while the model loaded, counted apart and not listed. @default 0 */
	loadCount?: number;
	/** Newest first. */
	latest: readonly Spike[];
	width: number;
	/** Lines in all, title included. */
	lines: number;
}

/** The spike counter and the latest spikes with time, value, phase and prompt; those of the model load only counted. */
export const SpikeList = memo(function SpikeList({count, loadCount = 0, latest, width, lines}: SpikeListProps) {
	const theme = useTheme();
	if (lines < 1) return null;
	const rows = latest.slice(0, lines - 1);
	return (
		<Box flexDirection="column" width={width}>
			<Line text={spikeTitle(count, loadCount)} width={width} color={count > 0 ? theme.spike : undefined} bold />
			{rows.map((spike) => (
				<Line key={`${spike.metric}-${spike.t}`} text={spikeLine(spike)} width={width} color={theme.spike} />
			))}
		</Box>
	);
});

/** `spikes 12 · +3 in load · * ^ on the charts`. */
export function spikeTitle(count: number, loadCount: number): string {
	const load = loadCount > 0 ? ` · +${loadCount} in load` : '';
	return `spikes ${count}${load}${count + loadCount > 0 ? ` · ${CHART_GLYPHS.peak} ${CHART_GLYPHS.spike} on the charts` : ''}`;
}

/** `1:02.3 cpu 85.0% (base 10.2%) prompts p3`. */
export function spikeLine(spike: Spike): string {
	const format = spike.metric === 'cpu' ? formatPct : formatMs;
	const tenths = Math.floor((spike.t % 1000) / 100);
	return `^ ${formatElapsed(spike.t)}.${tenths} ${spike.metric} ${format(spike.value)} (base ${format(spike.baseline)}) ${spike.phase} ${spike.promptId === null ? '-' : oneLine(spike.promptId)}`;
}
