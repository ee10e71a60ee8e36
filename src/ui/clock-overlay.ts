/**
 * The header's clock redrawn on its own. When only the clock moved since
 * the last frame, rewriting it in place costs a few dozen bytes, where an
 * Ink frame regenerates and writes the whole screen (~12 ms of Ink time at
 * 120x36): in idle phases the per-second clock was most of the
 * dashboard's CPU.
 */
import stringWidth from 'string-width';
import {sanitize} from '../run/sanitize.js';
import {headerAt, headerLines} from './components/Header.js';
import {styleLine} from './sgr.js';
import {truncate} from './text.js';
import type {Theme} from './theme.js';
import type {HeaderView, PlaybackView} from './view.js';

/** What the header shows, as the dashboard renders it (see `Dashboard.tsx`). */
export interface ClockOverlayInput {
	/** The frame's header view. */
	header: HeaderView;
	windowMs: number;
	spikeCount: number;
	frozen: boolean;
	playback: PlaybackView | undefined;
	/** Header lines: 2, or 1 in the one-line layout. */
	lines?: 1 | 2;
	/** Width and height of the frame (its header starts at the top-left cell of the screen). */
	width: number;
	height: number;
	theme: Theme;
	/** The clock on screen and the clock to show (ms of run time). */
	shownMs: number;
	nowMs: number;
}

const SAVE_CURSOR = '\u001B7';
const RESTORE_CURSOR = '\u001B8';

/**
 * The bytes that move the header's clock from `shownMs` to `nowMs` on a
 * screen where the frame is drawn from the top-left cell: for each header
 * line that changed, save the cursor, go to the clock's cell, write the new
 * clock in the line's style, restore the cursor. The empty string when the
 * header looks the same; `undefined` when a direct write cannot show the
 * change and a full frame is needed: something else changed, the clock's
 * width changed (`9:59` to `10:00`), the line cuts the clock, or the text
 * before it is not plain.
 */
export function clockOverlay(input: ClockOverlayInput): string | undefined {
	const {width, height, theme, shownMs, nowMs} = input;
	const options = {lines: input.lines ?? 2, frozen: input.frozen, playback: input.playback, theme};
	const before = headerLines(headerAt(input.header, shownMs), input.windowMs, input.spikeCount, options);
	const after = headerLines(headerAt(input.header, nowMs), input.windowMs, input.spikeCount, options);
	let bytes = '';
	for (const [index, line] of after.entries()) {
		const old = before[index];
		if (old === undefined) return undefined;
		if (old.text === line.text) continue;
		const row = index + 1;
		if (row > height) continue;
		const {clock} = line;
		if (clock === undefined || old.clock === undefined || old.clock.prefix !== clock.prefix) return undefined;
		if (stringWidth(old.clock.text) !== stringWidth(clock.text)) return undefined;
		if (old.text.slice(clock.prefix.length + old.clock.text.length) !== line.text.slice(clock.prefix.length + clock.text.length)) return undefined;
		if (!truncate(line.text, width).startsWith(clock.prefix + clock.text)) return undefined;
		if (sanitize(clock.prefix + clock.text) !== clock.prefix + clock.text || /[\r\n]/.test(clock.prefix)) return undefined;
		const column = stringWidth(clock.prefix) + 1;
		const text = theme.color ? styleLine(clock.text, line.style) : clock.text;
		bytes += `${SAVE_CURSOR}\u001B[${row};${column}H${text}${RESTORE_CURSOR}`;
	}
	return bytes;
}

/** Where the dashboard writes its clock between Ink frames (given by `startDashboard` when the screen allows it). */
export interface ClockWriter {
	/** Writes the bytes of {@link clockOverlay} to the terminal. */
	write(bytes: string): void;
	/**
	 * How long after a state change Ink may still have a frame of it to
	 * write (its frame-rate cap defers frames): a direct write then would be
	 * overwritten by that frame's older clock, so a frame is drawn instead.
	 */
	settleMs: number;
}
