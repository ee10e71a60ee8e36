import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {COMMANDS} from '../../src/cli/main.js';
import {cliEnv, ROOT, runCli} from './helpers.js';
import {needsBuild} from '../setup/skip.js';

const describeBuilt = needsBuild() ? describe.skip : describe;

/** Runs `npm start -- ARGS` in the repository, as the README tells a new user to. */
function npmStart(args: string[]): {status: number | null; stdout: string; stderr: string} {
	const result = spawnSync('npm', ['start', '--silent', '--', ...args], {cwd: ROOT, env: cliEnv(), encoding: 'utf8', timeout: 60_000});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describeBuilt('the commands as the README gives them (issue 15 item 8)', () => {
	it.each([['try'], ['compare'], ['replay'], ['run']])('npm start -- %s --help works', (command) => {
		const result = npmStart([command, '--help']);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`usage: llmtop ${command}`));
	});

	it('npm start -- --help lists every command', () => {
		const result = npmStart(['--help']);
		expect(result.status).toBe(0);
		for (const command of COMMANDS) expect(result.stdout).toContain(`llmtop ${command === 'run' ? '[run]' : command}`);
	});

	it('an unknown command points at llmtop --help', async () => {
		const result = await runCli(['tryy']);
		expect(result.code).toBe(2);
		expect(result.stderr.trim()).toMatch(/^llmtop: unknown command 'tryy' .*see llmtop --help$/);
	});
});
