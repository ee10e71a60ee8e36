/**
 * Terminal text helpers: display width, cutting to a width, and making
 * untrusted text (model output, prompt ids) safe to print.
 */

const ELLIPSIS = '…';

/**
 * Display width of one code point: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide / fullwidth characters and emoji, else 1.
 * An approximation of `string-width` that needs no regex per character.
 */
export function codePointWidth(codePoint: number): 0 | 1 | 2 {
	if (codePoint < 0x300) return 1;
	if (
		(codePoint >= 0x300 && codePoint <= 0x36f) ||
		(codePoint >= 0x200b && codePoint <= 0x200f) ||
		(codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
		(codePoint >= 0x1ab0 && codePoint <= 0x1aff) ||
		(codePoint >= 0x20d0 && codePoint <= 0x20ff)
	) {
		return 0;
	}
	if (
		(codePoint >= 0x1100 && codePoint <= 0x115f) ||
		(codePoint >= 0x2e80 && codePoint <= 0x303e) ||
		(codePoint >= 0x3041 && codePoint <= 0x33ff) ||
		(codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
		(codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
		(codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
		(codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
		(codePoint >= 0xf900 && codePoint <= 0xfaff) ||
		(codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
		(codePoint >= 0xff00 && codePoint <= 0xff60) ||
		(codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
		(codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
		(codePoint >= 0x1f900 && codePoint <= 0x1f9ff) ||
		(codePoint >= 0x20000 && codePoint <= 0x3fffd)
	) {
		return 2;
	}
	return 1;
}

/** Display width of a string without escape sequences. */
export function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) width += codePointWidth(char.codePointAt(0) ?? 0);
	return width;
}

/**
 * Cuts `text` to at most `width` columns, ending with `…` when it was cut.
 * A width below 1 gives the empty string.
 */
export function truncate(text: string, width: number): string {
	if (width < 1) return '';
	if (text.length <= width && isNarrowAscii(text)) return text;
	if (displayWidth(text) <= width) return text;
	let out = '';
	let used = 0;
	for (const char of text) {
		const charWidth = codePointWidth(char.codePointAt(0) ?? 0);
		if (used + charWidth > width - 1) break;
		out += char;
		used += charWidth;
	}
	return out + ELLIPSIS;
}

/** Pads (or cuts) `text` to exactly `width` columns, left-aligned. */
export function padEnd(text: string, width: number): string {
	const cut = truncate(text, width);
	return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** Pads (or cuts) `text` to exactly `width` columns, right-aligned. */
export function padStart(text: string, width: number): string {
	const cut = truncate(text, width);
	return ' '.repeat(Math.max(0, width - displayWidth(cut))) + cut;
}

/**
 * Makes untrusted text printable: drops escape sequences and control
 * characters (a model can emit `ESC`), turns tabs into spaces and carriage
 * returns into nothing. Newlines are kept.
 */
export function sanitize(text: string): string {
	if (!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text)) return text;
	return text
		.replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
		.replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
		.replace(/\t/g, '  ')
		.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
}

/**
 * Wraps text to `width` columns (hard wrap, no word splitting logic beyond
 * breaking at the width) and returns its lines. Newlines start new lines.
 */
export function wrapLines(text: string, width: number): string[] {
	const out: string[] = [];
	if (width < 1) return out;
	for (const paragraph of text.split('\n')) {
		let line = '';
		let used = 0;
		for (const char of paragraph) {
			const charWidth = codePointWidth(char.codePointAt(0) ?? 0);
			if (used + charWidth > width) {
				out.push(line);
				line = '';
				used = 0;
			}
			line += char;
			used += charWidth;
		}
		out.push(line);
	}
	return out;
}

/** The last `count` wrapped lines of `text` (what a tail view shows). */
export function tailLines(text: string, width: number, count: number): string[] {
	if (count < 1 || width < 1) return [];
	const lines = wrapLines(text.slice(tailStart(text, width, count)), width);
	return lines.slice(Math.max(0, lines.length - count));
}

/**
 * Where wrapping can start so that the last `count` lines come out the same
 * as wrapping the whole text: a paragraph start, moved on by whole rows.
 */
function tailStart(text: string, width: number, count: number): number {
	const keep = 2 * count * (width + 1);
	if (text.length <= keep) return 0;
	const cut = text.length - keep;
	const start = text.lastIndexOf('\n', cut) + 1;
	return start + Math.floor((cut - start) / width) * width;
}

function isNarrowAscii(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code > 0x7e) return false;
	}
	return true;
}
