import {render} from 'ink';
import {COLOR_THEME, PLAIN_THEME, ThemeContext, colorEnabled} from '../theme.js';
import {SweepView, type SweepViewProps} from './SweepView.js';

/** A sweep view on the terminal, redrawn with new props. */
export interface SweepViewHandle {
	update(props: SweepViewProps): void;
	/** Draws the last frame and leaves it in the scrollback. */
	done(): Promise<void>;
}

/** Mounts {@link SweepView} (Ctrl+C is the caller's: Ink does not exit on it). */
export function showSweep(props: SweepViewProps, options: {stdout?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv} = {}): SweepViewHandle {
	const theme = colorEnabled(options.env ?? process.env) ? COLOR_THEME : PLAIN_THEME;
	const element = (next: SweepViewProps) => (
		<ThemeContext.Provider value={theme}>
			<SweepView {...next} />
		</ThemeContext.Provider>
	);
	const instance = render(element(props), {stdout: options.stdout ?? process.stdout, patchConsole: false, exitOnCtrlC: false, maxFps: 4});
	return {
		update: (next) => instance.rerender(element(next)),
		done: async () => {
			instance.unmount();
			await instance.waitUntilExit();
		},
	};
}
