import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {runInProcess} from './in-process.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/reports/${name}.json`, import.meta.url));

describe('llmtop compare', () => {
	it('exit 0 and no change for a report compared with itself', async () => {
		const result = await runInProcess(['compare', fixture('base'), fixture('base')]);
		expect(result.code).toBe(0);
		expect(result.stderr).toEqual([]);
		expect(result.stdout).toContain('configuration: identical (model, run settings, suite and engine)');
		expect(result.stdout.at(-1)).toBe('no regression beyond the 5 % tolerance');
		expect(result.stdout.filter((line) => !line.startsWith('metrics (tolerance')).join('\n')).not.toMatch(/[✗✓]/);
	});

	it('exit 1 with every regression marked by a symbol (no escape codes when piped)', async () => {
		const result = await runInProcess(['compare', fixture('base'), fixture('regressed')]);
		expect(result.code).toBe(1);
		const text = result.stdout.join('\n');
		expect(text).not.toContain('\u001B[');
		expect(text).toContain('11 regressions (tolerance 5 %)');
		expect(text).toContain('✗ B: E2E p95 26.2 ms → 34.1 ms (+7.9 ms, +30.0 %)');
		expect(text).toContain('✗ B: criterion active-cpu-p99 pass → fail');
		expect(result.stdout.find((line) => line.startsWith('  E2E p95'))).toMatch(/26\.2 ms +34\.1 ms +\+7\.9 ms +\+30\.0 % +✗$/);
		expect(result.stdout.find((line) => line.startsWith('  TTFT cold'))).toMatch(/✓$/);
		expect(result.stdout.find((line) => line.startsWith('active-cpu-p99'))).toMatch(/pass 27\.1 % +FAIL 62\.0 % +✗ pass → fail$/);
		expect(text).toContain('verdict: A PASS · B FAIL');
	});

	it('an improvement exits 0', async () => {
		const result = await runInProcess(['compare', fixture('base'), fixture('improved'), '--headless']);
		expect(result.code).toBe(0);
		expect(result.stdout.find((line) => line.startsWith('  E2E p95'))).toMatch(/✓$/);
	});

	it('--tolerance widens what counts as noise', async () => {
		const result = await runInProcess(['compare', fixture('base'), fixture('regressed'), '--tolerance', '200']);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('3 regressions (tolerance 200 %)');
	});

	it('--json prints the comparison object', async () => {
		const result = await runInProcess(['compare', fixture('base'), fixture('regressed'), fixture('improved'), '--json']);
		expect(result.code).toBe(1);
		const comparison = JSON.parse(result.stdout.join('\n')) as {schema: string; reports: unknown[]; regressions: {report: number}[]};
		expect(comparison.schema).toBe('llmtop/compare@1');
		expect(comparison.reports).toHaveLength(3);
		expect(comparison.regressions.every((regression) => regression.report === 1)).toBe(true);
	});

	it('different suites: compares what is common and says what is not', async () => {
		const result = await runInProcess(['compare', fixture('base'), fixture('other-suite')]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('only in A (not in B): smoke-json');
		expect(result.stdout).toContain('only in B (not in A): extra-echo');
		expect(result.stdout.some((line) => line.startsWith('note: ') && line.includes('ran suite "smoke-plus"'))).toBe(true);
	});

	it.each([
		[['compare', fixture('base')], 'llmtop: compare needs at least two reports: llmtop compare A.json B.json [C.json...] (see llmtop compare --help)'],
		[['compare', fixture('base'), '/nonexistent/b.json'], 'llmtop: /nonexistent/b.json: no such file'],
		[['compare', fixture('base'), fixture('base'), '--tolerance', '-1'], 'llmtop: --tolerance must be >= 0; got -1 (see llmtop compare --help)'],
	])('bad input %j: one line, exit 2', async (argv, message) => {
		const result = await runInProcess(argv);
		expect(result.code).toBe(2);
		expect(result.stderr).toEqual([message]);
		expect(result.stdout).toEqual([]);
	});

	it('--help', async () => {
		const result = await runInProcess(['compare', '--help']);
		expect(result.code).toBe(0);
		expect(result.stdout.join('\n')).toContain('--tolerance PCT');
	});
});
