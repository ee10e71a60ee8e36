import {Box} from 'ink';
import {NO_DATA, formatBinaryBytesShort, formatElapsed, formatWindow} from '../../run/format.js';
import {oneLine} from '../text.js';
import type {LineStyle} from '../sgr.js';
import {useTheme, type Theme} from '../theme.js';
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
	const shown = headerLines(header, windowMs, spikeCount, {lines, frozen, playback, theme}).map((line, index) => (
		<Line key={index} text={line.text} width={width} color={line.style.color} bold={line.style.bold} />
	));
	return shown.length === 1 ? shown[0] : <Box flexDirection="column">{shown}</Box>;
}

/** One header line as {@link Header} draws it (before it is cut to the width), and where its clock is, if it shows one. */
export interface HeaderLine {
	text: string;
	style: LineStyle;
	/** The elapsed-time clock on this line: the text before it and its own text (`text` starts with `prefix + clock`). */
	clock?: {prefix: string; text: string};
}

/** Options of {@link headerLines}. */
export interface HeaderLineOptions {
	/** 2, or 1 in the minimal layout. @default 2 */
	lines?: 1 | 2;
	/** @default false */
	frozen?: boolean;
	playback?: PlaybackView | undefined;
	theme: Theme;
}

/**
 * The header's lines with their styles: the title line, then the state line
 * (in the warning colour when paused, failed or inconclusive); both on one
 * line, in the title's style, when `lines` is 1.
 */
export function headerLines(
	header: HeaderView,
	windowMs: number,
	spikeCount: number,
	{lines = 2, frozen = false, playback, theme}: HeaderLineOptions,
): HeaderLine[] {
	const {title, state, clockAt} = headerParts(header, windowMs, spikeCount, frozen, playback);
	const second = state.join(' · ');
	const clockPrefix =
		clockAt < 0
			? undefined
			: state
					.slice(0, clockAt)
					.map((part) => `${part} · `)
					.join('');
	const clockText = state[clockAt];
	const clock = (lead: string) => (clockPrefix === undefined || clockText === undefined ? {} : {clock: {prefix: lead + clockPrefix, text: clockText}});
	if (lines === 1) return [{text: `${title} │ ${second}`, style: {color: theme.title, bold: true}, ...clock(`${title} │ `)}];
	const alert = header.paused || playback?.paused === true || header.verdict === 'fail' || header.verdict === 'inconclusive';
	return [
		{text: title, style: {color: theme.title, bold: true}},
		{text: second, style: alert ? {color: theme.warn} : {}, ...clock('')},
	];
}

/** The header with the clock at `clockMs` when it moved past the view's elapsed time since the frame was built. */
export function headerAt(header: HeaderView, clockMs: number | undefined): HeaderView {
	return clockMs === undefined || clockMs <= header.elapsedMs ? header : {...header, elapsedMs: clockMs};
}

/**
 * The two header lines as plain text. The state line starts with what a
 * reader needs first (ENDED/PAUSED/FROZEN, the verdict, the phase and the
 * clock), so a narrow terminal cuts only the details. A replay shows its
 * position instead of the clock, `0:42 / 1:41 x4` (played / total run time,
 * speed), and PAUSED when its playback is paused.
 */
export function headerText(header: HeaderView, windowMs: number, spikeCount: number, frozen = false, playback?: PlaybackView): [string, string] {
	const {title, state} = headerParts(header, windowMs, spikeCount, frozen, playback);
	return [title, state.join(' · ')];
}

/** The title line, the parts of the state line and the index of the clock among them (-1 when a replay shows its position instead). */
function headerParts(
	header: HeaderView,
	windowMs: number,
	spikeCount: number,
	frozen: boolean,
	playback: PlaybackView | undefined,
): {title: string; state: string[]; clockAt: number} {
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
	const showsPosition = playback !== undefined && !header.ended;
	const state = [
		`verdict ${header.verdict.toUpperCase()}${header.verdict === 'inconclusive' && header.verdictReason ? ` (${header.verdictReason})` : ''}`,
		`phase ${header.phase ?? 'starting'}${header.loading ? `: ${header.loading}` : ''}`,
		// Once the run ended, the final screen is the live run's (replay = live = watch): the clock, not the position.
		showsPosition ? playbackText(playback) : formatElapsed(header.elapsedMs),
		...(header.soak ? [header.soak] : []),
		prompt,
		`spikes ${spikeCount}`,
		`window ${formatWindow(windowMs)}`,
		`observer ${observer}${cores}`,
	];
	const flags = [header.ended ? 'ENDED' : null, header.paused || playback?.paused === true ? 'PAUSED' : null, frozen ? 'FROZEN' : null].filter(
		(flag): flag is string => flag !== null,
	);
	const target = header.target ? `${oneLine(header.target)} │ ` : '';
	return {title: `llmtop ${header.mode} │ ${target}${model} │ ${config}`, state: [...flags, ...state], clockAt: showsPosition ? -1 : flags.length + 2};
}

/** `0:42 / 1:41 x4`: the recorded time played, the whole run's, and the speed (`x max` plays everything at once). */
export function playbackText({playedMs, totalMs, speed}: PlaybackView): string {
	const speedText = speed === 0 ? 'max' : String(Number(speed.toPrecision(3)));
	return `${formatElapsed(Math.min(playedMs, totalMs))} / ${formatElapsed(totalMs)} x${speedText}`;
}
