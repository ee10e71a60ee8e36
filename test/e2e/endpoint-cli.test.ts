/**
 * `llmtop run --endpoint|--launch` through the built CLI against the fake
 * OpenAI-compatible server (faults on demand). The real llama-server runs in
 * endpoint-server.test.ts.
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {freePort} from '../../src/engine/endpoint/index.js';
import {ROOT, runCli, tempDir} from './helpers.js';
import {needsBuild} from '../setup/skip.js';
import {waitExited} from '../sampler/child-helpers.js';

const FAKE = join(ROOT, 'test', 'fixtures', 'servers', 'fake-openai-server.mjs');
const launch = (mode: string): string => `'${process.execPath}' '${FAKE}' {port} ${mode}`;
const quick = ['--suite', 'smoke', '--idle', '0.3', '--headless', '--no-canary'];

interface ReportLike {
	complete: boolean;
	endReason: string;
	target: {kind: string; pid?: number; launched?: boolean; command?: string[]};
	stream?: {multiTokenEvents: number; itlDistorted: boolean};
	prompts: {status: string; reason: string | null}[];
	criteria: {id: string; status: string; reason: string | null}[];
	warnings: {code: string; message: string}[];
}

function readReport(path: string): ReportLike {
	return JSON.parse(readFileSync(path, 'utf8')) as ReportLike;
}

describe.skipIf(needsBuild())('llmtop run against an endpoint (fake server)', () => {
	it('--launch: the report records the target, and the launched process group is gone at the end', async () => {
		const report = join(tempDir(), 'r.json');
		const result = await runCli(['run', '--launch', launch('ok'), ...quick, '--report', report]);
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^target fake at http:\/\/127\.0\.0\.1:\d+, model fake-model: launched by llmtop \(PID \d+/m);
		const r = readReport(report);
		expect(r.target).toMatchObject({kind: 'endpoint', launched: true});
		expect(r.prompts.map((p) => p.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
		expect(await waitExited(r.target.pid!)).toBe(true);
	});

	it('a server that dies mid-run: partial report with the events, the death named, exit 1', async () => {
		const dir = tempDir();
		const result = await runCli(['run', '--launch', launch('die-mid'), ...quick, '--report', join(dir, 'r.json'), '--events', join(dir, 'e.jsonl')]);
		expect(result.code).toBe(1);
		const r = readReport(join(dir, 'r.json'));
		expect(r).toMatchObject({complete: false, endReason: 'error'});
		expect(r.prompts.map((p) => p.status)).toEqual(['ok', 'error', 'not-run', 'not-run']);
		expect(r.prompts[1]!.reason).toBe('the server died: exit code 9');
		expect(r.warnings.map((w) => w.code)).toContain('server-died');
		const events = readFileSync(join(dir, 'e.jsonl'), 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as {type: string; message?: string});
		expect(events.at(-1)).toMatchObject({type: 'run-end', message: 'the server died: exit code 9'});
	});

	it('chunked streams: the report counts multi-token events, flags ITL, and warns', async () => {
		const report = join(tempDir(), 'r.json');
		await runCli(['run', '--launch', launch('chunked'), ...quick, '--report', report]);
		const r = readReport(report);
		expect(r.stream?.multiTokenEvents).toBeGreaterThan(0);
		expect(r.stream?.itlDistorted).toBe(true);
		expect(r.warnings.find((w) => w.code === 'itl-chunked')?.message).toMatch(/carried more than one token/);
	});

	it('HTTP errors per prompt are error prompts, counted', async () => {
		const report = join(tempDir(), 'r.json');
		await runCli(['run', '--launch', launch('http500'), ...quick, '--report', report]);
		const r = readReport(report);
		expect(r.prompts.map((p) => p.status)).toEqual(['error', 'error', 'error', 'error']);
		expect(r.prompts[0]!.reason).toMatch(/HTTP 500 .*out of memory/);
	});

	it('--endpoint without --pid measures latency only: the cost criteria are skipped with the reason', async () => {
		const port = await freePort();
		const server = spawn(process.execPath, [FAKE, String(port), 'ok'], {stdio: 'ignore'});
		try {
			const report = join(tempDir(), 'r.json');
			let result;
			for (let i = 0; i < 50; i++) {
				result = await runCli(['run', '--endpoint', `http://127.0.0.1:${port}/v1`, ...quick, '--report', report]);
				if (!/unreachable/.test(result.stderr)) break;
			}
			expect(result!.stdout).toMatch(/attached without --pid: latency only/);
			const r = readReport(report);
			for (const id of ['idle-cpu', 'active-cpu-mean', 'active-cpu-p99', 'rss-peak']) {
				expect(r.criteria.find((c) => c.id === id)).toMatchObject({status: 'skip', reason: expect.stringMatching(/^no server PID: cost not measured/)});
			}
			expect(r.criteria.find((c) => c.id === 'latency-p95')?.status).toBe('pass');
		} finally {
			server.kill('SIGKILL');
		}
	});

	it.each([
		[['--launch', launch('exit-now')], /exited before it was ready \(exit code 3\) — its stderr ended: .*failed to open model file/],
		[['--endpoint', 'http://127.0.0.1:9'], /^llmtop: endpoint http:\/\/127\.0\.0\.1:9 is unreachable: connection refused/],
		[['--endpoint', 'localhost:8080'], /^llmtop: bad --endpoint URL 'localhost:8080': .*write http:\/\/HOST:PORT/],
		[['--endpoint', 'http://127.0.0.1:9', '--pid', '4194000'], /^llmtop: --pid 4194000: process 4194000 does not exist/],
		[['--endpoint', 'http://127.0.0.1:9', '--cpu-cap', '30'], /^llmtop: --cpu-cap cannot apply to a server \(--endpoint\)/],
		[['--launch', 'srv --port {port}', '--nice', '5'], /^llmtop: --nice cannot apply to a server \(--launch\)/],
		[['--launch', 'srv --port {port}', '--build', 'local'], /^llmtop: --build cannot apply to a server/],
		[['--launch', 'srv --port 8080'], /must contain \{port\}/],
		[['--endpoint', 'http://127.0.0.1:9', '--launch', 'srv {port}'], /--endpoint and --launch are exclusive/],
		[['--pid', '1'], /--pid needs --endpoint/],
	])('bad input %j: one line, exit 2', async (args, message) => {
		const result = await runCli(['run', ...args, ...quick]);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(message);
	});
});
