import {chartPageCount} from '../chart-pages.js';
import {useInput, useStdout, type Key} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import type {RunStore} from '../../run/store.js';
import {clockOverlay, type ClockWriter} from '../clock-overlay.js';
import {buildFrame, type Frame, type Screen} from '../frame.js';
import type {FrameRates} from '../frame-clock.js';
import {useStoreFrames} from '../hooks/use-store-frames.js';
import {bodyHeight, type Size} from '../layout.js';
import {TableRenderer} from '../table-renderer.js';
import {sizeOf} from '../terminal-size.js';
import {useTheme, type Theme} from '../theme.js';
import {initialUiState, NOTICE_MS, reduceKey, type Command, type KeyContext, type UiState} from '../ui-state.js';
import type {DashboardMode, PlaybackView} from '../view.js';
import {Dashboard} from './Dashboard.js';
import {readerLines} from './ReaderOverlay.js';

/** What the dashboard asks of the run controller. Each call should return at once; the controller acts asynchronously. */
export interface DashboardControls {
	/** `q` (Ctrl+Q in `try`), Ctrl+C: stop the run, if any, and exit. The controller unmounts the dashboard. */
	quit(): void;
	/** `p`: pause or resume between prompts. */
	togglePause(): void;
	/** `s`: skip the current prompt. */
	skipPrompt(): void;
	/** `try`, Enter: run this prompt. */
	submitPrompt?(text: string): void;
	/** `try`, Esc (or `s` in keys mode): abort the running prompt. */
	abortPrompt?(): void;
	/** `try`, Ctrl+S: save a report of the tryouts; returns the confirmation to show as a passing notice (a failure is the controller's warning). */
	saveReport?(): string | undefined;
	/** Replay: play `factor` times faster (0.5: slower). */
	changeSpeed?(factor: number): void;
	/** `try`: how many typed prompts wait for the running one (read at each frame, each second and after each key). */
	queuedPrompts?(): number;
}

/** Props of {@link DashboardApp}. */
export interface DashboardAppProps {
	store: RunStore;
	controls: DashboardControls;
	mode: DashboardMode;
	/** Text appended to the key hints, read at each render. */
	footerNote?: () => string;
	rates: FrameRates;
	/** Whether stdin can deliver keys (a TTY). */
	interactive: boolean;
	/** Replay: where playback stands, read at each frame, each second and after each key. */
	playback?: () => PlaybackView;
	/** Where the report and events went, once written: read at each frame and each second. */
	saved?: () => string | undefined;
	/** Where to write the clock when only the clock moved, without a frame; absent: every move is a frame. */
	clock?: ClockWriter | undefined;
}

interface AppState {
	ui: UiState;
	size: Size;
	frame: Frame;
	/**
	 * Elapsed run time the header's clock shows (ms): it moves every second between frames. The ref's is the
	 * clock on screen; when the clock was written alone (`clock-overlay.ts`), React's state catches up at the next frame.
	 */
	clockMs: number;
	playback: PlaybackView | undefined;
	/** `try`: typed prompts waiting to run. */
	queued: number;
	saved: string | undefined;
}

/** How often the header's clock is checked; it is redrawn only when the second it shows changed (alone when it can, see `clock-overlay.ts`). */
const CLOCK_TICK_MS = 1000;

/**
 * The dashboard connected to the store, the terminal size and the keyboard.
 * Frames are built in the frame timer, the key handler and the resize
 * listener (never while React renders); rendering only reads them.
 */
export function DashboardApp({store, controls, mode, footerNote, rates, interactive, playback, saved, clock}: DashboardAppProps) {
	const theme = useTheme();
	const {stdout} = useStdout();
	const [tables] = useState(() => new TableRenderer());
	const [state, setState] = useState<AppState>(() => {
		const ui = initialUiState(mode);
		const size = sizeOf(stdout);
		const frame = buildFrame({store, mode, ui, size, theme, tables}, false);
		return {ui, size, frame, clockMs: store.now, playback: playback?.(), queued: controls.queuedPrompts?.() ?? 0, saved: saved?.()};
	});
	const latest = useRef(state);
	/** When React last got a new state (performance.now() ms): Ink may still have that frame to write. */
	const shownAt = useRef(0);
	const show = useCallback((next: AppState) => {
		latest.current = next;
		shownAt.current = performance.now();
		setState(next);
	}, []);
	const update = useCallback(
		(ui: UiState, size: Size) => {
			let next: AppState;
			try {
				next = {
					ui,
					size,
					frame: buildFrame({store, mode, ui, size, theme, tables}, true, latest.current.frame),
					clockMs: store.now,
					playback: playback?.(),
					queued: controls.queuedPrompts?.() ?? 0,
					saved: saved?.(),
				};
			} catch (error) {
				// Outside React here (timer, key, resize): rethrow inside a render, where Ink's error boundary unmounts the app.
				setState(() => {
					throw error;
				});
				return;
			}
			show(next);
		},
		[store, mode, theme, tables, playback, controls, saved, show],
	);
	useStoreFrames(store, rates, () => update(latest.current.ui, latest.current.size));
	useEffect(() => {
		const first = setTimeout(() => update(latest.current.ui, latest.current.size), 0);
		const onResize = () => {
			const size = sizeOf(stdout);
			const current = latest.current.size;
			if (size.columns !== current.columns || size.rows !== current.rows) update(latest.current.ui, size);
		};
		stdout.on('resize', onResize);
		return () => {
			clearTimeout(first);
			stdout.off('resize', onResize);
		};
	}, [stdout, update]);
	useEffect(() => {
		// The clock moves every second in every phase, between the store-driven frames (idle frames come every 4 s):
		// only the clock changes, so it is written alone when it can, else the memoised body is not re-rendered.
		const tick = setInterval(() => {
			const current = latest.current;
			const shown = playback?.();
			const queued = controls.queuedPrompts?.() ?? 0;
			const written = saved?.();
			const sameSecond = Math.floor(store.now / 1000) === Math.floor(current.clockMs / 1000);
			if (written !== current.saved) {
				// The outputs were written after the run ended: show where, frozen or not.
				show({...current, saved: written});
				return;
			}
			// The queue moved (a prompt started): the table shows it too.
			if (queued !== current.queued && !current.ui.frozen) {
				update(current.ui, current.size);
				return;
			}
			if (current.ui.frozen || (sameSecond && samePlayback(shown, current.playback))) return;
			const next = {...current, clockMs: store.now, playback: shown, queued};
			if (clock && samePlayback(shown, current.playback) && writeClock(clock, current, next.clockMs, theme, stdout, shownAt.current)) {
				// React's state keeps the older clock until the next frame, which draws from the ref.
				latest.current = next;
				return;
			}
			show(next);
		}, CLOCK_TICK_MS);
		tick.unref?.();
		return () => clearInterval(tick);
	}, [store, playback, controls, saved, update, show, clock, theme, stdout]);
	const onKey = useCallback(
		(input: string, key: Key) => {
			const current = latest.current;
			const result = reduceKey(current.ui, input, key, keyContext(current.frame, current.ui));
			if (result.state !== current.ui) update(result.state, current.size);
			const commands = result.commands ?? (result.command ? [result.command] : []);
			for (const command of commands) {
				const notice = runCommand(controls, command);
				if (notice !== undefined) update({...latest.current.ui, notice}, latest.current.size);
			}
			// A replay's pause and speed change the playback, a typed prompt the queue, not the store: show them at once.
			if (commands.length > 0) {
				const shown = playback?.();
				const queued = controls.queuedPrompts?.() ?? 0;
				if (!samePlayback(shown, latest.current.playback) || queued !== latest.current.queued) show({...latest.current, playback: shown, queued});
			}
		},
		[controls, update, playback, show],
	);
	useInput(onKey, {isActive: interactive});
	const notice = state.ui.notice;
	useEffect(() => {
		if (notice === null) return;
		const clear = setTimeout(() => {
			if (latest.current.ui.notice === notice) update({...latest.current.ui, notice: null}, latest.current.size);
		}, NOTICE_MS);
		clear.unref?.();
		return () => clearTimeout(clear);
	}, [notice, update]);
	return (
		<Dashboard
			screen={state.frame}
			ui={state.ui}
			clockMs={state.clockMs}
			note={footerNote?.()}
			playback={state.playback}
			queued={state.queued}
			saved={state.saved}
		/>
	);
}

/**
 * Moves the clock on screen to `nowMs` without a frame, when that is safe:
 * Ink has no frame of a recent state change left to write, the terminal's
 * size is the frame's and the header changed only in its clock (see
 * {@link clockOverlay}). Returns whether it did (or nothing needed writing).
 */
function writeClock(clock: ClockWriter, current: AppState, nowMs: number, theme: Theme, stdout: NodeJS.WriteStream, shownAt: number): boolean {
	if (performance.now() - shownAt < clock.settleMs) return false;
	const size = sizeOf(stdout);
	if (size.columns !== current.size.columns || size.rows !== current.size.rows) return false;
	const {view, layout} = current.frame;
	const bytes = clockOverlay({
		header: view.header,
		windowMs: current.ui.windowMs,
		spikeCount: view.spikeCount,
		frozen: current.ui.frozen,
		playback: current.playback,
		width: layout.width,
		height: layout.height,
		theme,
		shownMs: current.clockMs,
		nowMs,
	});
	if (bytes === undefined) return false;
	if (bytes !== '') clock.write(bytes);
	return true;
}

/** Whether two playback readings show the same (paused, speed and whole seconds played). */
function samePlayback(a: PlaybackView | undefined, b: PlaybackView | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return a.paused === b.paused && a.speed === b.speed && a.totalMs === b.totalMs && Math.floor(a.playedMs / 1000) === Math.floor(b.playedMs / 1000);
}

/** The facts {@link reduceKey} needs, from the frame on screen. */
export function keyContext({view, layout}: Screen, ui: UiState): KeyContext {
	const page = Math.max(1, bodyHeight(layout, view.header.mode === 'try') - 1);
	const row = ui.selected === null ? undefined : view.prompts[ui.selected];
	const lines = row ? readerLines(row, layout.width).length : 0;
	return {
		mode: view.header.mode,
		promptCount: view.prompts.length,
		runningIndex: view.runningIndex,
		focusIndex: view.focusIndex,
		readerMaxScroll: Math.max(0, lines - page),
		readerPage: page,
		chartPages: layout.kind === 'minimal' ? 1 : chartPageCount(layout.kind),
	};
}

/** Hands a command to the controller (an optional control that is missing is ignored); returns a notice to show, if any. */
export function runCommand(controls: DashboardControls, command: Command): string | undefined {
	switch (command.kind) {
		case 'quit':
			controls.quit();
			return;
		case 'pause':
			controls.togglePause();
			return;
		case 'skip':
			controls.skipPrompt();
			return;
		case 'submit':
			controls.submitPrompt?.(command.text);
			return;
		case 'abort':
			controls.abortPrompt?.();
			return;
		case 'save':
			return controls.saveReport?.() ?? undefined;
		case 'speed':
			controls.changeSpeed?.(command.factor);
			return;
		default:
			command satisfies never;
	}
}
