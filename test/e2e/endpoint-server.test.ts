/**
 * The endpoint target against the real llama-server, built from the
 * llama.cpp source bundled in node-llama-cpp (`llmtop engine build
 * --server`, cached in the user cache; `.ci/run` builds it, so under CI the
 * binary must exist). Loopback only.
 */
import {spawn} from 'node:child_process';
import {accessSync, constants, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {freePort} from '../../src/engine/endpoint/index.js';
import {nativeBuildLayout} from '../../src/engine/native-build.js';
import {waitExited} from '../sampler/child-helpers.js';
import {runCli, tempDir} from './helpers.js';
import {needsBuild, needsFile, skipUnless} from '../setup/skip.js';

const SERVER = process.env['LLMTOP_SERVER_BIN'] || nativeBuildLayout().server;
const REAL_MODEL = '/root/.cache/llmtop/models/SmolLM2-135M-Instruct.Q4_1.gguf';
const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';

function executable(path: string): boolean {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

const hasServer = executable(SERVER);
const skip = needsBuild() || skipUnless(hasServer || ci, `no server binary at ${SERVER} (llmtop engine build --server builds it; CI builds it in .ci/run)`);
const noRealModel = (): boolean => !skip && needsFile(REAL_MODEL, 'the real model');

const launch = (threads = 1): string => `'${SERVER}' -m {model} --host {host} --port {port} -t ${threads} -c {ctx} -b {batch} -np 1 --no-webui`;
const quick = ['--suite', 'smoke', '--idle', '0.5', '--headless', '--no-canary', '--max-tokens', '16', '--context-size', '512'];

interface ReportLike {
	target: {kind: string; pid?: number; launched?: boolean; server?: {name: string; version?: string}; serverModel?: string};
	stream?: {events: number; tokens: number; countedBy: string};
	host: {engineBuild: string};
	model: {sizeBytes: number | null; synthetic: boolean | null};
	loadMs: number | null;
	prompts: {status: string; outputTokens: number; ttftMs: number | null}[];
	metrics: {rss: {peakBytes: number | null}; cpu: {active: {mean: number | null}; idle: {mean: number | null}}};
	criteria: {id: string; status: string; reason: string | null}[];
	warnings: {code: string; message: string}[];
}

const read = (path: string): ReportLike => JSON.parse(readFileSync(path, 'utf8')) as ReportLike;

describe.skipIf(skip)('llmtop against the real llama-server', () => {
	it('the server binary exists (CI builds it), and `engine build --server` finds it at once: only its path on stdout', async () => {
		expect(hasServer).toBe(true);
		const result = await runCli(['engine', 'build', '--server'], {env: {...process.env, LLMTOP_CACHE_DIR: join(SERVER, '..', '..', '..', '..', '..')}});
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`${SERVER}\n`);
		expect(result.stderr).toMatch(/llama-server build: cached/);
	});

	it("--launch on a synthetic model: the server's process tree is sampled, tokens stream one per event, the server is stopped", async () => {
		const dir = tempDir();
		const result = await runCli([
			'run',
			'--model',
			'synthetic:tiny',
			'--launch',
			launch(),
			...quick,
			'--report',
			join(dir, 'r.json'),
			'--events',
			join(dir, 'e.jsonl'),
		]);
		expect(result.stderr).toBe('');
		expect([0, 1, 3]).toContain(result.code);
		const r = read(join(dir, 'r.json'));
		expect(r.target).toMatchObject({kind: 'endpoint', launched: true, server: {name: 'llama.cpp server'}});
		expect(r.host.engineBuild).toBe('server');
		expect(r.loadMs).toBeGreaterThan(0);
		expect(r.prompts.every((p) => p.status === 'ok' && p.outputTokens > 0)).toBe(true);
		expect(r.stream).toMatchObject({countedBy: 'server-timings'});
		expect(r.stream!.tokens).toBe(r.prompts.reduce((sum, p) => sum + p.outputTokens, 0));
		// The server holds the model: its RSS is at least the file (llmtop's own process is not what was measured).
		expect(r.metrics.rss.peakBytes).toBeGreaterThan(r.model.sizeBytes!);
		expect(r.warnings.map((w) => w.code)).not.toContain('rss-below-model');
		const samples = readFileSync(join(dir, 'e.jsonl'), 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as {type: string; threads?: number; phase?: string})
			.filter((e) => e.type === 'sample');
		expect(samples.some((s) => s.phase === 'idle-before')).toBe(true);
		expect(Math.max(...samples.map((s) => s.threads ?? 0))).toBeGreaterThan(1);
		expect(await waitExited(r.target.pid!)).toBe(true);
	});

	it.skipIf(noRealModel())('--launch on the real SmolLM2 model: answers are scored (not synthetic)', async () => {
		const report = join(tempDir(), 'r.json');
		const result = await runCli(['run', '--model', REAL_MODEL, '--launch', launch(), ...quick, '--report', report]);
		expect(result.stderr).toBe('');
		const r = read(report);
		expect(r.model.synthetic).toBe(false);
		expect(r.prompts.every((p) => p.status === 'ok')).toBe(true);
		expect(r.criteria.find((c) => c.id === 'correctness')?.status).not.toBe('skip');
		expect(r.metrics.rss.peakBytes).toBeGreaterThan(r.model.sizeBytes!);
	});

	it.skipIf(noRealModel())(
		'--endpoint --pid attaches to a running server, samples it and never stops it; --pid of another process warns about its RSS',
		async () => {
			const port = await freePort();
			const server = spawn(SERVER, ['-m', REAL_MODEL, '--host', '127.0.0.1', '--port', String(port), '-t', '1', '-c', '512', '-np', '1', '--no-webui'], {
				stdio: 'ignore',
			});
			const bystander = spawn('sleep', ['120'], {stdio: 'ignore'});
			try {
				const url = `http://127.0.0.1:${port}`;
				let attached;
				const report = join(tempDir(), 'r.json');
				for (let i = 0; i < 120; i++) {
					attached = await runCli(['run', '--endpoint', url, '--pid', String(server.pid), ...quick, '--report', report]);
					if (!/unreachable|HTTP 503|loading/.test(attached.stderr)) break;
					await new Promise((resolve) => setTimeout(resolve, 500));
				}
				expect(attached!.stderr).toBe('');
				const r = read(report);
				expect(r.target).toMatchObject({kind: 'endpoint', launched: false, pid: server.pid, server: {name: 'llama.cpp server'}});
				expect(r.metrics.rss.peakBytes).toBeGreaterThan(r.model.sizeBytes!);
				expect(server.exitCode).toBeNull();
				const wrong = join(tempDir(), 'w.json');
				await runCli(['run', '--endpoint', url, '--pid', String(bystander.pid), '--model', REAL_MODEL, ...quick, '--report', wrong]);
				expect(read(wrong).warnings.find((w) => w.code === 'rss-below-model')?.message).toMatch(/probably not the process that runs the model/);
			} finally {
				server.kill('SIGKILL');
				bystander.kill('SIGKILL');
			}
		},
	);
});
