import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {Report} from '../../src/report/types.js';
import type {SweepSummary} from '../../src/sweep/summary.js';
import {collect, runCli, startCli, tempDir, waitForLine, type CliResult} from './helpers.js';
import {needsBuild} from '../setup/skip.js';

const describeBuilt = needsBuild() ? describe.skip : describe;

/** Pids of processes whose command line names `dir` (the sweep's children write there). */
function processesUsing(dir: string): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) pids.push(Number(entry));
		} catch {
			// gone
		}
	}
	return pids;
}

const readSummary = (dir: string): SweepSummary => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')) as SweepSummary;

/**
 * A 2x2 sweep (two quantizations of the tiny synthetic model x threads 1,2)
 * through real `llmtop run` children: interrupted after the first
 * configuration, resumed with a third model that is not a GGUF file (recorded
 * failed, the sweep goes on), then run again (nothing left to run).
 */
describeBuilt('llmtop sweep (end to end, tiny models)', () => {
	const dir = tempDir('llmtop-sweep-');
	const corrupt = join(dir, 'corrupt.gguf');
	const base = ['sweep', '--headless', '--threads', '1,2', '--quiet-wait', '0', '--out-dir', dir];
	let interrupted: CliResult;
	let afterInterrupt: SweepSummary;
	let childrenLeft: number[];
	let resumed: CliResult;
	let summary: SweepSummary;

	beforeAll(async () => {
		writeFileSync(corrupt, 'this is not a GGUF file\n'.repeat(100));
		const child = startCli([...base, '--model', 'synthetic:tiny:Q8_0,synthetic:tiny:Q4_0']);
		const done = collect(child);
		await waitForLine(child, /^\[1\/4\] /);
		child.kill('SIGINT');
		interrupted = await done;
		afterInterrupt = readSummary(dir);
		childrenLeft = processesUsing(dir);
		resumed = await runCli([
			...base,
			'--model',
			`synthetic:tiny:Q8_0,synthetic:tiny:Q4_0,${corrupt}`,
			'--junit',
			join(dir, 'sweep.junit.xml'),
			'--summary-md',
			join(dir, 'summary.md'),
			'--html',
			join(dir, 'sweep.html'),
		]);
		summary = readSummary(dir);
	}, 300_000);

	it('Ctrl+C ends with 130, keeps the finished configuration and kills the running child', () => {
		expect(interrupted.code, interrupted.stderr).toBe(130);
		expect(afterInterrupt.complete).toBe(false);
		const [first, ...rest] = afterInterrupt.configurations;
		expect(['pass', 'fail', 'inconclusive']).toContain(first!.status);
		expect(rest.every((result) => result.status === 'not-run' || result.status === 'interrupted')).toBe(true);
		expect((JSON.parse(readFileSync(join(dir, first!.report), 'utf8')) as Report).complete).toBe(true);
		expect(childrenLeft).toEqual([]);
	});

	it('resumes: the finished configuration is reused, the others run, the bad model is recorded failed', () => {
		expect(resumed.stderr).toBe('');
		expect(summary.complete).toBe(true);
		expect(summary.configurations).toHaveLength(6);
		const byLabel = new Map(summary.configurations.map((result) => [result.label, result]));
		expect(byLabel.get('tiny:Q8_0 t1')).toMatchObject({reused: true});
		expect(resumed.stdout).toMatch(/^\[1\/6\] tiny:Q8_0 t1 {2}\w+ \(reused\)/m);
		for (const label of ['tiny:Q8_0 t2', 'tiny:Q4_0 t1', 'tiny:Q4_0 t2']) {
			expect(byLabel.get(label), label).toMatchObject({reused: false});
			expect(['pass', 'fail', 'inconclusive']).toContain(byLabel.get(label)!.status);
		}
		for (const label of ['corrupt t1', 'corrupt t2']) {
			const failed = byLabel.get(label)!;
			expect(failed.status).toBe('failed');
			expect(failed.error).toMatch(/corrupt\.gguf/);
		}
	});

	it('writes a report per configuration with its decode rate against the bandwidth ceiling', () => {
		for (const result of summary.configurations.filter((r) => r.status !== 'failed')) {
			const report = JSON.parse(readFileSync(join(dir, result.report), 'utf8')) as Report;
			expect(report.config.threads).toBe(result.config.threads);
			expect(report.model.ref).toBe(result.config.model);
			expect(report.decodeCeiling?.ceilingTokensPerSec).toBeGreaterThan(0);
			expect(result.figures?.decodeCeilingFraction).toBe(report.decodeCeiling?.fraction);
			expect(readFileSync(join(dir, result.events), 'utf8').split('\n')[0]).toMatch(/"type":"run-start"/);
		}
		expect(summary.bandwidth?.readBytesPerSec).toBeGreaterThan(0);
	});

	it('exits with the summary code and prints the table and the recommendation', () => {
		expect(resumed.code).toBe(summary.exitCode);
		expect(summary.exitCode).toBe(summary.configurations.some((r) => r.status === 'pass') ? 0 : 1);
		const md = readFileSync(join(dir, 'sweep.md'), 'utf8');
		expect(md.split('\n').filter((line) => /^\| (tiny|corrupt)/.test(line))).toHaveLength(6);
		expect(md).toMatch(/^(Recommended: \*\*|No configuration passes every criterion\. Closest: \*\*)/m);
		expect(resumed.stdout).toMatch(/^\| configuration \| status \|/m);
		if (summary.recommendation.kind !== 'none') expect(summary.configurations.map((r) => r.id)).toContain(summary.recommendation.id);
		for (const id of summary.pareto) expect(summary.configurations.find((r) => r.id === id)?.status).not.toBe('failed');
	});

	it('shares every configuration that ran to the end: JUnit (a suite each), Markdown summary, one HTML overlaying them', () => {
		const junit = readFileSync(join(dir, 'sweep.junit.xml'), 'utf8');
		expect(junit.match(/<testsuite /g)).toHaveLength(4);
		const md = readFileSync(join(dir, 'summary.md'), 'utf8');
		expect(md.match(/^### llmtop: /gm)).toHaveLength(4);
		for (const label of ['tiny:Q8\\_0 t1', 'tiny:Q8\\_0 t2', 'tiny:Q4\\_0 t1', 'tiny:Q4\\_0 t2']) expect(md).toContain(label);
		expect(md).not.toContain('corrupt');
		expect(readFileSync(join(dir, 'sweep.html'), 'utf8')).toMatch(/^<!doctype html>/i);
	});

	it('a third run has nothing left to run: every report is reused untouched', async () => {
		const reports = summary.configurations.filter((r) => r.status !== 'failed').map((r) => join(dir, r.report));
		const before = reports.map((path) => statSync(path).mtimeMs);
		const again = await runCli([...base, '--model', 'synthetic:tiny:Q8_0,synthetic:tiny:Q4_0']);
		expect(again.code).toBe(summary.configurations.some((r) => r.status === 'pass') ? 0 : readSummary(dir).exitCode);
		expect(again.stdout.match(/\(reused\)/g)).toHaveLength(4);
		expect(reports.map((path) => statSync(path).mtimeMs)).toEqual(before);
	}, 60_000);
});
