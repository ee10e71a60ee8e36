/**
 * Short, fixed-style number formats for the dashboard. Every formatter takes
 * `null` (no data yet) and returns `–`.
 */

const NONE = '–';

/** `12.3%` (one decimal below 100, none above). */
export function formatPct(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
	return value >= 99.95 ? `${value.toFixed(0)}%` : `${value.toFixed(1)}%`;
}

/** `512M`, `1.4G`: binary units, at most 4 characters before the unit. */
export function formatBytes(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
	const units = ['B', 'K', 'M', 'G', 'T'];
	let scaled = value;
	let unit = 0;
	while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
		scaled /= 1024;
		unit++;
	}
	const digits = scaled >= 100 || unit === 0 ? 0 : 1;
	return `${scaled.toFixed(digits)}${units[unit]}`;
}

/** `8.4ms`, `240ms`, `2.5s`. */
export function formatMs(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
	if (value >= 10_000) return `${(value / 1000).toFixed(0)}s`;
	if (value >= 1000) return `${(value / 1000).toFixed(1)}s`;
	if (value >= 100) return `${value.toFixed(0)}ms`;
	return `${value.toFixed(1)}ms`;
}

/** `42.1` tokens/s (no unit; the column or title says it). */
export function formatRate(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
	return value >= 1000 ? value.toFixed(0) : value.toFixed(1);
}

/** `0.83` (a score or a plain ratio). */
export function formatRatio(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
	return value.toFixed(2);
}

/** Elapsed time as `m:ss`, or `h:mm:ss` from one hour on. */
export function formatElapsed(ms: number | null | undefined): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '0:00';
	const total = Math.floor(ms / 1000);
	const seconds = total % 60;
	const minutes = Math.floor(total / 60) % 60;
	const hours = Math.floor(total / 3600);
	const ss = String(seconds).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** A chart time window: `30s`, `1m`, `5m`. */
export function formatWindow(ms: number): string {
	return ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms / 60_000)}m`;
}
