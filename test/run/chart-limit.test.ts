import {describe, expect, it} from 'vitest';
import {chartLimit, type ChartLimitContext} from '../../src/run/chart-limit.js';
import type {ChartId} from '../../src/run/charts.js';
import {defaultCriteria} from '../../src/run/criteria.js';
import type {CriterionId} from '../../src/run/types.js';

const running: ChartLimitContext = {tryout: false, phase: 'prompts', promptRunning: true, p50: 8};
const idle: ChartLimitContext = {tryout: false, phase: 'idle-before', promptRunning: false, p50: null};
const betweenTryouts: ChartLimitContext = {tryout: true, phase: 'prompts', promptRunning: false, p50: 8};

function without(...ids: CriterionId[]) {
	return defaultCriteria().map((spec) => (ids.includes(spec.id) ? {...spec, enabled: false} : spec));
}

describe("chartLimit: the one place a chart's limit line is decided", () => {
	const table: [string, ChartId, ChartLimitContext, CriterionId[], {threshold: number; of: string} | null][] = [
		['cpu while a prompt runs: active p99', 'cpu', running, [], {threshold: 50, of: 'active-cpu-p99'}],
		['cpu in an idle phase: idle mean', 'cpu', idle, [], {threshold: 2, of: 'idle-cpu'}],
		['cpu in load: idle mean', 'cpu', {...idle, phase: 'load'}, [], {threshold: 2, of: 'idle-cpu'}],
		['cpu before any phase: idle mean', 'cpu', {...idle, phase: null}, [], {threshold: 2, of: 'idle-cpu'}],
		['cpu between prompts of a run: active p99', 'cpu', {...running, promptRunning: false}, [], {threshold: 50, of: 'active-cpu-p99'}],
		['cpu after the run (done): active p99', 'cpu', {...idle, phase: 'done'}, [], {threshold: 50, of: 'active-cpu-p99'}],
		['cpu between tryouts: idle mean', 'cpu', betweenTryouts, [], {threshold: 2, of: 'idle-cpu'}],
		['cpu idle with idle disabled: active p99', 'cpu', idle, ['idle-cpu'], {threshold: 50, of: 'active-cpu-p99'}],
		['cpu with both disabled: none', 'cpu', idle, ['idle-cpu', 'active-cpu-p99'], null],
		['cpu while a prompt runs under --cpu-cap 30: the cap (issue 15 item 4)', 'cpu', {...running, cpuCapPct: 30}, [], {threshold: 30, of: '--cpu-cap'}],
		['cpu idle under --cpu-cap 30: still the idle mean', 'cpu', {...idle, cpuCapPct: 30}, [], {threshold: 2, of: 'idle-cpu'}],
		[
			'cpu under --cpu-cap with the criteria disabled: the cap',
			'cpu',
			{...running, cpuCapPct: 30},
			['idle-cpu', 'active-cpu-p99'],
			{threshold: 30, of: '--cpu-cap'},
		],
		['rss: the peak', 'rss', running, [], {threshold: 6 * 1024 ** 3, of: 'rss-peak'}],
		['rss disabled: none', 'rss', running, ['rss-peak'], null],
		['itl: ratio × p50', 'itl', running, [], {threshold: 16, of: '2×p50 latency-ratio'}],
		['itl without a p50: none', 'itl', idle, [], null],
		['itl with the ratio disabled: none', 'itl', running, ['latency-ratio'], null],
		['canary: interactive delay p99', 'canary', running, [], {threshold: 10, of: 'interactive-delay-p99'}],
		['system CPU: none', 'systemCpu', running, [], null],
		['tokens/s: none', 'tokensPerSec', running, [], null],
	];
	it.each(table)('%s', (_name, id, context, disabled, expected) => {
		expect(chartLimit(without(...disabled), id, context)).toEqual(expected);
	});
});
