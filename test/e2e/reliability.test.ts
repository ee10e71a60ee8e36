/**
 * Issue 14 through the real CLI and a real tiny model: full disks, devices
 * and FIFOs as outputs and inputs, conflicting paths, the events lock,
 * SIGHUP, a second Ctrl+C, a closed stdout, escape sequences from files, bounds.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, lstatSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Report} from '../../src/report/types.js';
import {CLI, cliEnv, collect, ROOT, runCli, startCli, tempDir, waitForLine} from './helpers.js';
import {needsBuild, needsFile} from '../setup/skip.js';

const describeBuilt = needsBuild() ? describe.skip : describe;
const dir = tempDir('llmtop-rel-');
const BASE = join(ROOT, 'test', 'fixtures', 'reports', 'base.json');
const TINY = ['--headless', '--no-canary', '--idle', '0.2', '--model', 'synthetic:tiny', '--suite', 'smoke', '--max-tokens', '8'];
const noDevFull = (): boolean => needsFile('/dev/full', 'the always-full device');

/** A stderr with no stack trace and no internal error. */
function clean(stderr: string): void {
	expect(stderr).not.toMatch(/internal error|\n\s+at |Napi::Error|EPIPE/);
}

function mkfifo(path: string): boolean {
	return spawnSync('mkfifo', [path]).status === 0;
}

describeBuilt('writes', () => {
	it.skipIf(noDevFull())(
		'a report that cannot be written (/dev/full) still prints the verdict, then exits 2 with one line',
		async () => {
			const result = await runCli(['run', ...TINY, '--report', '/dev/full']);
			expect(result.stdout).toMatch(/^verdict: /m);
			expect(result.stderr.trim().split('\n')).toEqual([
				expect.stringMatching(/^llmtop: the report was not written: \/dev\/full: cannot be written: no space left on the device \(ENOSPC\)$/),
			]);
			expect(result.code).toBe(2);
		},
		60_000,
	);

	it.skipIf(noDevFull())(
		'an events file that fails (/dev/full) is a warning: the run and its report go on',
		async () => {
			const report = join(dir, 'full-events.json');
			const result = await runCli(['run', ...TINY, '--events', '/dev/full', '--report', report]);
			clean(result.stderr);
			expect([0, 1, 3]).toContain(result.code);
			expect(result.stdout).toMatch(/warning: the events file \/dev\/full cannot be written \(no space left on the device \(ENOSPC\)\)/);
			const written = JSON.parse(readFileSync(report, 'utf8')) as Report;
			expect(written.warnings.map((w) => w.code)).toContain('events-not-written');
			// What llama.cpp actually used is recorded beside what was asked.
			expect(written.engineContext).toEqual({
				threads: written.config.threads,
				contextSize: expect.any(Number) as number,
				batchSize: expect.any(Number) as number,
				gpuLayers: 0,
			});
			expect(written.engineContext?.contextSize).toBeGreaterThanOrEqual(written.config.contextSize > 0 ? Math.min(written.config.contextSize, 16) : 16);
		},
		60_000,
	);

	it('score --out: /dev/null stays a device, a symlink is written through, a FIFO and a directory are refused, - is stdout', async () => {
		const toNull = await runCli(['score', BASE, '--suite', 'smoke', '--out', '/dev/null']);
		expect([0, 1, 3]).toContain(toNull.code);
		expect(statSync('/dev/null').isCharacterDevice()).toBe(true);

		const target = join(dir, 'target.json');
		const link = join(dir, 'link.json');
		writeFileSync(target, 'old');
		symlinkSync(target, link);
		const viaLink = await runCli(['score', BASE, '--suite', 'smoke', '--out', link]);
		expect([0, 1, 3]).toContain(viaLink.code);
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(readlinkSync(link)).toBe(target);
		expect((JSON.parse(readFileSync(target, 'utf8')) as Report).schema).toBe('llmtop/report@2');

		const fifo = join(dir, 'out.fifo');
		if (mkfifo(fifo)) {
			const toFifo = await runCli(['score', BASE, '--suite', 'smoke', '--out', fifo]);
			expect(toFifo.code).toBe(2);
			expect(toFifo.stderr.trim()).toBe(`llmtop: ${fifo}: is a FIFO (named pipe), not a file; use - to write to stdout`);
		}
		const toDir = await runCli(['score', BASE, '--suite', 'smoke', '--out', dir]);
		expect(toDir.code).toBe(2);
		expect(toDir.stderr.trim().split('\n')).toHaveLength(1);

		const toStdout = await runCli(['score', BASE, '--suite', 'smoke', '--out', '-']);
		expect((JSON.parse(toStdout.stdout) as Report).schema).toBe('llmtop/report@2');
	}, 60_000);

	it('an output that is an input is refused before anything is opened (exit 2), and the input is intact', async () => {
		const model = join(dir, 'model.gguf');
		writeFileSync(model, 'GGUF precious bytes');
		const events = await runCli(['run', '--headless', '--model', model, '--events', model]);
		expect(events.code).toBe(2);
		expect(events.stderr).toMatch(/--events .* is the same file as --model/);
		expect(readFileSync(model, 'utf8')).toBe('GGUF precious bytes');

		const copy = join(dir, 'base-copy.json');
		writeFileSync(copy, readFileSync(BASE));
		const score = await runCli(['score', copy, '--suite', 'smoke', '--out', `${dir}/./base-copy.json`]);
		expect(score.code).toBe(2);
		expect(score.stderr).toMatch(/--out .* is the same file as REPORT/);
		expect(readFileSync(copy, 'utf8')).toBe(readFileSync(BASE, 'utf8'));
	});

	it('a shared file (--html, --junit, --summary-md) that is an input or another output is refused (exit 2), the input intact', async () => {
		const copy = join(dir, 'share-input.json');
		writeFileSync(copy, readFileSync(BASE));
		const model = join(dir, 'share-model.gguf');
		writeFileSync(model, 'GGUF precious bytes');
		const events = join(dir, 'share-events.jsonl');
		writeFileSync(events, 'precious events\n');
		const matrix = join(dir, 'share-matrix.yaml');
		writeFileSync(matrix, 'model: [synthetic:tiny]\n');
		const cases: [string[], RegExp][] = [
			[['run', '--headless', '--model', model, '--html', model], /--html .* is the same file as --model/],
			[
				['run', ...TINY, '--report', join(dir, 'share-out.json'), '--junit', `${dir}/./share-out.json`],
				/--report .* is the same file as --junit .*other output/,
			],
			[['compare', BASE, copy, '--html', copy], /--html .* is the same file as REPORT .*share-input\.json/],
			[['report', copy, '--summary-md', copy], /--summary-md .* is the same file as INPUT/],
			[['report', copy, '--html', join(dir, 'twice.html'), '--junit', join(dir, 'twice.html')], /--html .* is the same file as --junit .*other output/],
			[['replay', events, '--headless', '--junit', events], /--junit .* is the same file as EVENTS/],
			[
				['sweep', '--headless', '--matrix', matrix, '--out-dir', join(dir, 'share-sweep'), '--summary-md', matrix],
				/--summary-md .* is the same file as --matrix/,
			],
		];
		for (const [args, message] of cases) {
			const result = await runCli(args);
			expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(2);
			expect(result.stderr.trim().split('\n'), args.join(' ')).toEqual([expect.stringMatching(message)]);
		}
		expect(readFileSync(copy, 'utf8')).toBe(readFileSync(BASE, 'utf8'));
		expect(readFileSync(model, 'utf8')).toBe('GGUF precious bytes');
		expect(readFileSync(events, 'utf8')).toBe('precious events\n');
		expect(readFileSync(matrix, 'utf8')).toBe('model: [synthetic:tiny]\n');
		expect(existsSync(join(dir, 'twice.html'))).toBe(false);
	}, 60_000);

	it('an existing events file is not wiped when the run stops on a mistyped --model', async () => {
		const events = join(dir, 'keep.jsonl');
		writeFileSync(events, 'the previous run\n');
		const result = await runCli(['run', '--headless', '--no-canary', '--model', join(dir, 'no-such-model.gguf'), '--events', events]);
		expect(result.code).toBe(2);
		expect(readFileSync(events, 'utf8')).toBe('the previous run\n');
		expect(existsSync(`${events}.lock`)).toBe(false);
	});
});

describeBuilt('the events lock', () => {
	it('a live writer refuses a second one; a stale lock of a dead PID is taken over with a warning and removed at the end', async () => {
		const events = join(dir, 'locked.jsonl');
		writeFileSync(`${events}.lock`, JSON.stringify({pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z'}));
		const refused = await runCli(['run', ...TINY, '--events', events]);
		expect(refused.code).toBe(2);
		expect(refused.stderr.trim()).toMatch(new RegExp(`being written by another run \\(PID ${process.pid} `));

		const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
		writeFileSync(`${events}.lock`, JSON.stringify({pid: Number(dead.stdout), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z'}));
		const taken = await runCli(['run', ...TINY, '--events', events]);
		expect([0, 1, 3]).toContain(taken.code);
		expect(taken.stdout).toMatch(/warning: took over the lock .* of PID \d+/);
		expect(existsSync(`${events}.lock`)).toBe(false);
		expect(readFileSync(events, 'utf8')).toMatch(/"type":"run-end"/);
	}, 60_000);
});

describeBuilt('signals', () => {
	it('SIGHUP ends the run like SIGTERM: report and events written, exit 129', async () => {
		const report = join(dir, 'hup.json');
		const events = join(dir, 'hup.jsonl');
		const child = startCli(['run', ...TINY.filter((a) => a !== '0.2' && a !== '--idle'), '--idle', '30', '--report', report, '--events', events]);
		const done = collect(child);
		await waitForLine(child, /^model /);
		child.kill('SIGHUP');
		const result = await done;
		clean(result.stderr);
		expect(result.code).toBe(129);
		const written = JSON.parse(readFileSync(report, 'utf8')) as Report;
		expect(written.complete).toBe(false);
		expect(written.endReason).toBe('terminated');
		expect(written.warnings.map((w) => w.code)).toContain('hangup');
		expect(readFileSync(events, 'utf8').trimEnd().split('\n').at(-1)).toMatch(/"type":"run-end"/);
		expect(existsSync(`${events}.lock`)).toBe(false);
	}, 60_000);

	it('a native abort mid-decode (SIGABRT) leaves an events file replay reads as an incomplete run', async () => {
		const report = join(dir, 'abort.json');
		const events = join(dir, 'abort.jsonl');
		// The stall before token 1 lets the main thread flush the run's first events; the abort comes before token 2.
		const env = cliEnv({LLMTOP_TEST_STALL: '1:1500', LLMTOP_TEST_ABORT: '2'});
		const result = await runCli(['run', ...TINY, '--report', report, '--events', events], {env});
		expect(result.signal ?? result.code, result.stderr).toBe('SIGABRT');
		expect(existsSync(report)).toBe(false);
		const lines = readFileSync(events, 'utf8').trimEnd().split('\n');
		expect(lines[0]).toMatch(/"type":"run-start"/);
		expect(lines.join('\n')).not.toMatch(/"type":"run-end"/);
		const replayed = join(dir, 'abort-replayed.json');
		const replay = await runCli(['replay', events, '--headless', '--report', replayed]);
		clean(replay.stderr);
		expect([1, 3], `${replay.stdout}${replay.stderr}`).toContain(replay.code);
		const written = JSON.parse(readFileSync(replayed, 'utf8')) as Report;
		expect(written.complete).toBe(false);
	}, 60_000);

	it('Ctrl+C while the model loads writes a report that says so (exit 130)', async () => {
		const report = join(dir, 'load-stop.json');
		const events = join(dir, 'load-stop.jsonl');
		writeFileSync(report, '{"an older report": true}');
		const child = startCli([
			'run',
			'--headless',
			'--no-canary',
			'--idle',
			'0',
			'--model',
			'synthetic:smollm2-135m:Q8_0',
			'--suite',
			'smoke',
			'--report',
			report,
			'--events',
			events,
		]);
		const done = collect(child);
		// The lock appears just before the signal handlers; the 135M model then takes seconds to load.
		while (!existsSync(`${events}.lock`)) await new Promise((resolve) => setTimeout(resolve, 10));
		await new Promise((resolve) => setTimeout(resolve, 150));
		child.kill('SIGINT');
		const result = await done;
		clean(result.stderr);
		expect(result.code).toBe(130);
		const written = JSON.parse(readFileSync(report, 'utf8')) as Report;
		expect(written.endReason).toBe('interrupted');
		if (written.loadMs === null) expect(written.warnings.map((w) => w.code)).toContain('stopped-during-load');
		else console.log('the model loaded before the signal landed: the stopped-during-load warning was not exercised');
	}, 120_000);

	it('a second Ctrl+C ends the process at once by the signal (a shell shows 130), events flushed, lock removed, no native abort', async () => {
		const events = join(dir, 'twice.jsonl');
		const child = startCli(['run', ...TINY.filter((a) => a !== '0.2' && a !== '--idle'), '--idle', '30', '--events', events]);
		const done = collect(child);
		await waitForLine(child, /^model /);
		child.kill('SIGINT');
		child.kill('SIGINT');
		const result = await done;
		clean(result.stderr);
		// Either the second signal landed while the first stop was still in progress (death by SIGINT) or the stop had finished (130).
		expect(result.signal === 'SIGINT' || result.code === 130).toBe(true);
		expect(readFileSync(events, 'utf8')).toMatch(/"type":"model-loaded"/);
		expect(existsSync(`${events}.lock`)).toBe(false);
	}, 60_000);

	it.each([
		['score', [BASE, '--suite', 'smoke']],
		['compare', [BASE, BASE, '--headless']],
		['replay', [join(ROOT, 'test', 'fixtures', 'events', 'tiny-smoke.jsonl'), '--speed', '0', '--headless']],
	])('%s into a closed pipe exits 141 without a stack trace', async (command, args) => {
		const child = spawn(process.execPath, [CLI, command, ...args], {env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.destroy();
		const result = await collect(child);
		clean(result.stderr);
		expect(result.code).toBe(141);
	});
});

describeBuilt('reads', () => {
	it.each([
		['replay', '/dev/zero'],
		['compare', '/dev/zero'],
		['score', '/dev/urandom'],
		['learnings', '/dev/zero'],
	])('%s %s: one line, exit 2, no hang', async (command, device) => {
		const args = command === 'compare' ? [BASE, device] : command === 'learnings' ? [device, join(dir, 'x.md')] : [device];
		const result = await runCli([command, ...args]);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/is a character device/)]);
	});

	it('a FIFO or /dev/stdin as --suite is refused by name, without waiting for a writer', async () => {
		const fifo = join(dir, 'suite.fifo');
		if (mkfifo(fifo)) {
			const result = await runCli(['run', '--headless', '--suite', fifo]);
			expect(result.code).toBe(2);
			expect(result.stderr.trim()).toBe(`llmtop: ${fifo}: is a FIFO (named pipe) or a pipe, not a suite file`);
		}
		const stdin = await runCli(['run', '--headless', '--suite', '/dev/stdin']);
		expect(stdin.code).toBe(2);
		expect(stdin.stderr.trim().split('\n')).toHaveLength(1);
	});
});

describeBuilt('escape sequences from files are never printed', () => {
	it('compare, score and learnings strip OSC 52, OSC 0 and ESC[2J from a report', async () => {
		const hostile = JSON.parse(readFileSync(BASE, 'utf8')) as Report;
		hostile.model.name = 'evil\u001b]52;c;aGVsbG8=\u0007\u001b]0;title\u0007\u001b[2Jmodel';
		if (hostile.prompts[0]) hostile.prompts[0].id = 'p\u001b[2J1';
		const path = join(dir, 'hostile.json');
		writeFileSync(path, JSON.stringify(hostile));
		const compare = await runCli(['compare', BASE, path, '--headless']);
		const score = await runCli(['score', path, '--suite', 'smoke', '--out', join(dir, 'hostile-scored.json')]);
		const md = join(dir, 'hostile.md');
		const learnings = await runCli(['learnings', path, md]);
		for (const result of [compare, score, learnings]) {
			expect(result.stdout + result.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
		}
		expect(learnings.stdout).toContain('evilmodel');
		expect(readFileSync(md, 'utf8')).not.toMatch(/[\u001b\u0007]/);
	});
});

describeBuilt('bounds', () => {
	it.each([
		[['--threads', '100000'], /--threads must be <= \d+ \(4 per logical core/],
		[['--context-size', '2147483648'], /--context-size must be <= 16777216/],
		[['--interval', '10'], /--interval must be >= 20/],
	])('%j: one line, exit 2', async (flags, message) => {
		const result = await runCli(['run', '--headless', ...flags]);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
	});
});
