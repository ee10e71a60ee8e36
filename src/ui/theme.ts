/**
 * Colours of the dashboard, decided once. With colour off every style is
 * `undefined`, so views emit no escape codes and show the same facts through
 * glyphs and words.
 */
import {createContext, useContext} from 'react';

/** Ink colour names (or `undefined` for the terminal default). */
export type Color = string | undefined;

/** Styles the views use. */
export interface Theme {
	color: boolean;
	title: Color;
	dim: boolean;
	good: Color;
	bad: Color;
	warn: Color;
	pending: Color;
	spike: Color;
	selected: Color;
	chart: {cpu: Color; rss: Color; itl: Color; tokensPerSec: Color; canary: Color};
}

/** Theme with colours. */
export const COLOR_THEME: Theme = {
	color: true,
	title: 'cyan',
	dim: true,
	good: 'green',
	bad: 'red',
	warn: 'yellow',
	pending: 'gray',
	spike: 'redBright',
	selected: 'cyanBright',
	chart: {cpu: 'cyan', rss: 'magenta', itl: 'yellow', tokensPerSec: 'green', canary: 'blueBright'},
};

/** Theme without any colour or dimming. */
export const PLAIN_THEME: Theme = {
	color: false,
	title: undefined,
	dim: false,
	good: undefined,
	bad: undefined,
	warn: undefined,
	pending: undefined,
	spike: undefined,
	selected: undefined,
	chart: {cpu: undefined, rss: undefined, itl: undefined, tokensPerSec: undefined, canary: undefined},
};

/**
 * Whether to use colour: off when asked (`noColor`), when `NO_COLOR` is set
 * to anything non-empty (no-color.org), or when `FORCE_COLOR` is `0` or `false`.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, noColor = false): boolean {
	if (noColor) return false;
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
	const force = env['FORCE_COLOR'];
	return !(force === '0' || force === 'false');
}

/** The theme in effect; views read it with {@link useTheme}. */
export const ThemeContext = createContext<Theme>(COLOR_THEME);

/** The theme in effect. */
export function useTheme(): Theme {
	return useContext(ThemeContext);
}
