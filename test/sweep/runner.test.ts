import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {runSweep, type QuietSample, type SweepProgress} from '../../src/sweep/runner.js';
import type {SweepSummary} from '../../src/sweep/summary.js';

/**
 * The runner with a stand-in for `llmtop run` (a small node script): the
 * faults a real run cannot produce on demand — a child that dies with a
 * message, a machine that never gets quiet, an abort while waiting. The real
 * children run in test/e2e/sweep.test.ts.
 */
const FIXTURE = fileURLToPath(new URL('../fixtures/reports/base.json', import.meta.url));
const FAKE_RUN = `
const fs = require('node:fs');
const args = process.argv.slice(1);
const value = (name) => args[args.indexOf(name) + 1];
const model = value('--model');
if (model.includes('broken')) { console.error('llmtop: cannot load ' + model + ': not a GGUF file'); process.exit(2); }
const report = JSON.parse(fs.readFileSync(process.env.FIXTURE, 'utf8'));
report.model.ref = model;
report.config.threads = Number(value('--threads'));
report.config.batchSize = Number(value('--batch-size'));
report.config.contextSize = Number(value('--context-size'));
if (args.includes('--cpu-cap')) report.config.cpuCapPct = Number(value('--cpu-cap'));
fs.writeFileSync(value('--events'), JSON.stringify({type: 'phase', t: 1, name: 'prompts'}) + '\\n');
fs.writeFileSync(value('--report'), JSON.stringify(report));
`;
const command = [process.execPath, '-e', FAKE_RUN];
const env = {...process.env, FIXTURE};
const config = (model: string, cpuCap?: number) => ({model, threads: 1, batchSize: 512, contextSize: 2048, ...(cpuCap === undefined ? {} : {cpuCap})});

describe('runSweep', () => {
	it('runs each configuration, records a child that fails with its message, and writes sweep.json and sweep.md', async () => {
		const outDir = mkdtempSync(join(tmpdir(), 'llmtop-runner-'));
		const seen: SweepProgress[] = [];
		const {summary, interrupted} = await runSweep(
			{outDir, configs: [config('m-a'), config('m-broken'), config('m-a', 35)], shared: ['--suite', 'smoke'], command, quietWaitS: 0, bandwidth: null, env},
			{onProgress: (progress) => seen.push(progress)},
		);
		expect(interrupted).toBe(false);
		expect(summary.configurations.map((r) => [r.label, r.status])).toEqual([
			['m-a nocap', 'pass'],
			['m-broken nocap', 'failed'],
			['m-a cap35', 'pass'],
		]);
		expect(summary.configurations[1]!.error).toBe('cannot load m-broken: not a GGUF file');
		expect(summary.exitCode).toBe(0);
		expect(JSON.parse(readFileSync(join(outDir, 'sweep.json'), 'utf8'))).toEqual(summary);
		expect(readFileSync(join(outDir, 'sweep.md'), 'utf8')).toContain('Recommended: **m-a');
		expect(seen.at(-1)?.done).toBe(3);
		expect(seen.some((progress) => progress.current?.phase === 'running')).toBe(true);
		expect(seen.find((progress) => progress.done === 1 && progress.current === null)?.etaMs).toBeGreaterThan(0);
	});

	it('waits for a quiet machine up to --quiet-wait, then runs and marks the run noisy', async () => {
		const outDir = mkdtempSync(join(tmpdir(), 'llmtop-runner-'));
		let clock = 0;
		let checks = 0;
		const busy = async (): Promise<QuietSample> => {
			checks++;
			clock += 1000;
			return {quiet: false, othersCpuPct: 80, pressurePct: 50};
		};
		const {summary} = await runSweep(
			{outDir, configs: [config('m-a')], shared: [], command, quietWaitS: 3, bandwidth: null, env},
			{readQuiet: busy, now: () => clock},
		);
		expect(checks).toBe(3);
		expect(summary.configurations[0]!.quiet).toEqual({quiet: false, othersCpuPct: 80, pressurePct: 50, waitedMs: 3000});
		expect(summary.configurations[0]!.status).toBe('pass');
	});

	it('an abort while waiting for quiet keeps what is done, runs nothing more and marks the sweep incomplete', async () => {
		const outDir = mkdtempSync(join(tmpdir(), 'llmtop-runner-'));
		const abort = new AbortController();
		const first = await runSweep({outDir, configs: [config('m-a')], shared: [], command, quietWaitS: 0, bandwidth: null, env});
		expect(first.summary.configurations[0]!.status).toBe('pass');
		const readQuiet = async (): Promise<QuietSample> => {
			abort.abort();
			return {quiet: false, othersCpuPct: 90, pressurePct: 90};
		};
		const {summary, interrupted} = await runSweep(
			{outDir, configs: [config('m-a'), config('m-b')], shared: [], command, quietWaitS: 60, bandwidth: null, env},
			{readQuiet, signal: abort.signal},
		);
		expect(interrupted).toBe(true);
		expect(summary.complete).toBe(false);
		expect(summary.configurations.map((r) => [r.status, r.reused])).toEqual([
			['pass', true],
			['not-run', false],
		]);
		expect((JSON.parse(readFileSync(join(outDir, 'sweep.json'), 'utf8')) as SweepSummary).complete).toBe(false);
	});

	it('runs again a configuration whose report is incomplete or was made with another configuration', async () => {
		const outDir = mkdtempSync(join(tmpdir(), 'llmtop-runner-'));
		const {summary} = await runSweep({outDir, configs: [config('m-a')], shared: [], command, quietWaitS: 0, bandwidth: null, env});
		const reportPath = join(outDir, summary.configurations[0]!.report);
		const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {complete: boolean; config: {threads: number}};
		writeFileSync(reportPath, JSON.stringify({...report, config: {...report.config, threads: 7}}));
		const tampered = await runSweep({outDir, configs: [config('m-a')], shared: [], command, quietWaitS: 0, bandwidth: null, env});
		expect(tampered.summary.configurations[0]!.reused).toBe(false);
		writeFileSync(reportPath, JSON.stringify({...report, complete: false}));
		const partial = await runSweep({outDir, configs: [config('m-a')], shared: [], command, quietWaitS: 0, bandwidth: null, env});
		expect(partial.summary.configurations[0]!.reused).toBe(false);
		const again = await runSweep({outDir, configs: [config('m-a')], shared: [], command, quietWaitS: 0, bandwidth: null, env});
		expect(again.summary.configurations[0]!.reused).toBe(true);
	});
});
