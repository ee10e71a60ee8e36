/**
 * The sweep's progress in words: one line per finished configuration (piped
 * or headless output), and the rows the dashboard view draws. Pure.
 */
import {formatBinaryBytes, formatElapsed, NO_DATA} from '../run/format.js';
import type {LiveFigures} from './live-figures.js';
import type {SweepProgress} from './runner.js';
import type {ConfigResult} from './types.js';

/** How a row reads at a glance. */
export type RowTone = 'good' | 'bad' | 'pending' | 'dim';

/** One row of the sweep view. */
export interface SweepRow {
	label: string;
	status: string;
	tone: RowTone;
	/** The figures, or the live ones of the running configuration. */
	figures: string;
}

/** Time left as `m:ss` (`—` while unknown). */
export function formatEta(ms: number | null): string {
	return ms === null || !Number.isFinite(ms) ? NO_DATA : formatElapsed(ms);
}

const n = (value: number | null | undefined, digits: number, unit = ''): string =>
	value === null || value === undefined || !Number.isFinite(value) ? NO_DATA : `${value.toFixed(digits)}${unit}`;

/** The figures of a finished configuration: `CPU 23.1 %  RSS 180 MiB  E2E p95 812 ms  decode 45.2 tok/s (12 % of ceiling)`. */
export function resultFigures(result: ConfigResult): string {
	if (result.status === 'failed') return result.error ?? 'failed';
	const f = result.figures;
	if (!f) return '';
	const ceiling = f.decodeCeilingFraction === null ? '' : ` (${n(f.decodeCeilingFraction * 100, 0)} % of ceiling)`;
	const parts = [
		`CPU ${n(f.activeCpuMean, 1, ' %')}`,
		`RSS ${f.rssPeakBytes === null ? NO_DATA : formatBinaryBytes(f.rssPeakBytes)}`,
		`E2E p95 ${n(f.e2eP95Ms, 0, ' ms')}`,
		`decode ${n(f.decodeTokensPerSec, 1, ' tok/s')}${ceiling}`,
	];
	if (result.quiet && !result.quiet.quiet) parts.push('noisy');
	if (result.notJudged.length > 0) parts.push(`not judged: ${result.notJudged.map((item) => item.id).join(', ')}`);
	return parts.join('  ');
}

/** The live figures of the running configuration: `prompts 2/4  CPU 48 %  24 tok/s  RSS 170 MiB`. */
export function liveFigures(live: LiveFigures | null, phase: 'waiting-quiet' | 'running'): string {
	if (phase === 'waiting-quiet') return 'waiting for a quiet machine';
	if (!live) return 'starting';
	return [
		live.phase,
		`prompts ${live.promptsDone}/${live.promptsTotal}`,
		`CPU ${n(live.cpuPct, 0, ' %')}`,
		`${n(live.tokensPerSec, 1, ' tok/s')}`,
		`RSS ${live.rssBytes === null ? NO_DATA : formatBinaryBytes(live.rssBytes)}`,
	].join('  ');
}

function toneOf(result: ConfigResult): RowTone {
	switch (result.status) {
		case 'pass':
			return 'good';
		case 'fail':
		case 'failed':
			return 'bad';
		case 'inconclusive':
		case 'interrupted':
			return 'pending';
		case 'not-run':
			return 'dim';
		default:
			return result.status satisfies never;
	}
}

/** The rows of the sweep view: every configuration, the running one with its live figures. */
export function sweepRows(progress: SweepProgress): SweepRow[] {
	return progress.results.map((result, index) => {
		if (progress.current?.index === index)
			return {
				label: result.label,
				status: progress.current.phase === 'running' ? 'running' : 'waiting',
				tone: 'pending',
				figures: liveFigures(progress.current.live, progress.current.phase),
			};
		const status = result.status + (result.reused ? ' (reused)' : '');
		return {label: result.label, status, tone: toneOf(result), figures: resultFigures(result)};
	});
}

/** `3/12 done  ETA 4m05s`. */
export function progressHeadline(progress: SweepProgress): string {
	return `${progress.done}/${progress.total} done  ETA ${formatEta(progress.etaMs)}`;
}

/** The line printed (piped or headless) when a configuration finishes: `[3/12] label  pass  figures  ETA 4m05s`. */
export function finishedLine(progress: SweepProgress, result: ConfigResult): string {
	const status = result.status + (result.reused ? ' (reused)' : '');
	return `[${progress.done}/${progress.total}] ${result.label}  ${status}  ${resultFigures(result)}  ETA ${formatEta(progress.etaMs)}`;
}
