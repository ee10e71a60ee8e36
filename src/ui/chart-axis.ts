/**
 * Y-axis labels: one unit per axis, chosen from the axis range, and never a
 * `-0` (asciichart's label arithmetic leaves values such as `-1e-13` at zero).
 */

/** The y range a chart is drawn over. */
export interface AxisRange {
	min: number;
	max: number;
}

/** Formats one y-axis label; `range` is the whole axis, so every label of it uses the same unit. */
export type AxisFormat = (value: number, range: AxisRange) => string;

/** `label` without the sign of a zero: `-0` → `0`, `-0.0s` → `0.0s`, `-0%` → `0%`; anything else as is. */
export function withoutNegativeZero(label: string): string {
	return /^-0+(\.0+)?(?![\d.])/.test(label) ? label.slice(1) : label;
}

/** `value` with `digits` decimals, never `-0`. */
export function fixed(value: number, digits: number): string {
	return withoutNegativeZero(value.toFixed(digits));
}

const MS_PER_S = 1000;

/**
 * A duration in ms as an axis label: all labels in seconds when the axis
 * reaches 1 s (`2.9s … 0.6s 0.0s`), else all in ms (`574ms … 0ms`).
 */
export const durationAxis: AxisFormat = (value, range) => {
	const top = Math.max(Math.abs(range.max), Math.abs(range.min));
	if (top >= MS_PER_S) return `${fixed(value / MS_PER_S, top >= 10 * MS_PER_S ? 0 : 1)}s`;
	return `${fixed(value, top >= 10 ? 0 : 1)}ms`;
};

const BYTE_UNITS = ['B', 'K', 'M', 'G', 'T'] as const;

/** Bytes as an axis label in binary units, the unit chosen from the axis top (`1.1G … 0.9G`, never `1.1G … 900M`). */
export const bytesAxis: AxisFormat = (value, range) => {
	const top = Math.max(Math.abs(range.max), Math.abs(range.min));
	let unit = 0;
	let scaledTop = top;
	while (scaledTop >= 1024 && unit < BYTE_UNITS.length - 1) {
		scaledTop /= 1024;
		unit++;
	}
	const scaled = value / 1024 ** unit;
	return `${fixed(scaled, scaledTop >= 100 || unit === 0 ? 0 : 1)}${BYTE_UNITS[unit]}`;
};

/** A plain number with `digits` decimals and an optional suffix (`%`), never `-0`. */
export function numberAxis(digits: number, suffix = ''): AxisFormat {
	return (value) => `${fixed(value, digits)}${suffix}`;
}
