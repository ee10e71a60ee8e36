import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {runInProcess} from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-score-'));
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/reports/${name}.json`, import.meta.url));
/** The smoke rubric the fixture reports were scored with (before issue 13). */
const smoke = fileURLToPath(new URL('../fixtures/suites/smoke-v1.yaml', import.meta.url));

describe('llmtop score', () => {
	it('writes the re-scored report to stdout, a summary to stderr; exit code from the verdict', async () => {
		// base.json's recorded run had one active CPU sample and 10 canary wake-ups: stored as PASS by the old
		// rules, re-judged INCONCLUSIVE (exit 3) now that a criterion needs its minimum data.
		const result = await runInProcess(['score', fixture('base'), '--suite', smoke]);
		expect(result.code).toBe(3);
		const report = JSON.parse(result.stdout.join('\n')) as {verdict: string; prompts: {score: number}[]; rescored: {syntheticModel: boolean}};
		expect(report.verdict).toBe('inconclusive');
		expect(report.prompts.map((prompt) => prompt.score)).toEqual([1, 1, 2 / 3, 1]);
		expect(report.rescored.syntheticModel).toBe(false);
		expect(result.stderr).toEqual([
			`re-scored 4 of 4 prompts against suite "smoke" (${smoke}): correctness mean 0.92 (was 0.92), verdict INCONCLUSIVE (was PASS)`,
		]);
	});

	it('--out writes the report atomically; a changed rubric fails the verdict (exit 1)', async () => {
		const suite = join(dir, 'edited.yaml');
		writeFileSync(suite, readFileSync(smoke, 'utf8').replace('expect: UNSAFE', 'expect: SAFE'));
		const out = join(dir, 'rescored.json');
		const result = await runInProcess(['score', fixture('base'), '--suite', suite, '--out', out]);
		expect(result.code).toBe(1);
		expect(result.stdout[0]).toMatch(/correctness mean 0\.75 \(was 0\.92\), verdict FAIL \(was PASS\)$/);
		const written = JSON.parse(readFileSync(out, 'utf8')) as {verdict: string; prompts: {id: string; score: number}[]};
		expect(written.verdict).toBe('fail');
		expect(written.prompts.find((prompt) => prompt.id === 'smoke-label')?.score).toBe(0);
	});

	it('defaults to the suite the run used (report.suite.path)', async () => {
		const result = await runInProcess(['score', fixture('base')]);
		expect(result.code).toBe(3);
		expect(result.stderr[0]).toContain('against suite "smoke" (prompts/smoke.yaml)');
	});

	it('falls back to the shipped suite of that name when the recorded path is gone', async () => {
		const moved = join(dir, 'moved.json');
		const report = JSON.parse(readFileSync(fixture('base'), 'utf8')) as {suite: {path: string}};
		report.suite.path = '/gone/smoke.yaml';
		writeFileSync(moved, JSON.stringify(report));
		const result = await runInProcess(['score', moved]);
		expect(result.code).toBe(3);
		expect(result.stderr[0]).toMatch(/^llmtop: the report's suite file \/gone\/smoke\.yaml is gone; scoring against the shipped suite "smoke"/);
	});

	it('a synthetic model: scored anyway, says so', async () => {
		const synthetic = join(dir, 'synthetic.json');
		const report = JSON.parse(readFileSync(fixture('base'), 'utf8')) as {model: {synthetic: boolean}};
		report.model.synthetic = true;
		writeFileSync(synthetic, JSON.stringify(report));
		const result = await runInProcess(['score', synthetic]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('synthetic model: the responses were scored as asked, but the correctness criterion stays skip (random weights)');
	});

	it.each([
		[['score'], 'llmtop: score needs a report: llmtop score REPORT.json [--suite FILE] (see llmtop score --help)'],
		[['score', '/nonexistent.json'], 'llmtop: /nonexistent.json: no such file'],
		[['score', fixture('base'), '--suite', '/nonexistent.yaml'], 'llmtop: /nonexistent.yaml: no such suite file'],
	])('bad input %j: one line, exit 2', async (argv, message) => {
		const result = await runInProcess(argv);
		expect(result.code).toBe(2);
		expect(result.stderr).toEqual([message]);
	});
});
