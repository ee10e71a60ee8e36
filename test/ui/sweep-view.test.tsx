import {describe, expect, it} from 'vitest';
import {progressHeadline, sweepRows} from '../../src/sweep/progress-text.js';
import type {SweepProgress} from '../../src/sweep/runner.js';
import {SweepView} from '../../src/ui/sweep/index.js';
import {result} from '../sweep/fixtures.js';
import {renderAt} from './render-at.js';

const progress: SweepProgress = {
	total: 3,
	done: 1,
	results: [
		{
			...result('tiny:Q8_0 t1', 'pass', {
				activeCpuMean: 12.5,
				rssPeakBytes: 200 * 1024 ** 2,
				e2eP95Ms: 70,
				decodeTokensPerSec: 900,
				decodeCeilingFraction: 0.4,
			}),
			reused: true,
		},
		result('tiny:Q8_0 t2', 'not-run'),
		result('tiny:Q4_0 t1', 'not-run'),
	],
	current: {
		index: 1,
		id: 'tiny:Q8_0 t2',
		label: 'tiny:Q8_0 t2',
		phase: 'running',
		startedAt: 0,
		live: {phase: 'prompts', promptsDone: 2, promptsTotal: 4, cpuPct: 48, activeCpuMean: 40, rssBytes: 210 * 1024 ** 2, tokens: 30, tokensPerSec: 22.5},
	},
	etaMs: 125_000,
};

describe('SweepView', () => {
	it('shows one row per configuration: done with figures, running with live figures, the rest waiting', () => {
		const {lastFrame, instance} = renderAt(<SweepView title="llmtop sweep -> out" headline={progressHeadline(progress)} rows={sweepRows(progress)} />, 160, 20);
		const lines = lastFrame()
			.split('\n')
			.map((line) => line.trimEnd());
		instance.unmount();
		expect(lines[0]).toBe('llmtop sweep -> out');
		expect(lines[1]).toBe('1/3 done  ETA 2:05');
		expect(lines[2]).toMatch(/^tiny:Q8_0 t1 +pass \(reused\) +CPU 12\.5 % {2}RSS 200\.0 MiB {2}E2E p95 70 ms {2}decode 900\.0 tok\/s \(40 % of ceiling\)$/);
		expect(lines[3]).toMatch(/^tiny:Q8_0 t2 +running +prompts {2}prompts 2\/4 {2}CPU 48 % {2}22\.5 tok\/s {2}RSS 210\.0 MiB$/);
		expect(lines[4]).toMatch(/^tiny:Q4_0 t1 +not-run *$/);
	});

	it('says every status in words, so nothing is lost without colour', () => {
		const {lastFrame, instance} = renderAt(<SweepView title="t" headline="h" rows={sweepRows(progress)} footer="Ctrl+C stops" />, 160, 20);
		const frame = lastFrame();
		instance.unmount();
		expect(frame).not.toContain('\u001B[');
		expect(frame).toContain('pass (reused)');
		expect(frame.trimEnd().split('\n').at(-1)).toBe('Ctrl+C stops');
	});

	it('keeps a long status whole at 80 columns; only the figures are cut', () => {
		const rows = [
			{
				label: 'tiny:Q8_0',
				status: 'inconclusive',
				tone: 'pending' as const,
				figures: 'CPU 30.3 %  RSS 222.1 MiB  E2E p95 33 ms  decode 1071.3 tok/s (47 % of ceiling)  not judged: active-cpu-mean',
			},
		];
		const {lastFrame, instance} = renderAt(<SweepView title="t" headline="h" rows={rows} />, 80, 10);
		const line = lastFrame().split('\n')[2] ?? '';
		instance.unmount();
		expect(line).toMatch(/^tiny:Q8_0 +inconclusive {2}CPU 30\.3 %/);
		expect(line.length).toBeLessThanOrEqual(80);
		expect(line.trimEnd()).toMatch(/…$/);
	});
});
