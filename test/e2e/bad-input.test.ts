import {copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {readEventsFile} from '../../src/report/events-file.js';
import type {Report} from '../../src/report/types.js';
import {aliasBomb} from '../helpers/alias-bomb.js';
import {CACHE_DIR, collect, runCli, startCli, tempDir, waitForLine} from './helpers.js';
import {needsBuild} from '../setup/skip.js';

const describeBuilt = needsBuild() ? describe.skip : describe;
const dir = tempDir('llmtop-bad-');
const TINY = 'synthetic:tiny';
const fast = ['--headless', '--idle', '0', '--suite', 'smoke', '--no-canary'];

/** One clear line on stderr, nothing else: no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
	const lines = stderr.trimEnd().split('\n');
	expect(lines, stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^llmtop: /);
	expect(lines[0]).toMatch(pattern);
	expect(stderr).not.toMatch(/\n\s+at /);
}

describeBuilt('bad input: one clear line, exit 2, no stack trace', () => {
	let tinyPath: string;

	beforeAll(async () => {
		const written = await runCli(['synth', 'tiny', '--out', join(dir, 'tiny.gguf')]);
		expect(written.code, written.stderr).toBe(0);
		tinyPath = join(dir, 'tiny.gguf');
		writeFileSync(join(dir, 'empty.gguf'), '');
		writeFileSync(join(dir, 'text.gguf'), 'this is not a model\n'.repeat(20));
		copyFileSync(tinyPath, join(dir, 'truncated.gguf'));
		truncateSync(join(dir, 'truncated.gguf'), Math.floor(statSync(tinyPath).size / 2));
		writeFileSync(join(dir, 'bad-criteria.yaml'), 'criteria:\n  idle-cpu: { max: 2 }\n  latency-p95: { maxx: 3 }\n');
		writeFileSync(join(dir, 'laughs-criteria.yaml'), `criteria:\n  idle-cpu:\n    max: 2\n${aliasBomb(9, 10, '    ')}`);
		writeFileSync(join(dir, 'laughs-suite.yaml'), `name: laughs\nprompts:\n  - id: a\n    prompt: hi\n    checks: [{contains: hi}]\n${aliasBomb(9, 10)}`);
		writeFileSync(join(dir, 'bad-suite.yaml'), 'name: x\nprompts:\n  - id: a\n    prompt: ""\n    checks: [{contains: x}]\n');
	}, 60_000);

	it.each([
		['a missing model file', ['--model', '/nonexistent/model.gguf'], /model file not found: \/nonexistent\/model\.gguf/],
		['a directory', ['--model', '/tmp'], /is a directory/],
		['a zero-byte file', ['--model', join(dir, 'empty.gguf')], /not a GGUF model file.*empty/],
		['a non-GGUF file', ['--model', join(dir, 'text.gguf')], /not a GGUF model file/],
		['a truncated file', ['--model', join(dir, 'truncated.gguf')], /truncated GGUF model file/],
		['an unknown synthetic preset', ['--model', 'synthetic:nope'], /unknown synthetic preset "nope" \(valid presets: tiny, /],
		['an unknown synthetic quant', ['--model', 'synthetic:tiny:Q9'], /unknown quantization "Q9"/],
		['a malformed hf: reference', ['--model', 'hf:only-owner'], /bad model reference "hf:only-owner"/],
		['threads 0', ['--threads', '0'], /--threads must be >= 1; got 0/],
		['negative threads', ['--threads', '-3'], /--threads must be >= 1; got -3/],
		['an unknown flag', ['--turbo'], /unknown option '--turbo' \(see llmtop run --help\)/],
		['a flag without its value', ['--report'], /option '--report <value>' needs a value/],
		['a missing criteria file', ['--criteria', join(dir, 'none.yaml')], /criteria file .*none\.yaml: file not found/],
		[
			'a malformed criteria file (key and line)',
			['--criteria', join(dir, 'bad-criteria.yaml')],
			/bad-criteria\.yaml:3: criteria\.latency-p95\.maxx: unknown key/,
		],
		['a billion-laughs criteria file', ['--criteria', join(dir, 'laughs-criteria.yaml')], /laughs-criteria\.yaml:13: YAML aliases .* \(an alias bomb\)/],
		['a billion-laughs suite file', ['--suite', join(dir, 'laughs-suite.yaml')], /laughs-suite\.yaml:15: YAML aliases .* \(an alias bomb\)/],
		['a missing suite file', ['--suite', join(dir, 'none.yaml')], /none\.yaml/],
		['a bad suite file (file:line)', ['--suite', join(dir, 'bad-suite.yaml')], /bad-suite\.yaml:4: /],
		['an unknown prompt id', ['--prompt', 'nope'], /unknown prompt id "nope"/],
		['a report in a missing directory', ['--report', '/nonexistent/dir/r.json'], /--report \/nonexistent\/dir\/r\.json: the directory does not exist/],
		['an events file that is a directory', ['--events', '/tmp'], /--events \/tmp: is a directory/],
		['a missing baseline report', ['--baseline', join(dir, 'none.json')], /none\.json/],
		['a baseline that is not a report', ['--baseline', join(dir, 'text.gguf')], /text\.gguf: /],
	])('%s', async (_name, args, pattern) => {
		const result = await runCli(['run', ...fast, '--model', TINY, ...args]);
		expectOneLine(result.stderr, pattern);
		expect(result.code).toBe(2);
	});

	it('an unknown command', async () => {
		const result = await runCli(['frobnicate']);
		expectOneLine(result.stderr, /unknown command 'frobnicate' \(commands: run, try, /);
		expect(result.code).toBe(2);
	});

	it('a context smaller than a prompt stops the run with exit 2 and keeps what was measured', async () => {
		const reportPath = join(dir, 'ctx.json');
		const result = await runCli(['run', '--headless', '--idle', '0', '--no-canary', '--model', TINY, '--context-size', '256', '--report', reportPath]);
		expectOneLine(result.stderr, /needs \d+ tokens but the context holds 256 \(raise --context-size\)/);
		expect(result.code).toBe(2);
		const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
		expect(report.complete).toBe(false);
		expect(report.endReason).toBe('error');
		expect(report.prompts.some((prompt) => prompt.status === 'error')).toBe(true);
	});

	it('hf: with no network gives up with a clear error instead of hanging', async () => {
		const result = await runCli(['run', ...fast, '--model', 'hf:nobody/nothing-GGUF:Q4_K_M'], {
			env: {...process.env, LLMTOP_CACHE_DIR: CACHE_DIR, NODE_LLAMA_CPP_MODELS_DIR: dir},
		});
		expect(result.code).toBe(2);
		expectOneLine(result.stderr, /hf:nobody\/nothing-GGUF/);
	}, 60_000);
});

describeBuilt('interrupted runs keep what was measured', () => {
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
	] as const)('%s mid-run writes the partial report and events and exits %i', async (signal, code) => {
		const reportPath = join(dir, `${signal}.json`);
		const eventsPath = join(dir, `${signal}.jsonl`);
		const child = startCli([
			'run',
			'--headless',
			'--idle',
			'60',
			'--no-canary',
			'--model',
			TINY,
			'--suite',
			'smoke',
			'--report',
			reportPath,
			'--events',
			eventsPath,
		]);
		const done = collect(child);
		await waitForLine(child, /loaded in/);
		child.kill(signal);
		const result = await done;
		expect(result.code).toBe(code);
		expect(result.stderr).toBe('');
		const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
		expect(report.complete).toBe(false);
		expect(report.endReason).toBe(signal === 'SIGINT' ? 'interrupted' : 'terminated');
		const {events} = readEventsFile(eventsPath);
		expect(events.at(-1)).toMatchObject({type: 'run-end', complete: false});
		expect(events.filter((event) => event.type === 'sample').length).toBeGreaterThan(0);
	});

	it('a reader closing stdout ends llmtop quietly and keeps the report', async () => {
		const reportPath = join(dir, 'pipe.json');
		const child = startCli(['run', '--headless', '--idle', '2', '--no-canary', '--model', TINY, '--suite', 'smoke', '--report', reportPath]);
		const done = collect(child);
		await waitForLine(child, /loaded in/);
		child.stdout?.destroy();
		const result = await done;
		expect(result.stderr).toBe('');
		expect(result.code).toBe(141);
		expect(existsSync(reportPath)).toBe(true);
	});
});
