import {render, Static, useApp} from 'ink';
import {useEffect} from 'react';
import type {Section} from '../../report/compare-view.js';
import {COLOR_THEME, PLAIN_THEME, ThemeContext, colorEnabled} from '../theme.js';
import {CompareView} from './CompareView.js';

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
export async function showComparison(sections: readonly Section[], options: ShowComparisonOptions = {}): Promise<void> {
	const theme = colorEnabled(options.env ?? process.env, options.noColor) ? COLOR_THEME : PLAIN_THEME;
	const instance = render(
		<ThemeContext.Provider value={theme}>
			<PrintOnce sections={sections} />
		</ThemeContext.Provider>,
		{stdout: options.stdout ?? process.stdout, patchConsole: false, exitOnCtrlC: true},
	);
	await instance.waitUntilExit();
}

function PrintOnce({sections}: {sections: readonly Section[]}) {
	const {exit} = useApp();
	useEffect(() => {
		exit();
	}, [exit]);
	return <Static items={[sections]}>{(items, i) => <CompareView key={i} sections={items} />}</Static>;
}
