/**
 * Issue 15: the clock is redrawn alone when only the clock moved. The
 * bytes put the new clock where the state line shows it, in that line's
 * style; anything else is left to a full frame (`undefined`).
 */
import {describe, expect, it} from 'vitest';
import {clockOverlay, type ClockOverlayInput} from '../../src/ui/clock-overlay.js';
import {headerText} from '../../src/ui/components/Header.js';
import {COLOR_THEME, PLAIN_THEME} from '../../src/ui/theme.js';
import type {HeaderView} from '../../src/ui/view.js';
import {viewFixture} from './fixtures.js';

const ESC = '\u001B';

function input(extra: Partial<ClockOverlayInput> = {}, header: Partial<HeaderView> = {}): ClockOverlayInput {
	return {
		header: {...viewFixture().header, verdict: 'pending', elapsedMs: 5_000, ...header},
		windowMs: 60_000,
		spikeCount: 0,
		frozen: false,
		playback: undefined,
		width: 120,
		height: 35,
		theme: PLAIN_THEME,
		shownMs: 5_000,
		nowMs: 6_000,
		...extra,
	};
}

/** The one cursor-addressed write: save, move, text, restore. */
function write(row: number, column: number, text: string): string {
	return `${ESC}7${ESC}[${row};${column}H${text}${ESC}8`;
}

describe('clockOverlay', () => {
	it('two-line header: the clock on row 2, after the verdict and the phase', () => {
		const [, state] = headerText(input().header, 60_000, 0);
		expect(state.startsWith('verdict PENDING · phase prompts · 0:05 · ')).toBe(true);
		expect(clockOverlay(input())).toBe(write(2, 35, '0:06'));
	});

	it('one-line header: the clock on row 1, after the title line and its separator', () => {
		const [title] = headerText(input().header, 60_000, 0);
		const column = title.length + ' │ '.length + 'verdict PENDING · phase prompts · '.length + 1;
		expect(clockOverlay(input({lines: 1, width: 400}))).toBe(write(1, column, '0:06'));
	});

	it('wide characters before the clock count two columns each', () => {
		const wide = input({}, {verdict: 'inconclusive', verdictReason: 'データ不足'});
		// `verdict INCONCLUSIVE (` 22 + 5 wide characters 10 + `) · phase prompts · ` 20 columns.
		expect(clockOverlay(wide)).toBe(write(2, 53, '0:06'));
	});

	it('a flag before the verdict (`PAUSED · `) moves the clock right', () => {
		expect(clockOverlay(input({}, {paused: true}))).toBe(write(2, 44, '0:06'));
	});

	it('in the line colour: plain when the line is, the warning colour when paused or failing', () => {
		expect(clockOverlay(input({theme: COLOR_THEME}))).toBe(write(2, 35, '0:06'));
		const failing = clockOverlay(input({theme: COLOR_THEME}, {verdict: 'fail'}));
		expect(failing).toBe(write(2, 32, `${ESC}[33m0:06${ESC}[39m`));
		const oneLine = clockOverlay(input({theme: COLOR_THEME, lines: 1, width: 400}));
		expect(oneLine).toContain(`${ESC}[36m${ESC}[1m0:06${ESC}[22m${ESC}[39m`);
	});

	it('undefined when the clock gets wider (9:59 to 10:00) or narrower', () => {
		expect(clockOverlay(input({shownMs: 599_000, nowMs: 600_000}, {elapsedMs: 599_000}))).toBeUndefined();
		expect(clockOverlay(input({shownMs: 3_599_000, nowMs: 3_600_000}, {elapsedMs: 3_599_000}))).toBeUndefined();
		expect(clockOverlay(input({shownMs: 598_000, nowMs: 599_000}, {elapsedMs: 598_000}))).toBe(write(2, 35, '9:59'));
	});

	it('undefined when the line cuts the clock; the same write when the cut comes after it', () => {
		// `verdict PENDING · phase prompts · 0:05` is 38 columns; a cut line ends with `…`.
		expect(clockOverlay(input({width: 37}))).toBeUndefined();
		expect(clockOverlay(input({width: 38}))).toBeUndefined();
		expect(clockOverlay(input({width: 39}))).toBe(write(2, 35, '0:06'));
	});

	it('the empty string when the header shows the same (same second, or a replay position instead of the clock)', () => {
		expect(clockOverlay(input({nowMs: 5_900}))).toBe('');
		const playback = {paused: false, speed: 1, playedMs: 4_000, totalMs: 60_000};
		expect(clockOverlay(input({playback}, {mode: 'replay'}))).toBe('');
	});

	it('the frame clock wins while it is ahead: nothing moves until the clock passes it', () => {
		expect(clockOverlay(input({shownMs: 1_000, nowMs: 4_000}, {elapsedMs: 5_000}))).toBe('');
	});

	it('nothing to write for a state line below the frame (a one-row terminal)', () => {
		expect(clockOverlay(input({height: 1}))).toBe('');
	});
});
