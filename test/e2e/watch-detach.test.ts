/**
 * `llmtop run --detach` end to end with a tiny synthetic model: it returns at
 * once with the paths and the watch command, the run goes on in its own
 * session, and `llmtop watch` without a path follows it to the end with the
 * verdict of the report it writes. Skipped without a built CLI.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CACHE_DIR, cliEnv, runCli, tempDir} from './helpers.js';
import {needsBuild} from '../setup/skip.js';

describe.skipIf(needsBuild())('run --detach and watch without a path', () => {
	it('detaches, writes under $XDG_STATE_HOME, and the newest run is watched to its end', async () => {
		const state = tempDir('llmtop-detach-');
		const env = cliEnv({XDG_STATE_HOME: state, LLMTOP_CACHE_DIR: CACHE_DIR});
		const started = await runCli(['run', '--detach', '--model', 'synthetic:tiny', '--suite', 'smoke', '--idle', '1'], {env});
		expect(started.code).toBe(0);
		const events = /events {2}(\S+)/.exec(started.stdout)?.[1] ?? '';
		const report = /report {2}(\S+)/.exec(started.stdout)?.[1] ?? '';
		expect(events.startsWith(join(state, 'llmtop', 'runs'))).toBe(true);
		expect(started.stdout).toContain(`watch it: llmtop watch ${events}`);
		const pid = Number(/PID (\d+)/.exec(started.stdout)?.[1]);
		expect(pid).toBeGreaterThan(0);

		const watched = await runCli(['watch', '--headless', '--wait', '60'], {env});
		expect(watched.stderr).toContain(`llmtop: watching the newest run: ${events}`);
		expect(watched.stdout).toMatch(/verdict: (PASS|FAIL|INCONCLUSIVE)/);
		// The run's own report, written by the detached process, has the verdict the watcher exits with.
		for (let i = 0; i < 50 && !existsSync(report); i++) await new Promise((resolve) => setTimeout(resolve, 100));
		const verdict = (JSON.parse(readFileSync(report, 'utf8')) as {verdict: string}).verdict;
		expect(watched.code).toBe({pass: 0, fail: 1, inconclusive: 3}[verdict]);
		expect(readFileSync(events, 'utf8')).toContain('"run-end"');
	}, 120_000);
});
