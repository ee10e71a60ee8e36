import {setTimeout as delay} from 'node:timers/promises';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {ReplaySchedule} from '../../src/report/replay.js';
import {formatElapsed} from '../../src/run/format.js';
import {RunStore} from '../../src/run/store.js';
import {DashboardApp} from '../../src/ui/components/DashboardApp.js';
import {Header, headerText, playbackText} from '../../src/ui/components/Header.js';
import {footerHint} from '../../src/ui/key-hints.js';
import {PLAIN_THEME, ThemeContext} from '../../src/ui/theme.js';
import {initialUiState} from '../../src/ui/ui-state.js';
import type {PlaybackView} from '../../src/ui/view.js';
import {runEvents, viewFixture} from './fixtures.js';
import {renderAt, stripAnsi} from './render-at.js';

/** Issue 15, item 10: the replay dashboard shows PAUSED, its speed and its position (played / total run time). */

const mounted: {unmount(): void}[] = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) instance.unmount();
});

const eventually = (check: () => void) => vi.waitFor(check, {timeout: 10_000, interval: 10});

describe('replay playback in the header', () => {
	it.each([
		[{paused: false, speed: 4, playedMs: 42_000, totalMs: 101_000}, '0:42 / 1:41 x4'],
		[{paused: false, speed: 0.5, playedMs: 0, totalMs: 5_000}, '0:00 / 0:05 x0.5'],
		[{paused: false, speed: 0.0625, playedMs: 3_999, totalMs: 5_000}, '0:03 / 0:05 x0.0625'],
		[{paused: false, speed: 0, playedMs: Number.POSITIVE_INFINITY, totalMs: 61_000}, '1:01 / 1:01 xmax'],
		[{paused: true, speed: 1, playedMs: 120_000, totalMs: 100_000}, '1:40 / 1:40 x1'],
	])('%j reads %s', (playback, text) => {
		expect(playbackText(playback)).toBe(text);
	});

	it('PAUSED first, then the position instead of the clock, within 80 columns', () => {
		const view = viewFixture();
		const playback: PlaybackView = {paused: true, speed: 4, playedMs: 42_000, totalMs: 101_000};
		const [, state] = headerText({...view.header, mode: 'replay'}, 60_000, 0, false, playback);
		expect(state).toMatch(/^PAUSED · verdict FAIL · phase prompts · 0:42 \/ 1:41 x4 · /);
		const instance = render(
			<ThemeContext.Provider value={PLAIN_THEME}>
				<Header header={{...view.header, mode: 'replay'}} width={80} windowMs={60_000} spikeCount={0} playback={playback} />
			</ThemeContext.Provider>,
		);
		mounted.push(instance);
		expect(instance.lastFrame()).toContain('PAUSED · verdict FAIL · phase prompts · 0:42 / 1:41 x4');
	});

	it('after the end the clock shows, as on the final screen of the live run (replay = live = watch)', () => {
		const view = viewFixture();
		const playback: PlaybackView = {paused: false, speed: 0, playedMs: Number.POSITIVE_INFINITY, totalMs: 101_000};
		const [, state] = headerText({...view.header, mode: 'replay', ended: true}, 60_000, 0, false, playback);
		expect(state).not.toContain(' / ');
		expect(state).toBe(headerText({...view.header, mode: 'replay', ended: true}, 60_000, 0)[1]);
	});

	it('without playback (a live run) the clock shows as before and nothing says PAUSED', () => {
		const [, state] = headerText(viewFixture().header, 60_000, 0);
		expect(state).not.toContain('PAUSED');
		expect(state).not.toContain(' / ');
	});

	it('the footer offers p resume while paused', () => {
		expect(footerHint('replay', initialUiState('replay'), {paused: true})).toContain('p resume · >/< speed');
		expect(footerHint('replay', initialUiState('replay'), {})).toContain('p pause · >/< speed');
	});
});

describe('replay dashboard keys drive the real schedule and the header follows', () => {
	it('p shows PAUSED at once, > doubles the speed, p again resumes', async () => {
		const events = runEvents('run');
		const schedule = new ReplaySchedule(events, {speed: 4});
		const store = new RunStore();
		store.applyAll(schedule.take(performance.now()));
		const totalText = `/ ${formatElapsed(schedule.totalMs)}`;
		const controls = {
			quit: () => {},
			togglePause: () => void schedule.togglePause(performance.now()),
			skipPrompt: () => {},
			changeSpeed: (factor: number) => schedule.setSpeed(schedule.speed * factor, performance.now()),
		};
		const playback = (): PlaybackView => ({
			paused: schedule.paused,
			speed: schedule.speed,
			playedMs: schedule.playedTo(performance.now()),
			totalMs: schedule.totalMs,
		});
		const rendered = renderAt(
			<DashboardApp store={store} controls={controls} mode="replay" rates={{activeMs: 5, idleMs: 5}} interactive playback={playback} />,
			120,
			36,
		);
		mounted.push(rendered.instance);
		const frame = () => stripAnsi(rendered.lastFrame());
		await eventually(() => expect(frame()).toMatch(new RegExp(`\\d:\\d\\d ${totalText} x4`)));
		expect(frame()).not.toContain('PAUSED');
		rendered.stdin.write('p');
		await eventually(() => expect(frame()).toContain('PAUSED'));
		await eventually(() => expect(frame()).toContain('p resume'));
		await delay(15);
		rendered.stdin.write('>');
		await eventually(() => expect(frame()).toMatch(/ x8 · /));
		await delay(15);
		rendered.stdin.write('p');
		await eventually(() => expect(frame()).not.toContain('PAUSED'));
	});
});
