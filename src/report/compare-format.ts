/** Text of compared values, deltas and % changes, per unit. */
import {NO_DATA, formatCriterionValue} from '../run/format.js';
import type {Change, CompareUnit} from './compare-metrics.js';

/**
 * A value in its unit: `27.1 %`, `13.3 ms`, `213.3 MiB`, `9.13`, `0.80`, `2210.5 tok/s`, `3`, `74.2 %`. `—` when missing.
 * The units criteria share are formatted by {@link formatCriterionValue}.
 */
export function formatValue(value: number | null, unit: CompareUnit): string {
	if (value === null || !Number.isFinite(value)) return NO_DATA;
	switch (unit) {
		case 'share':
			return `${(value * 100).toFixed(1)} %`;
		case 'tok/s':
			return `${value.toFixed(1)} tok/s`;
		case 'count':
			return String(Math.round(value));
		default:
			return formatCriterionValue(value, unit);
	}
}

/** A signed difference in the unit; CPU and PSI shares differ in percentage points (`+3.1 pt`). */
export function formatDelta(delta: number, unit: CompareUnit): string {
	const sign = delta > 0 ? '+' : delta < 0 ? '-' : '±';
	const size = Math.abs(delta);
	switch (unit) {
		case '%':
			return `${sign}${size.toFixed(1)} pt`;
		case 'share':
			return `${sign}${(size * 100).toFixed(1)} pt`;
		default:
			return `${sign}${formatValue(size, unit)}`;
	}
}

/** A signed % change, `±0.0 %` for none, `new` when the baseline was 0. */
export function formatPctChange(pct: number | null): string {
	if (pct === null) return 'new';
	if (Math.abs(pct) < 0.05) return '±0.0 %';
	return `${pct > 0 ? '+' : '-'}${Math.abs(pct).toFixed(1)} %`;
}

/** `27.1 % → 60.0 % (+32.9 pt, +121.7 %)`. */
export function describeChange(base: number | null, value: number | null, change: Change, unit: CompareUnit): string {
	return `${formatValue(base, unit)} → ${formatValue(value, unit)} (${formatDelta(change.delta, unit)}, ${formatPctChange(change.pct)})`;
}
