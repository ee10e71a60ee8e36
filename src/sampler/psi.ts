import {lineEnd, readUint, startsWith} from './proc-parse.js';

/** One line of a PSI file: share of time stalled (%, averaged over 10/60/300 s) and total stall time. */
export interface PsiLine {
	avg10: number;
	avg60: number;
	avg300: number;
	/** Cumulative stall time, µs. */
	totalUs: number;
}

/** `/proc/pressure/cpu` as parsed, or why it could not be. */
export type PsiParseResult = {kind: 'ok'; some: PsiLine; full?: PsiLine} | {kind: 'malformed'; reason: string};

const LINE = /^(some|full) avg10=(\d+(?:\.\d+)?) avg60=(\d+(?:\.\d+)?) avg300=(\d+(?:\.\d+)?) total=(\d+)$/;

/**
 * Parses the content of a PSI file (`/proc/pressure/cpu`):
 * `some avg10=0.00 avg60=0.00 avg300=0.00 total=0` and, since Linux 5.13, a
 * `full` line of the same shape. `some` is required; anything else is
 * `malformed` with the reason.
 */
export function parsePsi(text: string): PsiParseResult {
	let some: PsiLine | undefined;
	let full: PsiLine | undefined;
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!.trim();
		if (line === '') continue;
		const match = LINE.exec(line);
		if (!match)
			return {kind: 'malformed', reason: `line ${i + 1} is not "some|full avg10=.. avg60=.. avg300=.. total=..": ${JSON.stringify(line.slice(0, 80))}`};
		const parsed: PsiLine = {
			avg10: Number(match[2]),
			avg60: Number(match[3]),
			avg300: Number(match[4]),
			totalUs: Number(match[5]),
		};
		if (match[1] === 'some') {
			if (some) return {kind: 'malformed', reason: `line ${i + 1} repeats "some"`};
			some = parsed;
		} else {
			if (full) return {kind: 'malformed', reason: `line ${i + 1} repeats "full"`};
			full = parsed;
		}
	}
	if (!some) return {kind: 'malformed', reason: text.trim() === '' ? 'empty file' : 'no "some" line'};
	return full ? {kind: 'ok', some, full} : {kind: 'ok', some};
}

const TOTAL_KEY = ' total=';

/**
 * The `some` line's `total` (µs) straight from the bytes, for the per-tick
 * read without allocating; NaN when the first line is not a `some` line
 * ending in `total=<digits>`. Agrees with `parsePsi(text).some.totalUs`.
 */
export function psiSomeTotalUsFromBytes(buf: Uint8Array, len: number): number {
	const end = lineEnd(buf, 0, len);
	if (!startsWith(buf, 0, end, 'some ')) return Number.NaN;
	let digits = end;
	while (digits > 0 && buf[digits - 1]! >= 0x30 && buf[digits - 1]! <= 0x39) digits--;
	if (digits === end || digits < TOTAL_KEY.length || !startsWith(buf, digits - TOTAL_KEY.length, end, TOTAL_KEY)) return Number.NaN;
	return readUint(buf, digits, end);
}
