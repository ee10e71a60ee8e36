/**
 * `llmtop sweep` in a terminal: the built CLI in a tmux pane, two tiny
 * configurations. The view fills in one row per configuration (the running
 * one with its live figures); Ctrl+C in the terminal stops the sweep, which
 * stops its child (in a process group of its own) and keeps what finished.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {SweepSummary} from '../../src/sweep/summary.js';
import {CACHE_DIR, tempDir} from './helpers.js';
import {needsBuild, needsTmux} from '../setup/skip.js';
import {exitCodeOf, Tmux} from './tmux.js';

const skip = needsTmux() || needsBuild();
const tmux = new Tmux('llmtop-sweep-e2e');

/** Pids of `llmtop run` children writing into `dir` (not the pane's shell, whose command line names it too). */
function processesUsing(dir: string): number[] {
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((entry) => {
			try {
				const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
				return cmdline.includes(dir) && cmdline.includes('\0run\0--headless\0');
			} catch {
				return false;
			}
		})
		.map(Number);
}

describe.skipIf(skip)('llmtop sweep view in tmux', () => {
	afterAll(() => tmux.kill());

	it('one row per configuration filling in, live figures for the running one; Ctrl+C keeps the finished ones', async () => {
		const dir = tempDir('llmtop-sweep-tui-');
		const out = join(dir, 'out');
		const exitFile = join(dir, 'exit');
		tmux.start(
			'sweep',
			`node dist/src/cli.js sweep --model synthetic:tiny:Q8_0,synthetic:tiny:Q4_0 --threads 1 --idle 3 --quiet-wait 0 --out-dir ${JSON.stringify(out)}`,
			exitFile,
			`LLMTOP_CACHE_DIR=${JSON.stringify(CACHE_DIR)} NO_COLOR=1`,
		);
		const running = await tmux.waitFor(
			'sweep',
			'the first row running with live figures',
			(pane) => /^tiny:Q8_0 +running +\S+ {2}prompts \d\/4 {2}CPU/m.test(pane),
			90_000,
		);
		expect(running).toMatch(/^llmtop sweep -> .*\(2 configurations; Ctrl\+C stops, finished ones are kept\)$/m);
		expect(running).toMatch(/^tiny:Q4_0 +not-run/m);
		const second = await tmux.waitFor('sweep', 'the second row running', (pane) => /^tiny:Q4_0 +(running|waiting)/m.test(pane), 90_000);
		expect(second).toMatch(/^1\/2 done {2}ETA \d+:\d\d$/m);
		expect(second).toMatch(/^tiny:Q8_0 +(pass|fail|inconclusive) +CPU [\d.]+ % {2}RSS/m);
		tmux.keys('sweep', 'C-c');
		expect(await exitCodeOf(exitFile, 60_000)).toBe(130);
		const summary = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as SweepSummary;
		expect(summary.complete).toBe(false);
		expect(summary.configurations.map((r) => r.status)).toEqual([
			expect.stringMatching(/^(pass|fail|inconclusive)$/),
			expect.stringMatching(/^(interrupted|not-run)$/),
		]);
		expect(processesUsing(out)).toEqual([]);
	}, 240_000);
});
