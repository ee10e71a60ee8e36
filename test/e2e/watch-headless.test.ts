/**
 * `llmtop watch --headless` following a live writer (a process appending a
 * recorded run at its real pace, cut mid-line, holding the events lock):
 * the lines and exit code equal replay's; two watchers at once; the writer
 * killed mid-run; a watcher started after the end; bad input. Skipped
 * without a built CLI.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cliEnv, collect, ROOT, runCli, startCli, tempDir, type CliResult} from './helpers.js';
import {needsBuild} from '../setup/skip.js';

const EVENTS = join(ROOT, 'test', 'fixtures', 'events', 'tiny-smoke.jsonl');
const WRITER = join(ROOT, 'test', 'helpers', 'events-writer.mjs');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const writers: ChildProcess[] = [];
function startWriter(dst: string, speed = 1, stopAfter?: number): ChildProcess {
	const args = [WRITER, EVENTS, dst, String(speed), ...(stopAfter === undefined ? [] : [String(stopAfter)])];
	const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'inherit']});
	writers.push(child);
	return child;
}
const watch = (path: string, ...flags: string[]): ChildProcess => startCli(['watch', path, '--headless', ...flags], cliEnv());

describe.skipIf(needsBuild())('llmtop watch --headless', () => {
	let replay: CliResult;
	beforeAll(async () => {
		replay = await runCli(['replay', EVENTS, '--headless', '--speed', '0']);
		expect(replay.code).toBe(1);
	});
	afterEach(() => {
		for (const child of writers.splice(0)) if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
	});

	it('follows a live writer to its end: the same lines and exit code as replay; two watchers at once', async () => {
		const path = join(tempDir('llmtop-watch-'), 'run.jsonl');
		const writer = startWriter(path);
		// Started before the writer created the file: --wait covers that.
		const [a, b] = await Promise.all([
			collect(watch(path)),
			(async () => {
				await sleep(1500);
				expect(existsSync(path)).toBe(true);
				expect(readFileSync(path, 'utf8')).not.toContain('"run-end"');
				return collect(watch(path));
			})(),
		]);
		await new Promise((resolve) => (writer.exitCode === null ? writer.on('exit', resolve) : resolve(null)));
		for (const result of [a, b]) {
			expect(result.stderr).toBe('');
			expect(result.stdout).toBe(replay.stdout);
			expect(result.code).toBe(replay.code);
		}
	});

	it('says "writer gone" and exits 1 when the writer dies without run-end', async () => {
		const path = join(tempDir('llmtop-watch-'), 'run.jsonl');
		const writer = startWriter(path, 1, 60);
		await new Promise<void>((resolve) => writer.stdout?.once('data', () => resolve()));
		const watcher = watch(path);
		const result = collect(watcher);
		await sleep(500);
		process.kill(writer.pid ?? 0, 'SIGKILL');
		const {code, stderr, stdout} = await result;
		expect(code).toBe(1);
		expect(stderr).toMatch(/writer gone: PID \d+ is no longer running and wrote no run-end/);
		expect(stdout).toContain('model synthetic tiny');
		expect(stdout).not.toContain('verdict:');
	});

	it('a watcher started after the end reads the whole run and exits with its verdict', async () => {
		const result = await collect(watch(EVENTS));
		expect(result.stdout).toBe(replay.stdout);
		expect(result.code).toBe(replay.code);
	});

	it('exits as the run did: 130 for a run stopped by Ctrl+C (run-end reason interrupted)', async () => {
		const lines = readFileSync(EVENTS, 'utf8').split('\n').filter(Boolean);
		const end = {...(JSON.parse(lines.at(-1) ?? '{}') as object), reason: 'interrupted', complete: false};
		const path = join(tempDir('llmtop-watch-'), 'interrupted.jsonl');
		writeFileSync(path, `${[...lines.slice(0, -1), JSON.stringify(end)].join('\n')}\n`);
		const result = await collect(watch(path));
		expect(result.stdout).toContain('verdict: FAIL (run interrupted: partial data)');
		expect(result.code).toBe(130);
	});

	it('names a file truncated under it and exits 2', async () => {
		const path = join(tempDir('llmtop-watch-'), 'run.jsonl');
		const writer = startWriter(path, 1, 60);
		await new Promise<void>((resolve) => writer.stdout?.once('data', () => resolve()));
		const result = collect(watch(path));
		await sleep(1000);
		truncateSync(path, 0);
		const {code, stderr} = await result;
		expect(code).toBe(2);
		expect(stderr).toMatch(/run\.jsonl was truncated under the watcher after \d+ bytes; no longer following it/);
	});

	it('bad input: not an events file, a path that never appears (--wait), no path', async () => {
		const dir = tempDir('llmtop-watch-');
		const bad = join(dir, 'bad.jsonl');
		writeFileSync(bad, '{"hello":"world"}\n');
		const notEvents = await collect(watch(bad));
		expect(notEvents.code).toBe(2);
		expect(notEvents.stderr).toBe(`llmtop: ${bad}: not an llmtop events file: its first line is not a run-start event\n`);
		const never = await collect(watch(join(dir, 'never.jsonl'), '--wait', '1'));
		expect(never.code).toBe(2);
		expect(never.stderr).toBe(`llmtop: ${join(dir, 'never.jsonl')}: no such file after waiting 1 s (--wait S waits longer)\n`);
		const none = await runCli(['watch']);
		expect(none.code).toBe(2);
		expect(none.stderr).not.toContain('    at ');
	});
});
