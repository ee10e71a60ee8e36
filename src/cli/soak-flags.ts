import type {FlagValue} from './args.js';
import {UsageError} from './errors.js';

/** Longest `--duration`: 30 days (an events file's times are capped at a year). */
export const MAX_SOAK_DURATION_MS = 30 * 24 * 3_600_000;

const UNIT_MS: Readonly<Record<string, number>> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/**
 * Parses a duration: `90s`, `30m`, `2h`, `1h30m`, `500ms`, `1.5h`, or a bare
 * number of seconds. Returns milliseconds, or `NaN` when malformed.
 */
export function parseDuration(text: string): number {
	const trimmed = text.trim().toLowerCase();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
	const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
	let total = 0;
	let end = 0;
	for (let match = part.exec(trimmed); match; match = part.exec(trimmed)) {
		total += Number(match[1]) * UNIT_MS[match[2]!]!;
		end = part.lastIndex;
	}
	return trimmed !== '' && end === trimmed.length ? total : Number.NaN;
}

/** A soak as asked on the command line: N passes, or passes for a time. */
export interface SoakPlan {
	repeat?: number;
	durationMs?: number;
}

/**
 * Reads `--repeat N` and `--duration D` (a {@link UsageError}, exit 2, for
 * both at once or a duration that is not one, zero or over 30 days).
 */
export function soakPlanOf(flags: Record<string, FlagValue | undefined>): SoakPlan {
	const repeat = flags['repeat'] as number | undefined;
	const duration = flags['duration'] as string | undefined;
	if (repeat !== undefined && duration !== undefined)
		throw new UsageError('--repeat and --duration cannot be used together: give one (N passes, or passes for a time)');
	if (repeat !== undefined) return {repeat};
	if (duration === undefined) return {};
	const durationMs = parseDuration(duration);
	if (Number.isNaN(durationMs)) throw new UsageError(`--duration must be a time such as 90s, 30m, 2h or 1h30m; got '${duration}'`);
	if (durationMs <= 0) throw new UsageError(`--duration must be more than 0; got '${duration}'`);
	if (durationMs > MAX_SOAK_DURATION_MS) throw new UsageError(`--duration must be at most 30 days; got '${duration}'`);
	return {durationMs};
}
