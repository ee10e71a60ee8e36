import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Report} from '../../src/report/types.js';
import {built, runCli, tempDir} from './helpers.js';

const describeBuilt = built ? describe : describe.skip;
const dir = tempDir('llmtop-outputs-');

describeBuilt('run outputs beyond the report', () => {
	it('--learnings appends an experiment-log entry built from the measured numbers', async () => {
		const log = join(dir, 'LEARNINGS.md');
		writeFileSync(log, '# Our experiments\n\nearlier notes\n');
		const result = await runCli(['run', '--headless', '--idle', '0.5', '--no-canary', '--model', 'synthetic:tiny', '--suite', 'smoke', '--learnings', log, '--report', join(dir, 'l.json')]);
		expect(result.stderr).toBe('');
		const text = readFileSync(log, 'utf8');
		const report = JSON.parse(readFileSync(join(dir, 'l.json'), 'utf8')) as Report;
		expect(text.startsWith('# Our experiments\n\nearlier notes\n')).toBe(true);
		expect(text).toContain('synthetic tiny');
		expect(text).toContain(report.model.quantization!);
		expect(text).toMatch(/correctness/i);
	});

	it('--load with --baseline reports both directions', async () => {
		const baseline = join(dir, 'baseline.json');
		const quiet = await runCli(['run', '--headless', '--idle', '1', '--no-canary', '--model', 'synthetic:tiny', '--suite', 'smoke', '--max-tokens', '64', '--report', baseline]);
		expect(quiet.stderr).toBe('');
		const loaded = await runCli(['run', '--headless', '--idle', '1', '--no-canary', '--model', 'synthetic:tiny', '--suite', 'smoke', '--max-tokens', '64', '--load', '1', '--baseline', baseline, '--report', join(dir, 'loaded.json')]);
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
		const result = await runCli(['try', '--no-canary', '--model', 'synthetic:tiny', '--max-tokens', '16', '--report', reportPath], {input: 'What is 2+2?\nName a colour.\n'});
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^\[1\] try-1 /m);
		expect(result.stdout).toMatch(/^\[2\] try-2 /m);
		const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
		expect(report.mode).toBe('try');
		expect(report.prompts.map((prompt) => [prompt.id, prompt.outputTokens])).toEqual([['try-1', 16], ['try-2', 16]]);
	});
});
