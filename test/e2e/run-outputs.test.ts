import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Report} from '../../src/report/types.js';
import {collect, runCli, startCli, tempDir, waitForLine} from './helpers.js';
import {needsBuild, needsLinux} from '../setup/skip.js';

const describeBuilt = needsBuild() ? describe.skip : describe;
const dir = tempDir('llmtop-outputs-');

describeBuilt('run outputs beyond the report', () => {
	it('--learnings appends an experiment-log entry built from the measured numbers', async () => {
		const log = join(dir, 'LEARNINGS.md');
		writeFileSync(log, '# Our experiments\n\nearlier notes\n');
		const result = await runCli([
			'run',
			'--headless',
			'--idle',
			'0.5',
			'--no-canary',
			'--model',
			'synthetic:tiny',
			'--suite',
			'smoke',
			'--learnings',
			log,
			'--report',
			join(dir, 'l.json'),
			'--events',
			join(dir, 'l.ndjson'),
		]);
		expect(result.stderr).toBe('');
		// The summary says where the report and events went (issue 15 item 10).
		expect(result.stdout).toContain(`\n  saved         report ${join(dir, 'l.json')} · events ${join(dir, 'l.ndjson')}\n`);
		expect(readFileSync(join(dir, 'l.ndjson'), 'utf8')).toContain('"type":"run-end"');
		const text = readFileSync(log, 'utf8');
		const report = JSON.parse(readFileSync(join(dir, 'l.json'), 'utf8')) as Report;
		expect(text.startsWith('# Our experiments\n\nearlier notes\n')).toBe(true);
		expect(text).toContain('synthetic tiny');
		expect(text).toContain(report.model.quantization!);
		expect(text).toMatch(/correctness/i);
	});

	it('--load with --baseline reports both directions', async () => {
		const baseline = join(dir, 'baseline.json');
		const quiet = await runCli([
			'run',
			'--headless',
			'--idle',
			'1',
			'--no-canary',
			'--model',
			'synthetic:tiny',
			'--suite',
			'smoke',
			'--max-tokens',
			'64',
			'--report',
			baseline,
		]);
		expect(quiet.stderr).toBe('');
		const loaded = await runCli([
			'run',
			'--headless',
			'--idle',
			'1',
			'--no-canary',
			'--model',
			'synthetic:tiny',
			'--suite',
			'smoke',
			'--max-tokens',
			'64',
			'--load',
			'1',
			'--baseline',
			baseline,
			'--report',
			join(dir, 'loaded.json'),
		]);
		expect(loaded.stderr).toBe('');
		const report = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as Report;
		expect(report.metrics.loadWorkers?.idleOpsPerSec).toBeGreaterThan(0);
		expect(report.config['loadWorkers']).toBe(1);
		expect(loaded.stdout).toMatch(/load workers .* ops\/s idle/);
		expect(loaded.stdout).toMatch(/decode/i);
		expect(loaded.stdout).toContain(baseline);
	}, 60_000);

	it('try reads prompts from stdin when it is not a terminal, one row each', async () => {
		const reportPath = join(dir, 'try.json');
		const result = await runCli(['try', '--no-canary', '--model', 'synthetic:tiny', '--max-tokens', '16', '--report', reportPath], {
			input: 'What is 2+2?\nName a colour.\n',
		});
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^\[1\] try-1 /m);
		expect(result.stdout).toMatch(/^\[2\] try-2 /m);
		const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
		expect(report.mode).toBe('try');
		expect(report.prompts.map((prompt) => [prompt.id, prompt.outputTokens])).toEqual([
			['try-1', 16],
			['try-2', 16],
		]);
		// Each answer follows its costs line, under its prompt (issue 15 item 10).
		const out = result.stdout.split('\n');
		for (const [index, prompt] of report.prompts.entries()) {
			const costs = out.findIndex((line) => line.startsWith(`[${index + 1}] ${prompt.id} `));
			expect(out[costs]).toMatch(/ output 16 tok .* E2E /);
			expect(out[costs + 1]).toBe(`  > ${index === 0 ? 'What is 2+2?' : 'Name a colour.'}`);
			const words = prompt.response.trim().split(/\s+/).filter(Boolean);
			const answer = out
				.slice(
					costs + 2,
					out.findIndex((line, at) => at > costs + 1 && line !== '' && !line.startsWith('  ')),
				)
				.join(' ');
			if (words.length === 0) expect(answer).toMatch(/^ {2}\((no answer|a blank answer: only whitespace)\)$/);
			else expect(answer.split(/\s+/).filter(Boolean)).toEqual(words);
		}
	});
});

/** Nice value of every thread of `pid` (field 19 of /proc/PID/task/TID/stat). */
function threadNice(pid: number): Map<number, number> {
	const nice = new Map<number, number>();
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
		nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
	}
	return nice;
}

describe.skipIf(needsBuild() || needsLinux('thread nice values are read from Linux /proc'))('the observer yields to the model', () => {
	it("runs llmtop's own thread 10 nice steps below the model threads, and records it", async () => {
		const reportPath = join(dir, 'nice.json');
		const child = startCli([
			'run',
			'--headless',
			'--idle',
			'2',
			'--no-canary',
			'--model',
			'synthetic:tiny',
			'--suite',
			'smoke',
			'--nice',
			'3',
			'--report',
			reportPath,
		]);
		const done = collect(child);
		await waitForLine(child, /loaded in/);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const nice = threadNice(child.pid!);
		const base = os.getPriority();
		expect(nice.get(child.pid!)).toBe(Math.min(19, base + 10));
		const others = [...nice].filter(([tid]) => tid !== child.pid).map(([, value]) => value);
		expect(others.length).toBeGreaterThan(0);
		expect(new Set(others)).toEqual(new Set([3]));
		await done;
		const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
		expect(report.config['observerNice']).toBe(Math.min(19, base + 10));
		expect(report.config['nice']).toBe(3);
	});
});
