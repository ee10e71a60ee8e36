/**
 * `replay` and `compare` in a real terminal (tmux): the replay dashboard
 * pauses on `p` (frames stop changing), resumes, quits on `q` with the
 * recorded run's exit code and the rebuilt report; `compare` prints its Ink
 * view with colour and symbols. Skipped without tmux or a built CLI.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readEventsFile} from '../../src/report/events-file.js';
import {reportFromEvents} from '../../src/report/report.js';
import {built, ROOT, tempDir} from './helpers.js';

const SOCKET = `llmtop-replay-e2e-${process.pid}`;
const hasTmux = spawnSync('tmux', ['-V'], {encoding: 'utf8'}).status === 0;
const EVENTS = join(ROOT, 'test', 'fixtures', 'events', 'tiny-smoke.jsonl');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tmux(...args: string[]): string {
	const result = spawnSync('tmux', ['-L', SOCKET, ...args], {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
	return result.stdout;
}

function start(name: string, command: string, exitFile: string, env = ''): void {
	const shell = `cd ${JSON.stringify(ROOT)} && ${env} ${command}; echo EXIT=$? > ${JSON.stringify(exitFile)}; echo DONE; sleep 600`;
	tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '36', shell);
}

const capture = (name: string): string => tmux('capture-pane', '-p', '-t', name);

async function waitFor(name: string, what: string, test: (pane: string) => boolean, timeoutMs = 30_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let pane = '';
	while (Date.now() < deadline) {
		pane = capture(name);
		if (test(pane)) return pane;
		await sleep(200);
	}
	throw new Error(`timed out waiting for ${what}; pane:\n${pane}`);
}

async function exitCode(exitFile: string): Promise<number> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const match = existsSync(exitFile) ? /EXIT=(\d+)/.exec(readFileSync(exitFile, 'utf8')) : null;
		if (match) return Number(match[1]);
		await sleep(200);
	}
	throw new Error('llmtop did not exit');
}

describe.skipIf(!hasTmux || !built)('replay and compare in a terminal', () => {
	const dir = tempDir('llmtop-replay-tui-');

	afterAll(() => {
		spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
	});

	it('replay: p pauses and resumes the playback, q quits with the recorded verdict and writes the rebuilt report', async () => {
		const report = join(dir, 'replayed.json');
		const exitFile = join(dir, 'replay.exit');
		start('replay', `node dist/src/cli.js replay ${JSON.stringify(EVENTS)} --speed 0.1 --report ${JSON.stringify(report)}`, exitFile, 'NO_COLOR=1');
		await waitFor('replay', 'the replay dashboard', (pane) => pane.startsWith('llmtop replay') && pane.includes('phase load'));
		tmux('send-keys', '-t', 'replay', 'p');
		// Past the idle frame interval (4 s): a frame already due for events fed before the pause is drawn by then.
		await sleep(4500);
		const paused = capture('replay');
		// Longer than the dashboard's idle frame interval (4 s): unpaused, new samples would have been drawn by then.
		await sleep(4500);
		expect(capture('replay')).toBe(paused);
		tmux('send-keys', '-t', 'replay', 'p');
		await waitFor('replay', 'playback to go on', (pane) => pane !== paused && pane.startsWith('llmtop replay'));
		tmux('send-keys', '-t', 'replay', 'q');
		expect(await exitCode(exitFile)).toBe(1);
		const after = await waitFor('replay', 'the summary', (pane) => pane.includes('DONE'));
		expect(after).toContain('verdict: FAIL');
		expect(tmux('display-message', '-p', '-t', 'replay', '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
		expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual(JSON.parse(JSON.stringify(reportFromEvents(readEventsFile(EVENTS).events))));
	});

	it('compare: the Ink view marks regressions with a symbol and colour; exit 1', async () => {
		const exitFile = join(dir, 'compare.exit');
		const fixture = (name: string) => JSON.stringify(join(ROOT, 'test', 'fixtures', 'reports', `${name}.json`));
		start('compare', `node dist/src/cli.js compare ${fixture('base')} ${fixture('regressed')}`, exitFile, 'FORCE_COLOR=1');
		expect(await exitCode(exitFile)).toBe(1);
		const pane = tmux('capture-pane', '-p', '-e', '-S', '-300', '-t', 'compare');
		const first = pane.indexOf('✗ B: CPU active mean');
		expect(first).toBeGreaterThan(0);
		expect(pane.slice(Math.max(0, first - 40), first)).toMatch(/\u001B\[[0-9;]*31[0-9;]*m/);
		expect(pane).toContain('✗ B: E2E p95 26.2 ms → 34.1 ms (+7.9 ms, +30.0 %)');
	});
});
