/**
 * The dashboard end to end: the built `llmtop` in a tmux pane on the `tiny`
 * synthetic model. Skipped when tmux is missing or `dist/` has no CLI wired
 * to the dashboard yet (run `npm run build` first).
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli.js');
const SOCKET = `llmtop-e2e-${process.pid}`;

function hasTmux(): boolean {
	return spawnSync('tmux', ['-V'], {encoding: 'utf8'}).status === 0;
}

/** The built CLI exists and mounts the dashboard somewhere in its code. */
function cliWithDashboard(): boolean {
	if (!fs.existsSync(CLI)) return false;
	const files = [CLI, ...listJs(path.join(ROOT, 'dist/src/cli'))];
	return files.some(file => fs.readFileSync(file, 'utf8').includes('startDashboard'));
}

function listJs(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir).filter(name => name.endsWith('.js')).map(name => path.join(dir, name));
}

const skip = !hasTmux() || !cliWithDashboard();

function tmux(...args: string[]): string {
	const result = spawnSync('tmux', ['-L', SOCKET, ...args], {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
	return result.stdout;
}

let session = 'e2e';
const capture = (): string => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(what: string, test: (pane: string) => boolean, timeoutMs = 60_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let pane = '';
	while (Date.now() < deadline) {
		pane = capture();
		if (test(pane)) return pane;
		await sleep(250);
	}
	throw new Error(`timed out waiting for ${what}; pane:\n${pane}`);
}

/** Starts `command` in a new 120x36 pane (session `name`), recording its exit code in `exitFile`. */
function start(name: string, command: string, exitFile: string): void {
	session = name;
	const shell = `cd ${JSON.stringify(ROOT)} && ${command}; echo EXIT=$? > ${JSON.stringify(exitFile)}; echo DONE; sleep 600`;
	tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '36', shell);
}

async function exitCode(exitFile: string): Promise<number> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (fs.existsSync(exitFile)) {
			const match = /EXIT=(\d+)/.exec(fs.readFileSync(exitFile, 'utf8'));
			if (match) return Number(match[1]);
		}
		await sleep(200);
	}
	throw new Error('llmtop did not exit');
}

function linesOf(pane: string): string[] {
	return pane.replace(/\n+$/, '').split('\n');
}

describe.skipIf(skip)('llmtop dashboard in tmux', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmtop-e2e-'));

	afterAll(() => {
		spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
		fs.rmSync(dir, {recursive: true, force: true});
	});

	it('run: full at 120x36, compact after a resize to 80x24, q writes the partial report and restores the terminal', async () => {
		const report = path.join(dir, 'run.json');
		const exitFile = path.join(dir, 'run.exit');
		start('run', `node dist/src/cli.js run --model synthetic:tiny --idle 30 --report ${JSON.stringify(report)}`, exitFile);
		const first = await waitFor('the full dashboard, model loaded', pane => pane.includes('phase idle-before') && pane.includes('criteria:') && /┌─+┬/.test(pane) && /\d+%┤/.test(pane));
		expect(first).toContain('llmtop run');
		expect(first).toMatch(/CPU\s/);
		expect(first).toMatch(/RSS\s/);
		const later = await waitFor('the dashboard to change', pane => pane !== first && pane.includes('criteria:'), 20_000);
		expect(later).not.toBe(first);

		tmux('resize-window', '-t', session, '-x', '80', '-y', '24');
		const compact = await waitFor('the compact layout', pane => !pane.includes('criteria:') && pane.includes('q quit') && /┌─+┬/.test(pane), 20_000);
		const lines = linesOf(compact);
		expect(lines.length).toBeLessThanOrEqual(23);
		expect(lines[0]).toMatch(/^llmtop run/);
		expect(lines.at(-1)).toMatch(/^q quit/);

		tmux('send-keys', '-t', session, 'q');
		expect(await exitCode(exitFile)).toBe(130);
		const after = await waitFor('the shell output', pane => pane.includes('DONE'));
		expect(after).not.toContain('q quit · p pause');
		expect(after).not.toMatch(/\d+%┤/);
		expect(tmux('display-message', '-p', '-t', session, '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
		const written = JSON.parse(fs.readFileSync(report, 'utf8')) as {complete: boolean};
		expect(written.complete).toBe(false);
	});

	it('try: a typed prompt runs and adds a row; Ctrl+S saves a report; Ctrl+Q quits and restores the terminal', async () => {
		const exitFile = path.join(dir, 'try.exit');
		const report = path.join(dir, 'try.json');
		start('try', `node dist/src/cli.js try --model synthetic:tiny --max-tokens 16 --report ${JSON.stringify(report)}`, exitFile);
		await waitFor('the try input line', pane => pane.includes('try ›') && pane.includes('criteria:'));
		tmux('send-keys', '-t', session, '-l', 'hello there');
		await waitFor('the typed text', pane => pane.includes('hello there█'), 10_000);
		tmux('send-keys', '-t', session, 'Enter');
		const ran = await waitFor('the tryout row', pane => /│[^│\n]*✓ ok/.test(pane), 30_000);
		expect(ran).toContain('> hello there');
		tmux('send-keys', '-t', session, 'C-s');
		await waitFor('the saved notice', pane => pane.includes('saved to'), 10_000);
		const saved = JSON.parse(fs.readFileSync(report, 'utf8')) as {mode: string; prompts: {id: string; status: string}[]};
		expect(saved.mode).toBe('try');
		expect(saved.prompts.map(prompt => [prompt.id, prompt.status])).toEqual([['try-1', 'ok']]);
		tmux('send-keys', '-t', session, 'C-q');
		expect([0, 1]).toContain(await exitCode(exitFile));
		const after = await waitFor('the shell output', pane => pane.includes('DONE'));
		expect(after).not.toContain('try ›');
		expect(tmux('display-message', '-p', '-t', session, '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
	});
});
