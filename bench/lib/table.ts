/**
 * Rows of the benchmark table: a figure's median over repetitions, its
 * target and verdict, and the spread (min..max over n). Pure formatting.
 */
import type {Spread} from './stats.js';

/** `info` rows have no target; `n/a` rows could not be measured here. */
export type RowStatus = 'pass' | 'fail' | 'info' | 'n/a';

/** A target on the median. */
export interface Target {
	op: '>=' | '<=' | '=';
	value: number;
}

/** One row of the table, as printed and as written to results.json. */
export interface BenchRow {
	section: string;
	figure: string;
	/** Median (or the single value), formatted with its unit. */
	value: string;
	target: string;
	status: RowStatus;
	/** `min..max (n=N)`, or a note. */
	spread: string;
	/** The numbers behind the row. */
	data?: {median: number | null; min: number | null; max: number | null; n: number; unit: string; target?: Target};
}

/** Options of {@link figureRow}. */
export interface FigureRowOptions {
	unit?: string;
	/** @default 2 */
	digits?: number;
	target?: Target;
	/** Shown instead of the spread. */
	note?: string;
}

/** A row from a spread: status from the median against the target. */
export function figureRow(section: string, figure: string, s: Spread, options: FigureRowOptions = {}): BenchRow {
	const unit = options.unit ?? '';
	const digits = options.digits ?? 2;
	const status: RowStatus = s.median === null ? 'n/a' : options.target ? (meets(s.median, options.target) ? 'pass' : 'fail') : 'info';
	const spreadText = s.n > 1 ? `${fmt(s.min, digits)}..${fmt(s.max, digits)} (n=${s.n})` : `n=${s.n}`;
	return {
		section,
		figure,
		value: s.median === null ? '—' : `${fmt(s.median, digits)}${unit}`,
		target: options.target ? `${options.target.op} ${fmt(options.target.value, digits)}${unit}` : '—',
		status,
		spread: options.note ? `${spreadText}; ${options.note}` : spreadText,
		data: {median: s.median, min: s.min, max: s.max, n: s.n, unit, ...(options.target ? {target: options.target} : {})},
	};
}

/** A row that could not be measured, saying why (or how to make it measurable). */
export function missingRow(section: string, figure: string, why: string): BenchRow {
	return {section, figure, value: '—', target: '—', status: 'n/a', spread: why};
}

/** Whether `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
	switch (target.op) {
		case '>=':
			return value >= target.value;
		case '<=':
			return value <= target.value;
		case '=':
			return value === target.value;
		default:
			return target.op satisfies never;
	}
}

/** A number with `digits` decimals, `—` when missing. */
export function fmt(value: number | null | undefined, digits = 2): string {
	return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** Bytes as MB (10^6 bytes) with `digits` decimals, `—` when missing. */
export function fmtMb(bytes: number | undefined, digits = 0): string {
	return bytes === undefined ? '—' : (bytes / 1e6).toFixed(digits);
}

/** The table as aligned text, sections separated by their name. */
export function formatTable(rows: readonly BenchRow[]): string {
	const head = ['figure', 'value', 'target', 'status', 'spread (min..max over paired rounds)'];
	const widths = [
		Math.max(head[0]!.length, ...rows.map((r) => r.figure.length + 2)),
		Math.max(head[1]!.length, ...rows.map((r) => r.value.length)),
		Math.max(head[2]!.length, ...rows.map((r) => r.target.length)),
		6,
	];
	const line = (cells: string[]): string =>
		cells
			.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell))
			.join('  ')
			.trimEnd();
	const out = [line(head), line(widths.map((w) => '-'.repeat(w)).concat('-'.repeat(head[4]!.length)))];
	let section = '';
	for (const row of rows) {
		if (row.section !== section) {
			section = row.section;
			out.push(`[${section}]`);
		}
		out.push(line([`  ${row.figure}`, row.value, row.target, row.status === 'pass' ? 'pass' : row.status === 'fail' ? 'FAIL' : row.status, row.spread]));
	}
	return out.join('\n');
}
