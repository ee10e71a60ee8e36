/**
 * ANSI SGR styling of whole lines, for text handed to Ink through
 * `<Transform>` (where Ink's own colour props cannot reach).
 */

/** How a line is styled; an empty style adds no escape codes. */
export interface LineStyle {
	color?: string | undefined;
	bold?: boolean | undefined;
	dim?: boolean | undefined;
}

const FOREGROUND: Readonly<Record<string, number>> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
	grey: 90,
	redBright: 91,
	greenBright: 92,
	yellowBright: 93,
	blueBright: 94,
	magentaBright: 95,
	cyanBright: 96,
	whiteBright: 97,
};

/** Wraps `text` in the escape codes of `style` (one span for the whole line). */
export function styleLine(text: string, style: LineStyle | undefined): string {
	if (!style || text === '') return text;
	let open = '';
	let close = '';
	const code = style.color === undefined ? undefined : FOREGROUND[style.color];
	if (code !== undefined) {
		open += `\u001B[${code}m`;
		close = '\u001B[39m' + close;
	}
	if (style.bold) {
		open += '\u001B[1m';
		close = '\u001B[22m' + close;
	} else if (style.dim) {
		open += '\u001B[2m';
		close = '\u001B[22m' + close;
	}
	return open === '' ? text : open + text + close;
}
