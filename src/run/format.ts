/**
 * The one home of number, size and time formats, for every reader (the
 * dashboard, the headless printer, reports, comparisons); the model
 * synthesiser, a library that imports nothing of llmtop's, keeps its two
 * decimal formats in `src/synth/format.ts`. Sizes say their base in the
 * name: binary (1024) or decimal (1000). Formatters that take `null` return {@link NO_DATA} for it.
 */
import type {CriterionSpec} from './types.js';

/** The sign for "no data (yet)". */
export const NO_DATA = '—';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const KIB = 1024;

function missing(value: number | null | undefined): value is null | undefined {
	return value === null || value === undefined || !Number.isFinite(value);
}

/** Bytes as a binary size with its unit: `512 B`, `12.3 MiB`, `6.00 GiB`. */
export function formatBinaryBytes(bytes: number): string {
	const magnitude = Math.abs(bytes);
	if (magnitude >= GIB) return `${(bytes / GIB).toFixed(2)} GiB`;
	if (magnitude >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
	if (magnitude >= KIB) return `${(bytes / KIB).toFixed(1)} KiB`;
	return `${Math.round(bytes)} B`;
}

/** Bytes as a short binary size for narrow columns: `512M`, `1.4G` (at most 4 characters before the letter). */
export function formatBinaryBytesShort(value: number | null | undefined): string {
	if (missing(value)) return NO_DATA;
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

/** A count such as a parameter count, short: `950`, `12.5K`, `135.1M`, `1.24B`. */
export function formatCount(n: number): string {
	if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
	if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
	if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
	return String(n);
}

/** A criterion value or threshold in its unit, e.g. `2.0 %`, `2500 ms`, `6.00 GiB`, `1.85`. {@link NO_DATA} when missing. */
export function formatCriterionValue(value: number | null, unit: CriterionSpec['unit']): string {
	if (value === null || !Number.isFinite(value)) return NO_DATA;
	switch (unit) {
		case '%':
			return `${value.toFixed(1)} %`;
		case 'ms':
			return `${Math.abs(value) < 100 ? value.toFixed(1) : Math.round(value)} ms`;
		case 'bytes':
			return formatBinaryBytes(value);
		case 'ratio':
		case 'score':
			return value.toFixed(2);
		case 'count':
			return String(Math.round(value));
		default:
			return unit satisfies never;
	}
}

/** `12.3%` (one decimal below 100, none above). */
export function formatPct(value: number | null | undefined): string {
	if (missing(value)) return NO_DATA;
	return value >= 99.95 ? `${value.toFixed(0)}%` : `${value.toFixed(1)}%`;
}

/** `8.4ms`, `240ms`, `2.5s`. */
export function formatMs(value: number | null | undefined): string {
	if (missing(value)) return NO_DATA;
	if (value >= 10_000) return `${(value / 1000).toFixed(0)}s`;
	if (value >= 1000) return `${(value / 1000).toFixed(1)}s`;
	if (value >= 100) return `${value.toFixed(0)}ms`;
	return `${value.toFixed(1)}ms`;
}

/** `42.1` tokens/s (no unit; the column or title says it). */
export function formatRate(value: number | null | undefined): string {
	if (missing(value)) return NO_DATA;
	return value >= 1000 ? value.toFixed(0) : value.toFixed(1);
}

/** `0.83` (a score or a plain ratio). */
export function formatRatio(value: number | null | undefined): string {
	if (missing(value)) return NO_DATA;
	return value.toFixed(2);
}

/** Elapsed time as `m:ss`, or `h:mm:ss` from one hour on (`0:00` when missing or negative). */
export function formatElapsed(ms: number | null | undefined): string {
	if (missing(ms) || ms < 0) return '0:00';
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

/** The levers a run was configured with, as `cap 30% · nice 10 · load 2 · build local · wait passive`; `null` when none was set. */
export function formatLevers(
	config:
		| {cpuCapPct?: number | undefined; nice?: number | undefined; loadWorkers?: number | undefined; build?: string | undefined; waitPolicy?: string | undefined}
		| undefined,
): string | null {
	if (!config) return null;
	const parts = [
		config.cpuCapPct === undefined ? null : `cap ${config.cpuCapPct}%`,
		config.nice === undefined ? null : `nice ${config.nice}`,
		config.loadWorkers ? `load ${config.loadWorkers}` : null,
		config.build === undefined || config.build === 'prebuilt' ? null : `build ${config.build}`,
		config.waitPolicy === undefined || config.waitPolicy === 'default' ? null : `wait ${config.waitPolicy}`,
	].filter((part): part is string => part !== null);
	return parts.length > 0 ? parts.join(' · ') : null;
}

/** Words for each stage of opening a model. */
const LOAD_STAGE_WORDS: Readonly<Record<string, string>> = {
	resolve: 'finding the model',
	download: 'downloading the model',
	synthesize: 'writing the synthetic model',
	binding: 'loading llama.cpp',
	model: 'loading the model',
	context: 'creating the context',
	ready: 'ready',
};

/** `loading the model 62%`, `creating the context`: how far opening the model got. */
export function formatLoadProgress(progress: {stage: string; fraction?: number | undefined} | null): string | null {
	if (progress === null) return null;
	const words = LOAD_STAGE_WORDS[progress.stage] ?? progress.stage;
	return progress.fraction === undefined || progress.stage === 'ready' ? words : `${words} ${Math.floor(progress.fraction * 100)}%`;
}
