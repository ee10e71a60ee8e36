import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {runInProcess} from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-learnings-cli-'));
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/reports/${name}.json`, import.meta.url));
const golden = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/learnings/${name}.md`, import.meta.url)), 'utf8');

describe('llmtop learnings', () => {
	it('creates the log with a title and appends one entry per call', async () => {
		const log = join(dir, 'log.md');
		const first = await runInProcess(['learnings', fixture('base'), log, '--date', '2026-11-30']);
		expect(first).toEqual({code: 0, stdout: [`appended the 2026-11-30 entry for tiny fixture to ${log}`], stderr: []});
		const second = await runInProcess(['learnings', fixture('regressed'), log, '--date', '2026-11-30']);
		expect(second.code).toBe(0);
		expect(readFileSync(log, 'utf8')).toBe(`# llmtop experiment log\n\n${golden('base')}\n${golden('regressed')}`);
	});

	it.each([
		[
			['learnings', fixture('base')],
			'llmtop: learnings needs a report and a Markdown file: llmtop learnings REPORT.json FILE.md (see llmtop learnings --help)',
		],
		[
			['learnings', fixture('base'), join(dir, 'x.md'), '--date', 'yesterday'],
			"llmtop: --date must be YYYY-MM-DD; got 'yesterday' (see llmtop learnings --help)",
		],
		[['learnings', '/nonexistent.json', join(dir, 'x.md')], 'llmtop: /nonexistent.json: no such file'],
		[['learnings', fixture('base'), '/nonexistent-dir/log.md'], 'llmtop: /nonexistent-dir/log.md: cannot append the entry: no such file or directory'],
	])('bad input %j: one line, exit 2', async (argv, message) => {
		const result = await runInProcess(argv);
		expect(result.code).toBe(2);
		expect(result.stderr).toEqual([message]);
	});
});
