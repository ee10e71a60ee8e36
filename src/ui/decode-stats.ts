/**
 * The tok/s chart's title figures: the prompts table's decode rates, so the
 * chart and the table can never disagree (a per-sample token count would
 * mix prefill, idle ticks and timer jitter into a different number).
 */
import {max, quantile} from '../run/stats.js';
import type {PromptRow} from '../run/view-types.js';
import type {ChartStats} from './view.js';

/**
 * Current = the running prompt's decode rate so far (else the last prompt
 * that has one); p50 / p99 / max over the prompts that ended with a decode
 * rate, the numbers in the table's tok/s column.
 */
export function decodeRateStats(rows: readonly PromptRow[]): ChartStats {
	const ended: number[] = [];
	let running: number | null = null;
	let latest: {start: number; rate: number} | null = null;
	for (const row of rows) {
		const rate = row.decodeTokensPerSec;
		if (rate === null || !Number.isFinite(rate)) continue;
		if (row.state === 'running') {
			running = rate;
			continue;
		}
		ended.push(rate);
		const start = row.startMs ?? Number.NEGATIVE_INFINITY;
		if (!latest || start >= latest.start) latest = {start, rate};
	}
	return {current: running ?? latest?.rate ?? null, p50: quantile(ended, 0.5), p99: quantile(ended, 0.99), max: max(ended)};
}
