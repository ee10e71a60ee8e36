import {render, Static, useApp} from 'ink';
import {useEffect} from 'react';
import {COLOR_THEME, PLAIN_THEME, ThemeContext, colorEnabled} from '../theme.js';
import {CompareView, type CompareSpan} from './CompareView.js';

/** Options of {@link showComparison}. */
export interface ShowComparisonOptions {
	/** @default process.stdout */
	stdout?: NodeJS.WriteStream;
	/** No colour, whatever the environment says (NO_COLOR and FORCE_COLOR=0 are honoured anyway). @default false */
	noColor?: boolean;
	/** Environment read for NO_COLOR / FORCE_COLOR. @default process.env */
	env?: NodeJS.ProcessEnv;
}

/** Prints the comparison once through Ink (a static view: it stays in the scrollback) and resolves when done. */
export async function showComparison(lines: readonly (readonly CompareSpan[])[], options: ShowComparisonOptions = {}): Promise<void> {
	const theme = colorEnabled(options.env ?? process.env, options.noColor) ? COLOR_THEME : PLAIN_THEME;
	const instance = render(
		<ThemeContext.Provider value={theme}>
			<PrintOnce lines={lines} />
		</ThemeContext.Provider>,
		{stdout: options.stdout ?? process.stdout, patchConsole: false, exitOnCtrlC: true},
	);
	await instance.waitUntilExit();
}

function PrintOnce({lines}: {lines: readonly (readonly CompareSpan[])[]}) {
	const {exit} = useApp();
	useEffect(() => {
		exit();
	}, [exit]);
	return <Static items={[lines]}>{(items, i) => <CompareView key={i} lines={items} />}</Static>;
}
