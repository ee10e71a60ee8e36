import {render} from 'ink';
import isInCi from 'is-in-ci';
import type {RunStore} from '../run/store.js';
import {DashboardApp, type DashboardControls} from './components/DashboardApp.js';
import type {ClockWriter} from './clock-overlay.js';
import {DEFAULT_FRAME_RATES, type FrameRates} from './frame-clock.js';
import {COLOR_THEME, PLAIN_THEME, ThemeContext, colorEnabled} from './theme.js';
import type {DashboardMode, PlaybackView} from './view.js';

/** Options of {@link startDashboard}. */
export interface DashboardOptions {
	/** The run store the dashboard draws; it subscribes to it. */
	store: RunStore;
	controls: DashboardControls;
	mode: DashboardMode;
	/** Text appended to the key hints, read at each frame (`watch`: the writer's state and the watcher's CPU). */
	footerNote?: () => string;
	/** Where the report and events went, once written (read each second): the final screen's footer says it. */
	saved?: () => string | undefined;
	/** Replay: where playback stands (paused, speed, position), read at each frame and each second. */
	playback?: () => PlaybackView;
	/** @default process.stdout */
	stdout?: NodeJS.WriteStream;
	/** @default process.stdin */
	stdin?: NodeJS.ReadStream;
	/** No colour, whatever the environment says (NO_COLOR and FORCE_COLOR=0 are honoured anyway). @default false */
	noColor?: boolean;
	/** Minimum time between store-driven frames. @default {activeMs: 1000, idleMs: 4000} */
	rates?: Partial<FrameRates>;
	/** Ink's cap on frames per second (key presses included). @default 8 */
	maxFps?: number;
	/** Ink's incremental rendering (rewrite changed lines only). @default false */
	incrementalRendering?: boolean;
	/** Draw on the terminal's alternate screen and give the original screen back on exit. @default true when stdout is a TTY */
	alternateScreen?: boolean;
	/** Environment read for NO_COLOR / FORCE_COLOR. @default process.env */
	env?: NodeJS.ProcessEnv;
}

/** A running dashboard. */
export interface DashboardHandle {
	/** Settles when the dashboard is unmounted (rejects if rendering failed); the terminal is restored by then. */
	waitUntilExit(): Promise<void>;
	/** Removes the dashboard and restores the terminal. Idempotent. */
	unmount(): void;
	/** Frames Ink drew so far, the time spent producing them (Ink's `onRender` metric, ms), and the clock moves written without a frame. */
	frames(): {count: number; totalMs: number; clockWrites: number};
}

/**
 * How long after a state change Ink may still write its frame: a change that
 * comes within `1000 / maxFps` ms of the last frame is drawn up to that long
 * after it (Ink's throttle); twice that, and room for a late timer.
 */
function frameSettleMs(maxFps: number): number {
	const throttleMs = maxFps > 0 ? Math.ceil(1000 / maxFps) : 0;
	return 2 * throttleMs + 50;
}

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';
const SHOW_CURSOR = '\u001B[?25h';

/**
 * Mounts the live dashboard. Frames follow store changes at a capped rate
 * (see `frame-clock.ts`). Ctrl+C does not kill the process: it calls
 * `controls.quit()` like `q`; the controller unmounts the dashboard when it
 * is done. The terminal (alternate screen, cursor, raw mode) is restored on
 * unmount, on a rendering error and at process exit.
 */
export function startDashboard(options: DashboardOptions): DashboardHandle {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const theme = colorEnabled(options.env ?? process.env, options.noColor) ? COLOR_THEME : PLAIN_THEME;
	const rates = {...DEFAULT_FRAME_RATES, ...options.rates};
	const alternateScreen = options.alternateScreen ?? stdout.isTTY === true;
	const frames = {count: 0, totalMs: 0, clockWrites: 0};
	let size = `${stdout.columns}x${stdout.rows}`;
	const onResize = () => {
		const next = `${stdout.columns}x${stdout.rows}`;
		if (next === size) return;
		size = next;
		if (alternateScreen) stdout.write(CLEAR_SCREEN);
	};
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.off('resize', onResize);
		process.off('exit', restore);
		if (alternateScreen) stdout.write(LEAVE_ALT_SCREEN);
		if (stdout.isTTY) stdout.write(SHOW_CURSOR);
	};
	// Registered before Ink's own listener, so the screen is cleared before Ink redraws.
	stdout.on('resize', onResize);
	process.once('exit', restore);
	if (alternateScreen) stdout.write(ENTER_ALT_SCREEN);
	const maxFps = options.maxFps ?? 8;
	// Only where the frame's place on screen is known (the top of the alternate screen) and Ink draws live frames.
	const clock: ClockWriter | undefined =
		alternateScreen && stdout.isTTY === true && !isInCi
			? {
					write: (bytes) => {
						if (restored) return;
						frames.clockWrites++;
						stdout.write(bytes);
					},
					settleMs: frameSettleMs(maxFps),
				}
			: undefined;
	let instance;
	try {
		instance = render(
			<ThemeContext.Provider value={theme}>
				<DashboardApp
					store={options.store}
					controls={options.controls}
					mode={options.mode}
					footerNote={options.footerNote}
					playback={options.playback}
					saved={options.saved}
					rates={rates}
					interactive={stdin.isTTY === true}
					clock={clock}
				/>
			</ThemeContext.Provider>,
			{
				stdout,
				stdin,
				maxFps,
				incrementalRendering: options.incrementalRendering ?? false,
				exitOnCtrlC: false,
				patchConsole: false,
				onRender: ({renderTime}) => {
					frames.count++;
					frames.totalMs += renderTime;
				},
			},
		);
	} catch (error) {
		restore();
		throw error;
	}
	const mounted = instance;
	const exited = mounted.waitUntilExit().then(
		() => restore(),
		(error: unknown) => {
			restore();
			throw error;
		},
	);
	exited.catch(() => {});
	return {
		waitUntilExit: () => exited,
		unmount: () => {
			mounted.unmount();
			restore();
		},
		frames: () => ({...frames}),
	};
}
