/**
 * A real run on a machine made busy on purpose: CPU burners (plain Node
 * processes spinning, two per core, at normal priority) run through a real
 * `llmtop run --headless` on a tiny synthetic model; the report must say the
 * machine was busy, with the evidence, and hold back the criteria other load
 * moves. Burners at twice the cores keep other processes well over the
 * 10 %-of-the-machine line whatever else runs beside the test.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import os from 'node:os';
import {afterAll, describe, expect, it} from 'vitest';
import {runWithFiles, tempDir} from './helpers.js';
import {needsBuild, needsLinux} from '../setup/skip.js';

const skip = needsBuild() || needsLinux('other processes’ CPU is read from /proc/stat');

const burners: ChildProcess[] = [];

function startBurners(count: number): void {
	for (let i = 0; i < count; i++) burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], {stdio: 'ignore'}));
}

afterAll(() => {
	for (const burner of burners) if (burner.exitCode === null && burner.signalCode === null) burner.kill('SIGKILL');
});

describe.skipIf(skip)('llmtop run on a busy machine (real run, CPU burners)', () => {
	it('the report warns busy-machine with the figures, and the CPU and timing criteria are not judged (or fail by far)', {timeout: 240_000}, async () => {
		startBurners(Math.max(2, os.availableParallelism()) * 2);
		await new Promise((resolve) => setTimeout(resolve, 500));
		let run;
		try {
			// 512 tokens a prompt: the busy judgement needs at least 1 s of the prompts phase, and the
			// smoke suite's own 24 tokens a prompt take a tiny model well under that on a fast machine.
			run = await runWithFiles(['run', '--headless', '--model', 'synthetic:tiny', '--suite', 'smoke', '--idle', '1', '--max-tokens', '512'], tempDir());
		} finally {
			for (const burner of burners) burner.kill('SIGKILL');
		}
		const {result, report} = run;
		expect([0, 1, 3], result.stderr).toContain(result.code);
		expect(report.busyMachine).toMatchObject({busy: true, figures: {window: 'prompts'}});
		expect(report.busyMachine?.overShare).toBeGreaterThan(0.25);
		expect(report.busyMachine?.figures.othersMeanPct).toBeGreaterThan(10);
		const warning = report.warnings.find((w) => w.code === 'busy-machine');
		expect(warning?.message).toMatch(/^busy machine: other processes used over 10 % of the machine for \d+ % of the prompts phase \(mean \d+ %, p90 \d+ %\)/);
		for (const id of ['active-cpu-mean', 'active-cpu-p99', 'latency-p95', 'latency-ratio', 'interactive-delay-p99']) {
			const criterion = report.criteria.find((c) => c.id === id);
			if (criterion?.status === 'fail') expect(criterion.reason).toContain('on a busy machine, but beyond 2x the limit');
			else expect(criterion).toMatchObject({status: 'skip', reason: expect.stringMatching(/^busy machine|^\d+ of \d+|^max of/)});
		}
		expect(report.criteria.some((c) => c.reason?.startsWith('busy machine') === true || c.reason?.includes('on a busy machine') === true)).toBe(true);
		expect(report.verdict).not.toBe('pass');
		expect(result.stdout).toContain('warning: busy machine: other processes used over 10 % of the machine');
		expect(result.stdout).toMatch(/ {2}other load {4}other processes used .*: busy$/m);
	});
});
