/**
 * Issue 14, gaps found when the fixed cases were checked again: outputs
 * written over a model in llmtop's cache, `-` as stdout for the shared files,
 * `report` and `sweep` inputs that are devices or FIFOs, and YAML nested by
 * indentation deeper than the stack (exit 70 before). Each answer is exit 2
 * and one line, and nothing is written over anything.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest';
import {cachedModelFileName} from '../../src/synth/index.js';
import {runCli} from '../e2e/helpers.js';
import {needsBuild, needsPosix} from '../setup/skip.js';
import {runInProcess} from './in-process.js';

const REPORT = fileURLToPath(new URL('../fixtures/reports/base.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'llmtop-io-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A file that starts like a GGUF model (magic and version), as a cached download would. */
function fakeModel(path: string): Buffer {
	const bytes = Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(4096, 7)]);
	writeFileSync(path, bytes);
	return bytes;
}

function expectOneLine(result: {code: number; stderr: string[]}, pattern: RegExp): void {
	expect(result.code, result.stderr.join('\n')).toBe(2);
	expect(result.stderr).toHaveLength(1);
	expect(result.stderr[0]).toMatch(pattern);
}

describe('no output is written over a GGUF model', () => {
	it.each([
		['run --events', (model: string) => ['run', '--headless', '--model', 'synthetic:tiny', '--events', model]],
		['run --report', (model: string) => ['run', '--headless', '--model', 'synthetic:tiny', '--report', model]],
		['replay --report', (model: string) => ['replay', fileURLToPath(new URL('../fixtures/events/tiny-smoke.jsonl', import.meta.url)), '--report', model]],
		['compare --html', (model: string) => ['compare', REPORT, REPORT, '--html', model]],
		['report --junit', (model: string) => ['report', REPORT, '--junit', model]],
	])('%s naming a model (as a cached hf: download would be) is refused and the model is untouched', async (_name, argv) => {
		const model = join(dir, `cached-${_name.replace(/\W+/g, '-')}.gguf`);
		const bytes = fakeModel(model);
		const result = await runInProcess(argv(model));
		expectOneLine(result, /is a GGUF model; llmtop never writes over a model/);
		expect(readFileSync(model).equals(bytes)).toBe(true);
	});

	describe('a synthetic model not written yet', () => {
		let saved: string | undefined;
		beforeEach(() => {
			saved = process.env['LLMTOP_CACHE_DIR'];
			process.env['LLMTOP_CACHE_DIR'] = join(dir, 'cache');
			mkdirSync(join(dir, 'cache'), {recursive: true});
		});
		afterEach(() => {
			if (saved === undefined) delete process.env['LLMTOP_CACHE_DIR'];
			else process.env['LLMTOP_CACHE_DIR'] = saved;
		});

		it('an output at the path the model will be written to is the same file as --model', async () => {
			const path = join(dir, 'cache', cachedModelFileName('tiny', 'Q8_0'));
			const result = await runInProcess(['run', '--headless', '--model', 'synthetic:tiny', '--report', path]);
			expectOneLine(result, /--report .* is the same file as --model/);
			expect(existsSync(path)).toBe(false);
		});
	});
});

describe('`-` is stdout for --html, --junit and --summary-md', () => {
	it('report --summary-md - prints the Markdown and writes no file named -', async () => {
		const cwd = process.cwd();
		process.chdir(dir);
		try {
			const result = await runInProcess(['report', REPORT, '--summary-md', '-']);
			expect(result.code, result.stderr.join('\n')).toBe(0);
			expect(result.stdout.join('\n')).toMatch(/^### llmtop: /);
			expect(existsSync(join(dir, '-'))).toBe(false);
		} finally {
			process.chdir(cwd);
		}
	});

	it("compare --html - puts the HTML alone on stdout and the comparison's text on stderr", async () => {
		const result = await runInProcess(['compare', REPORT, REPORT, '--headless', '--html', '-']);
		expect(result.code, result.stderr.join('\n')).toBe(0);
		expect(result.stdout).toHaveLength(1);
		expect(result.stdout[0]).toMatch(/^<!DOCTYPE html>/);
		expect(result.stderr.join('\n')).toMatch(/no criterion flipped/);
	});

	it('replay --headless --report - puts the report alone on stdout, its lines on stderr', async () => {
		const events = fileURLToPath(new URL('../fixtures/events/tiny-smoke.jsonl', import.meta.url));
		const result = await runInProcess(['replay', events, '--speed', '0', '--headless', '--report', '-']);
		expect([0, 1, 3], result.stderr.join('\n')).toContain(result.code);
		expect(result.stdout).toHaveLength(1);
		expect((JSON.parse(result.stdout[0]!) as {schema: string}).schema).toMatch(/^llmtop\/report@/);
		expect(result.stderr.join('\n')).toMatch(/\[1\] smoke-arithmetic[\s\S]*verdict: /);
	});

	it('two outputs to stdout are refused before anything is written', async () => {
		expectOneLine(await runInProcess(['compare', REPORT, REPORT, '--html', '-', '--junit', '-']), /--html - and --junit - both go to stdout/);
		expectOneLine(await runInProcess(['run', '--headless', '--report', '-', '--summary-md', '-']), /--report - and --summary-md - both go to stdout/);
		expectOneLine(await runInProcess(['compare', REPORT, REPORT, '--json', '--html', '-']), /--json and a shared file named - both go to stdout/);
	});
});

describe.skipIf(needsPosix('devices and FIFOs are POSIX files'))('report and sweep inputs are regular files of bounded size', () => {
	const fifo = join(dir, 'fifo');
	beforeEach(() => {
		if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
	});

	it.each([
		['report /dev/zero', ['report', '/dev/zero', '--html', join(dir, 'x.html')], /\/dev\/zero: is a character device/],
		['report FIFO', ['report', fifo, '--html', join(dir, 'x.html')], /fifo: is a FIFO/],
		[
			'sweep --matrix /dev/zero',
			['sweep', '--headless', '--out-dir', join(dir, 'sweep-a'), '--matrix', '/dev/zero'],
			/--matrix \/dev\/zero: is a character device/,
		],
		['sweep --matrix FIFO', ['sweep', '--headless', '--out-dir', join(dir, 'sweep-b'), '--matrix', fifo], /--matrix .*fifo: is a FIFO/],
		[
			'sweep --criteria /dev/zero',
			['sweep', '--headless', '--out-dir', join(dir, 'sweep-c'), '--model', 'synthetic:tiny', '--threads', '1', '--criteria', '/dev/zero'],
			/\/dev\/zero: is a character device/,
		],
	])('%s: one line, exit 2, at once (no read that blocks or grows)', async (_name, argv, pattern) => {
		expectOneLine(await runInProcess(argv), pattern);
	});
});

// The built CLI in its own process: the depth at which the stack runs out is the real process's, not a test worker's.
describe.skipIf(needsBuild())('YAML nested by indentation deeper than the stack (the built CLI)', () => {
	/** A suite whose one prompt carries a mapping `levels` deep, written with indentation (no brackets). */
	function deepSuite(levels: number): string {
		const lines = ['name: deep', 'prompts:', '  - id: a', '    prompt: hi', '    x:'];
		let indent = '      ';
		for (let level = 0; level < levels; level++) {
			lines.push(`${indent}k${level}:`);
			indent += '  ';
		}
		lines.push(`${indent}v`);
		return `${lines.join('\n')}\n`;
	}

	it.each([700, 1100, 2000])(
		'%i levels: exit 2 and one line from suite check, run --suite and run --criteria',
		async (levels) => {
			const suite = join(dir, `deep-${levels}.yaml`);
			writeFileSync(suite, deepSuite(levels));
			expect(statSync(suite).size).toBeLessThan(8 * 1024 * 1024);
			const refused = async (argv: string[]): Promise<void> => {
				const result = await runCli(argv);
				expectOneLine({code: result.code ?? -1, stderr: result.stderr.trimEnd().split('\n')}, /nested (too deeply to read|more than 64 levels deep)/);
			};
			await refused(['suite', 'check', suite]);
			await refused(['run', '--headless', '--suite', suite]);
			const criteria = join(dir, `deep-criteria-${levels}.yaml`);
			writeFileSync(criteria, deepSuite(levels).replace(/^name: deep/, 'threads: 1'));
			await refused(['run', '--headless', '--criteria', criteria]);
		},
		60_000,
	);
});
