/**
 * Words for a soak (`run --repeat N`, `run --duration D`), shared by the
 * dashboard's header (and so `watch`) and the headless summary. Pure.
 */
import {formatBinaryBytes, formatElapsed} from './format.js';
import type {RssGrowth} from './growth.js';
import {MIN_GROWTH_PASSES, MIN_GROWTH_SPAN_MS} from './growth.js';
import type {PassCounts} from './pass-tracker.js';

/** What the soak was asked to do (the run's `config`). */
export interface SoakConfig {
	repeat?: number | undefined;
	durationMs?: number | undefined;
}

/** True when the run loops its suite. */
export function isSoak(config: SoakConfig | undefined): boolean {
	return config?.repeat !== undefined || config?.durationMs !== undefined;
}

/**
 * Where a soak is: `pass 2/3`, or `pass 4 · 12:03/2:00:00` (time in the
 * prompts phase against `--duration`); `null` when the run is not a soak.
 */
export function formatSoakStatus(config: SoakConfig | undefined, passes: PassCounts, promptsElapsedMs: number | null): string | null {
	if (!config || !isSoak(config)) return null;
	const pass = Math.max(1, passes.started);
	if (config.repeat !== undefined) return `pass ${pass}/${config.repeat}`;
	const elapsed = Math.min(Math.max(0, promptsElapsedMs ?? 0), config.durationMs ?? 0);
	return `pass ${passes.started === 0 ? 0 : pass} · ${formatElapsed(elapsed)}/${formatElapsed(config.durationMs)}`;
}

/** A signed growth rate: `+12.3 MiB/h`, `-512 B/h`, `0 B/h`. */
export function formatGrowthRate(bytesPerHour: number): string {
	const sign = bytesPerHour > 0 ? '+' : bytesPerHour < 0 ? '-' : '';
	return `${sign}${formatBinaryBytes(Math.abs(bytesPerHour))}/h`;
}

/**
 * The growth figure with what it stands on: `+1.2 MiB/h over 12 passes
 * (1:02:10)`, or why there is none: `— (needs 2 complete passes over at
 * least 5:00; had 1 over 0:00)`.
 */
export function formatGrowth(growth: RssGrowth): string {
	const basis = `${growth.passes} ${growth.passes === 1 ? 'pass' : 'passes'} over ${formatElapsed(growth.spanMs)}`;
	if (growth.bytesPerHour !== null) return `${formatGrowthRate(growth.bytesPerHour)} over ${basis}`;
	return `— (needs ${MIN_GROWTH_PASSES} complete passes over at least ${formatElapsed(MIN_GROWTH_SPAN_MS)}; had ${basis})`;
}
