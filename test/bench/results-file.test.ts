import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {formatLoad, isLoaded, loadWindow, type LoadReading} from '../../bench/lib/machine-load.js';
import {resultsMarkdown, writeResults, type BenchResults} from '../../bench/lib/results-file.js';
import {figureRow} from '../../bench/lib/table.js';

const reading = (at: number, load: number, psiUs?: number): LoadReading => ({
	at,
	loadAverage: [load, load, load],
	...(psiUs === undefined ? {} : {psiSomeAvg10: 0, psiSomeTotalUs: psiUs}),
});

describe('machine load over a window', () => {
	it.each([
		// 10 s window, 2.5 s of some-stall: 25 %.
		[reading(0, 1, 0), reading(10_000, 3, 2_500_000), 25, 'load 1.00 -> 3.00, PSI cpu some 25 %', true],
		[reading(0, 0.2, 100), reading(10_000, 0.4, 100), 0, 'load 0.20 -> 0.40, PSI cpu some 0 %', false],
		[reading(0, 0.5), reading(1000, 2.5), null, 'load 0.50 -> 2.50, no PSI', true],
	])('%j -> %j', (before, after, psi, text, loaded) => {
		const window = loadWindow(before, after);
		expect(window.psiSomePct).toBe(psi);
		expect(formatLoad(window)).toBe(text);
		expect(isLoaded(window, 2)).toBe(loaded);
	});
});

function results(): BenchResults {
	const window = loadWindow(reading(0, 1, 0), reading(10_000, 1, 1_000_000));
	return {
		schema: 'llmtop/bench@2',
		startedAt: '2026-12-07T05:00:00.000Z',
		state: 'interrupted',
		signal: 'SIGINT',
		durationS: 42,
		quick: true,
		rounds: 5,
		host: {cpuModel: 'Test CPU', logicalCores: 2},
		planned: ['synth', 'memory', 'anchor'],
		sections: {
			synth: {
				status: 'done',
				durationS: 12,
				load: window,
				rows: [figureRow('writing | pipes', 'page-cache write MB/s', {n: 5, min: 300, median: 400, max: 900}, {digits: 0})],
			},
			memory: {status: 'failed', durationS: 1, load: window, rows: [], error: 'boom'},
		},
	};
}

describe('results files', () => {
	let dir: string | undefined;
	afterEach(() => {
		if (dir) rmSync(dir, {recursive: true, force: true});
		dir = undefined;
	});

	it('the Markdown names the state, each section with its load, and what did not run', () => {
		const md = resultsMarkdown(results());
		expect(md).toContain('# llmtop bench — interrupted (SIGINT)');
		expect(md).toContain('## synth — done, 12 s, load 1.00 -> 1.00, PSI cpu some 10 %');
		expect(md).toContain('| writing \\| pipes | page-cache write MB/s | 400 | — | info | 300..900 (n=5) |');
		expect(md).toContain('## memory — failed, 1 s');
		expect(md).toContain('error: boom');
		expect(md).toContain('not run: anchor');
	});

	it('writes both files whole and leaves no temporary file', () => {
		dir = mkdtempSync(join(tmpdir(), 'llmtop-bench-results-'));
		const out = join(dir!, 'nested');
		const paths = writeResults(out, results());
		expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(results());
		expect(readFileSync(paths.markdown, 'utf8')).toBe(resultsMarkdown(results()));
		writeResults(out, {...results(), state: 'finished'});
		expect(readdirSync(out).sort()).toEqual(['results.json', 'results.md']);
	});
});
