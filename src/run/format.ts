import type {CriterionSpec} from './types.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const KIB = 1024;

/** Bytes as a short binary size: `512 B`, `12.3 MiB`, `6.00 GiB`. */
export function formatBytes(bytes: number): string {
	const magnitude = Math.abs(bytes);
	if (magnitude >= GIB) return `${(bytes / GIB).toFixed(2)} GiB`;
	if (magnitude >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
	if (magnitude >= KIB) return `${(bytes / KIB).toFixed(1)} KiB`;
	return `${Math.round(bytes)} B`;
}

/** A count such as a parameter count, short: `950`, `12.5K`, `135.1M`, `1.24B`. */
export function formatCount(n: number): string {
	if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
	if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
	if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
	return String(n);
}

/** A criterion value or threshold in its unit, e.g. `2.0 %`, `2500 ms`, `6.00 GiB`, `1.85`. `—` when missing. */
export function formatCriterionValue(value: number | null, unit: CriterionSpec['unit']): string {
	if (value === null || !Number.isFinite(value)) return '—';
	switch (unit) {
		case '%':
			return `${value.toFixed(1)} %`;
		case 'ms':
			return `${Math.abs(value) < 100 ? value.toFixed(1) : Math.round(value)} ms`;
		case 'bytes':
			return formatBytes(value);
		case 'ratio':
		case 'score':
			return value.toFixed(2);
		default:
			return unit satisfies never;
	}
}
