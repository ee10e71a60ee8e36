/**
 * The sharing flags end to end on the built CLI and the tiny synthetic
 * model: files written by run, replay, report and compare; a port in use, a
 * Pushgateway that is down, and a file that cannot be written.
 */
import {existsSync, mkdirSync, readFileSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Report} from '../../src/report/types.js';
import {ROOT, runCli, startCli, collect, tempDir, waitForLine} from '../e2e/helpers.js';
import {freePort} from './prom-servers.js';
import {needsBuild} from '../setup/skip.js';

const dir = tempDir('llmtop-share-');
const RUN = ['run', '--headless', '--model', 'synthetic:tiny', '--suite', 'smoke'];

function expectOneLine(stderr: string, pattern: RegExp): void {
	const lines = stderr.trimEnd().split('\n');
	expect(lines, stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^llmtop: /);
	expect(lines[0]).toMatch(pattern);
}

/** The exit code a verdict gives (an inconclusive one: 3, or 0 where the build does not tell it apart yet). */
function codesFor(verdict: string): number[] {
	return verdict === 'fail' ? [1] : verdict === 'pass' ? [0] : [0, 3];
}

describe.skipIf(needsBuild())('sharing a run from the command line', () => {
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	describe('run --html --junit --summary-md --pushgateway (down)', () => {
		let result: Awaited<ReturnType<typeof runCli>>;
		let report: Report;
		beforeAll(async () => {
			const closed = await freePort();
			result = await runCli([
				...RUN,
				'--idle',
				'1',
				'--report',
				join(dir, 'run.json'),
				'--events',
				join(dir, 'run.jsonl'),
				'--html',
				join(dir, 'run.html'),
				'--junit',
				join(dir, 'run.xml'),
				'--summary-md',
				join(dir, 'run.md'),
				'--pushgateway',
				`http://127.0.0.1:${closed}`,
			]);
			report = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Report;
		}, 120_000);

		it('a Pushgateway that is down is a warning; the verdict and exit code are unchanged', () => {
			expect(codesFor(report.verdict)).toContain(result.code);
			expectOneLine(
				result.stderr,
				/^llmtop: warning: could not push to the Pushgateway at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED \(the verdict is unchanged\)$/,
			);
		});

		it('writes the HTML, JUnit and Markdown of the run', () => {
			const html = readFileSync(join(dir, 'run.html'), 'utf8');
			expect(html).toContain('id="llmtop-data"');
			expect(html).toContain('id="chart-cpu"');
			expect(report.timeline?.cpu.t.length).toBeGreaterThan(5);
			const xml = readFileSync(join(dir, 'run.xml'), 'utf8');
			expect(xml.match(/<testcase /g)).toHaveLength(report.criteria.length + 1);
			expect(readFileSync(join(dir, 'run.md'), 'utf8')).toMatch(/^### llmtop: (PASS|FAIL|INCONCLUSIVE) — /);
		});

		it('llmtop report rebuilds the same HTML from the events file as from the report', async () => {
			const fromEvents = await runCli(['report', join(dir, 'run.jsonl'), '--html', join(dir, 'events.html')]);
			expect(fromEvents.code, fromEvents.stderr).toBe(0);
			const fromReport = await runCli(['report', join(dir, 'run.json'), '--html', join(dir, 'report.html'), '--redact']);
			expect(fromReport.code, fromReport.stderr).toBe(0);
			expect(readFileSync(join(dir, 'events.html'), 'utf8')).toBe(readFileSync(join(dir, 'run.html'), 'utf8'));
			const redacted = readFileSync(join(dir, 'report.html'), 'utf8');
			expect(redacted).toContain('Redacted');
			expect(redacted).not.toContain(ROOT);
		});

		it('replay --html writes the same page', async () => {
			const replay = await runCli(['replay', join(dir, 'run.jsonl'), '--speed', '0', '--headless', '--html', join(dir, 'replay.html')]);
			expect(codesFor(report.verdict)).toContain(replay.code);
			expect(readFileSync(join(dir, 'replay.html'), 'utf8')).toBe(readFileSync(join(dir, 'run.html'), 'utf8'));
		});
	});

	it('a port in use: one line, exit 2, before the run starts', async () => {
		const busy: Server = await new Promise((resolve) => {
			const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
		});
		try {
			const {port} = busy.address() as {port: number};
			const result = await runCli([
				...RUN,
				'--idle',
				'0',
				'--report',
				join(dir, 'busy.json'),
				'--events',
				join(dir, 'busy.jsonl'),
				'--metrics-port',
				String(port),
			]);
			expect(result.code).toBe(2);
			expectOneLine(result.stderr, new RegExp(`--metrics-port 127\\.0\\.0\\.1:${port}: the port is in use$`));
			expect(existsSync(join(dir, 'busy.json'))).toBe(false);
			expect(existsSync(join(dir, 'busy.jsonl'))).toBe(false);
		} finally {
			busy.close();
		}
	});

	it.each([
		[['--metrics-port', 'localhost:http'], /--metrics-port "localhost:http": expected \[HOST:\]PORT/],
		[['--pushgateway', 'pushgateway:9091'], /--pushgateway "pushgateway:9091": expected an http/],
		[['--html', join(dir, 'missing', 'x.html')], /--html .*x\.html: the directory does not exist/],
		[['--junit', dir], /--junit .*: is a directory/],
	])('bad %j: one line, exit 2', async (flags, pattern) => {
		const result = await runCli([...RUN, '--idle', '0', ...flags]);
		expect(result.code).toBe(2);
		expectOneLine(result.stderr, pattern);
	});

	it('an HTML path that cannot be written when the run ends: one line, exit 2, the report and events kept', async () => {
		const folder = join(dir, 'gone');
		mkdirSync(folder);
		const child = startCli([
			...RUN,
			'--idle',
			'2',
			'--report',
			join(dir, 'kept.json'),
			'--events',
			join(dir, 'kept.jsonl'),
			'--html',
			join(folder, 'x.html'),
			'--junit',
			join(dir, 'kept.xml'),
		]);
		await waitForLine(child, /./);
		rmSync(folder, {recursive: true});
		const result = await collect(child);
		expect(result.code).toBe(2);
		expectOneLine(result.stderr, /--html .*x\.html: cannot write: its folder does not exist$/);
		const report = JSON.parse(readFileSync(join(dir, 'kept.json'), 'utf8')) as Report;
		expect(report.complete).toBe(true);
		expect(readFileSync(join(dir, 'kept.jsonl'), 'utf8')).toContain('"run-end"');
		expect(readFileSync(join(dir, 'kept.xml'), 'utf8')).toContain('<testsuites');
	}, 120_000);

	it('compare A B --html --junit --summary-md: regressions first, exit 1', async () => {
		const fixtures = join(ROOT, 'test', 'fixtures', 'reports');
		const result = await runCli([
			'compare',
			join(fixtures, 'base.json'),
			join(fixtures, 'regressed.json'),
			'--headless',
			'--html',
			join(dir, 'cmp.html'),
			'--junit',
			join(dir, 'cmp.xml'),
			'--summary-md',
			join(dir, 'cmp.md'),
		]);
		expect(result.code).toBe(1);
		const html = readFileSync(join(dir, 'cmp.html'), 'utf8');
		expect(html.indexOf('id="regressions"')).toBeGreaterThan(0);
		expect(html.indexOf('id="regressions"')).toBeLessThan(html.indexOf('<h2>Runs'));
		expect(readFileSync(join(dir, 'cmp.xml'), 'utf8')).toContain('<failure ');
		expect(readFileSync(join(dir, 'cmp.md'), 'utf8')).toMatch(/^### llmtop compare: \d+ regression/);
	});
});
