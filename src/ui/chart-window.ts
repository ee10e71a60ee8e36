/** The chart time windows `+` and `-` step through. */
export const CHART_WINDOWS_MS: readonly number[] = [30_000, 60_000, 300_000, 600_000];

/** The window the dashboard starts with. */
export const DEFAULT_CHART_WINDOW_MS = 60_000;

/**
 * The next window in `direction` (+1 wider, -1 narrower) from `current`,
 * clamped to the ends of {@link CHART_WINDOWS_MS}. A value not in the list
 * snaps to the nearest listed window on that side.
 */
export function stepChartWindow(current: number, direction: 1 | -1): number {
	const windows = CHART_WINDOWS_MS;
	if (direction > 0) return windows.find((ms) => ms > current) ?? (windows.at(-1) as number);
	return [...windows].reverse().find((ms) => ms < current) ?? (windows[0] as number);
}

/** Bucket width (ms) so that `windowMs` spans `columns` chart columns. */
export function bucketMsFor(windowMs: number, columns: number): number {
	return windowMs / Math.max(1, columns);
}
