/**
 * Terminal text helpers: display width, cutting to a width, and making
 * untrusted text (model output, prompt ids) safe to print.
 */
import {sanitize} from '../run/sanitize.js';

const ELLIPSIS = '…';

/** Characters above U+1100 that llmtop draws itself, one column wide. */
const OWN_GLYPHS = new Set([...'✓✗▸⚠█↑↓'].map((char) => char.codePointAt(0) ?? 0));

/**
 * Display width of one code point, erring on the wide side: 1 for ASCII,
 * Latin, Greek, Cyrillic, punctuation, arrows, maths, box drawing and block
 * elements and llmtop's own glyphs; 2 for everything else from U+1100 on
 * (CJK, emoji, symbols that may be drawn as emoji). Combining marks count
 * 1. Overestimating is safe: a line cut with these widths never ends up
 * wider than its box, whatever the terminal's idea of the width.
 */
export function codePointWidth(codePoint: number): 1 | 2 {
	if (codePoint < 0x1100) return 1;
	if (
		(codePoint >= 0x1e00 && codePoint <= 0x1fff) ||
		(codePoint >= 0x2000 && codePoint <= 0x2064) ||
		(codePoint >= 0x2070 && codePoint <= 0x20cf) ||
		(codePoint >= 0x2100 && codePoint <= 0x2138) ||
		(codePoint >= 0x2190 && codePoint <= 0x21ff) ||
		(codePoint >= 0x2200 && codePoint <= 0x22ff) ||
		(codePoint >= 0x2500 && codePoint <= 0x259f) ||
		OWN_GLYPHS.has(codePoint)
	) {
		return 1;
	}
	return 2;
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

/**
 * Cuts `text` to at most `width` columns from the start, beginning with `…`
 * when it was cut, so that its end stays in view. A width below 1 gives the
 * empty string.
 */
export function truncateStart(text: string, width: number): string {
	if (width < 1) return '';
	if (displayWidth(text) <= width) return text;
	const chars = [...text];
	let out = '';
	let used = 0;
	for (let index = chars.length - 1; index >= 0; index--) {
		const char = chars[index] as string;
		const charWidth = codePointWidth(char.codePointAt(0) ?? 0);
		if (used + charWidth > width - 1) break;
		out = char + out;
		used += charWidth;
	}
	return ELLIPSIS + out;
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

/** Makes untrusted text printable (the one sanitiser, `src/run/sanitize.ts`). */
export {sanitize};

/**
 * Makes long runs of empty lines visible: three or more newlines in a row
 * become one `[N empty lines]` line (a model may emit nothing but newlines).
 */
export function markEmptyLines(text: string): string {
	return text.replace(/\n[ \t]*(?:\n[ \t]*){2,}/g, (run) => {
		const empty = run.split('\n').length - 2;
		return `\n[${empty} empty lines]\n`;
	});
}

/** Untrusted text for one line: sanitized, every run of whitespace (newlines included) one space. */
export function oneLine(text: string): string {
	return sanitize(text).replace(/\s+/g, ' ').trim();
}

/**
 * Wraps text to `width` columns at spaces where it can (a word longer than
 * the width is broken) and returns its lines. Newlines start new lines.
 */
export function wrapLines(text: string, width: number): string[] {
	const out: string[] = [];
	if (width < 1) return out;
	for (const paragraph of text.split('\n')) wrapParagraph(paragraph, width, out);
	return out;
}

function wrapParagraph(paragraph: string, width: number, out: string[]): void {
	let line = '';
	let used = 0;
	let lastSpace = -1;
	let widthAtSpace = 0;
	for (const char of paragraph) {
		const charWidth = codePointWidth(char.codePointAt(0) ?? 0);
		if (used + charWidth > width) {
			if (char === ' ') {
				out.push(line);
				line = '';
				used = 0;
				lastSpace = -1;
				continue;
			}
			if (lastSpace >= 0) {
				out.push(line.slice(0, lastSpace));
				line = line.slice(lastSpace + 1);
				used -= widthAtSpace + 1;
			}
			if (lastSpace < 0 || used + charWidth > width) {
				out.push(line);
				line = '';
				used = 0;
			}
			lastSpace = -1;
		}
		if (char === ' ') {
			lastSpace = line.length;
			widthAtSpace = used;
		}
		line += char;
		used += charWidth;
	}
	out.push(line);
}

/** The last `count` wrapped lines of `text` (what a tail view shows). */
export function tailLines(text: string, width: number, count: number): string[] {
	if (count < 1 || width < 1) return [];
	const lines = wrapLines(text.slice(tailStart(text, width, count)), width);
	return lines.slice(Math.max(0, lines.length - count));
}

/**
 * Where wrapping can start so that the last `count` lines come out as when
 * wrapping the whole text: the start of the paragraph holding the tail
 * (wrapping depends on where a paragraph starts), unless that paragraph
 * is very long, where the tail is taken as is.
 */
function tailStart(text: string, width: number, count: number): number {
	const keep = 2 * count * (width + 1);
	if (text.length <= keep) return 0;
	const cut = text.length - keep;
	const start = text.lastIndexOf('\n', cut) + 1;
	return cut - start > 65_536 ? cut : start;
}

function isNarrowAscii(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code > 0x7e) return false;
	}
	return true;
}
