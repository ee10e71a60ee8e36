import {Box} from 'ink';
import {NO_DATA, formatBinaryBytesShort, formatElapsed, formatWindow} from '../../run/format.js';
import {oneLine} from '../text.js';
import {useTheme} from '../theme.js';
import type {HeaderView, PlaybackView} from '../view.js';
import {Line} from './Line.js';

/** Props of {@link Header}. */
export interface HeaderProps {
	header: HeaderView;
	width: number;
	windowMs: number;
	spikeCount: number;
	/** Lines to use: 2, or 1 in the minimal layout. */
	lines?: 1 | 2;
	/** The view is frozen (`f`). */
	frozen?: boolean;
	/** Replay: paused, speed and position of the playback. */
	playback?: PlaybackView | undefined;
}

/** Model, configuration and where the run is, in one or two lines. */
export function Header({header, width, windowMs, spikeCount, lines = 2, frozen = false, playback}: HeaderProps) {
	const theme = useTheme();
	const [first, second] = headerText(header, windowMs, spikeCount, frozen, playback);
	const alert = header.paused || playback?.paused === true || header.verdict === 'fail' || header.verdict === 'inconclusive';
	if (lines === 1) return <Line text={`${first} │ ${second}`} width={width} color={theme.title} bold />;
	return (
		<Box flexDirection="column">
			<Line text={first} width={width} color={theme.title} bold />
			<Line text={second} width={width} color={alert ? theme.warn : undefined} />
		</Box>
	);
}

/**
 * The two header lines as plain text. The state line starts with what a
 * reader needs first (ENDED/PAUSED/FROZEN, the verdict, the phase and the
 * clock), so a narrow terminal cuts only the details. A replay shows its
 * position instead of the clock, `0:42 / 1:41 x4` (played / total run time,
 * speed), and PAUSED when its playback is paused.
 */
export function headerText(header: HeaderView, windowMs: number, spikeCount: number, frozen = false, playback?: PlaybackView): [string, string] {
	const model = [header.modelName, header.architecture, header.quantization, header.sizeBytes === null ? null : formatBinaryBytesShort(header.sizeBytes)]
		.filter((part): part is string => part !== null && part !== '')
		.map(oneLine)
		.join(' · ');
	const config = [
		`threads ${header.threads ?? NO_DATA}`,
		`ctx ${header.contextSize ?? NO_DATA}`,
		`batch ${header.batchSize ?? NO_DATA}`,
		`gpu layers ${header.gpuLayers ?? NO_DATA}`,
		header.levers,
	]
		.filter((part): part is string => part !== null)
		.join(' · ');
	const prompt =
		header.mode === 'try' ? `tryout ${header.promptNumber ?? 0}` : `prompt ${header.promptNumber ?? 0}/${header.promptTotal > 0 ? header.promptTotal : '?'}`;
	const observer = header.observerCpuPct === null ? NO_DATA : `${header.observerCpuPct.toFixed(2)}%`;
	const cores = header.observerCpuPct !== null && header.logicalCores ? ` (${((header.observerCpuPct * header.logicalCores) / 100).toFixed(3)} cores)` : '';
	const state = [
		`verdict ${header.verdict.toUpperCase()}${header.verdict === 'inconclusive' && header.verdictReason ? ` (${header.verdictReason})` : ''}`,
		`phase ${header.phase ?? 'starting'}${header.loading ? `: ${header.loading}` : ''}`,
		// Once the run ended, the final screen is the live run's (replay = live = watch): the clock, not the position.
		playback && !header.ended ? playbackText(playback) : formatElapsed(header.elapsedMs),
		...(header.soak ? [header.soak] : []),
		prompt,
		`spikes ${spikeCount}`,
		`window ${formatWindow(windowMs)}`,
		`observer ${observer}${cores}`,
	];
	if (frozen) state.unshift('FROZEN');
	if (header.paused || playback?.paused === true) state.unshift('PAUSED');
	if (header.ended) state.unshift('ENDED');
	const target = header.target ? `${oneLine(header.target)} │ ` : '';
	return [`llmtop ${header.mode} │ ${target}${model} │ ${config}`, state.join(' · ')];
}

/** `0:42 / 1:41 x4`: the recorded time played, the whole run's, and the speed (`x max` plays everything at once). */
export function playbackText({playedMs, totalMs, speed}: PlaybackView): string {
	const speedText = speed === 0 ? 'max' : String(Number(speed.toPrecision(3)));
	return `${formatElapsed(Math.min(playedMs, totalMs))} / ${formatElapsed(totalMs)} x${speedText}`;
}
