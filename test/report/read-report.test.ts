import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseReport, readReport, ReportFileError} from '../../src/report/read-report.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-read-report-'));
const basePath = new URL('../fixtures/reports/base.json', import.meta.url);
const baseText = readFileSync(basePath, 'utf8');
const base = JSON.parse(baseText) as Record<string, unknown>;

function file(name: string, content: string): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

function problemOf(path: string): string {
	try {
		readReport(path);
	} catch (error) {
		expect(error).toBeInstanceOf(ReportFileError);
		expect((error as Error).message).not.toContain('\n');
		return (error as ReportFileError).problem;
	}
	throw new Error('expected a ReportFileError');
}

describe('readReport', () => {
	it('reads a report', () => {
		const report = readReport(basePath.pathname);
		expect(report.schema).toBe('llmtop/report@2');
		expect(report.prompts).toHaveLength(4);
	});

	it.each([
		['missing', null, 'no such file'],
		['empty', '', 'empty file (not an llmtop report)'],
		['blank', ' \n\n', 'empty file (not an llmtop report)'],
		['truncated', baseText.slice(0, 500), 'truncated: the JSON ends before the report does (was the run killed while writing it?)'],
		['non-JSON', 'schema: llmtop/report@1\n', 'not JSON'],
		['an array', '[1, 2]', 'not an llmtop report (the JSON is not an object)'],
		['no schema', '{"verdict": "pass"}', 'not an llmtop report (no "schema" field)'],
		['another schema', '{"schema": "llmtop/events@1"}', 'not an llmtop report (schema is "llmtop/events@1", expected llmtop/report@2)'],
		['a comparison', '{"schema": "llmtop/compare@1"}', 'not an llmtop report (schema is "llmtop/compare@1", expected llmtop/report@2)'],
		['incomplete', '{"schema": "llmtop/report@1", "host": {}}', 'not a complete llmtop report: "model" is missing'],
		['wrong type', JSON.stringify({...base, prompts: {}}), 'not a valid llmtop report: "prompts" is object, expected array'],
	])('refuses a %s file with one line', (name, content, problem) => {
		const path = content === null ? join(dir, 'does-not-exist.json') : file(`${name}.json`, content);
		expect(problemOf(path)).toContain(problem);
	});

	it('refuses a directory', () => {
		const path = join(dir, 'a-directory.json');
		mkdirSync(path);
		expect(problemOf(path)).toBe('is a directory, not a report');
	});

	it('refuses an older version it cannot upgrade, naming both versions', () => {
		const path = file('old.json', JSON.stringify({...base, schema: 'llmtop/report@0'}));
		expect(problemOf(path)).toBe('is llmtop/report@0; this llmtop reads llmtop/report@2 and cannot upgrade that version');
	});

	it('refuses a newer version, naming both versions', () => {
		const path = file('new.json', JSON.stringify({...base, schema: 'llmtop/report@3'}));
		expect(problemOf(path)).toBe('is llmtop/report@3, newer than this llmtop reads (llmtop/report@2); update llmtop to read it');
	});

	it('the message starts with the path', () => {
		const path = file('empty-again.json', '');
		expect(() => readReport(path)).toThrow(`${path}: empty file`);
	});

	it('reads a report written before the canary, PSI and load-worker figures as a run without them', () => {
		const metrics = {...(base['metrics'] as Record<string, unknown>)};
		delete metrics['canary'];
		delete metrics['psi'];
		delete metrics['loadWorkers'];
		delete metrics['returnToIdleMs'];
		const report = parseReport('early.json', JSON.stringify({...base, metrics}));
		expect(report.metrics).toMatchObject({canary: null, psi: null, loadWorkers: null, returnToIdleMs: null});
	});

	it('keeps additions it does not know', () => {
		const report = parseReport('extra.json', JSON.stringify({...base, futureField: 1})) as unknown as Record<string, unknown>;
		expect(report['futureField']).toBe(1);
	});
});
