/**
 * `llmtop watch` in a real terminal (tmux) following a live writer (a
 * process appending a recorded run at half its pace, holding the events
 * lock): the clock and charts move while it is live, the footer shows the
 * writer's state and the watcher's CPU, the final screen equals replay's
 * (but for the command name in the title and the footer), and q leaves with
 * the run's verdict. A second case kills the writer: "writer gone". Skipped
 * without tmux or a built CLI.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {ROOT, tempDir} from './helpers.js';
import {needsBuild, needsTmux} from '../setup/skip.js';
import {exitCodeOf, sleep, Tmux} from './tmux.js';

const EVENTS = join(ROOT, 'test', 'fixtures', 'events', 'tiny-smoke.jsonl');
const WRITER = join(ROOT, 'test', 'helpers', 'events-writer.mjs');
const tmux = new Tmux('llmtop-watch-e2e');
const writers: ChildProcess[] = [];

function startWriter(dst: string, speed: number, stopAfter?: number): ChildProcess {
	const child = spawn(process.execPath, [WRITER, EVENTS, dst, String(speed), ...(stopAfter === undefined ? [] : [String(stopAfter)])], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	writers.push(child);
	return child;
}

/** The screen without its title line and footer (which name the command and its keys). */
const body = (pane: string): string =>
	pane
		.split('\n')
		.slice(1)
		.filter((line) => !/^(watch ·|q quit|\? help)/.test(line))
		.join('\n')
		.trimEnd();
const clock = (pane: string): string | undefined => /· (\d+:\d\d) ·/.exec(pane)?.[1];

describe.skipIf(needsTmux() || needsBuild())('llmtop watch in a terminal', () => {
	const dir = tempDir('llmtop-watch-tui-');
	afterAll(() => tmux.kill());
	afterEach(() => {
		for (const child of writers.splice(0)) if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
	});

	it('follows a live run: clock and charts move, live then ended, final screen as replay, q exits with the verdict', async () => {
		const path = join(dir, 'live.jsonl');
		startWriter(path, 0.5);
		const exitFile = join(dir, 'watch.exit');
		tmux.start('watch', `node dist/src/cli.js watch ${JSON.stringify(path)}`, exitFile, 'NO_COLOR=1');
		const early = await tmux.waitFor(
			'watch',
			'a live watcher',
			(pane) => pane.startsWith('llmtop watch') && /watch · live \(PID \d+\) · last event [\d.]+ s ago · watcher CPU [\d.]+%/.test(pane),
		);
		const later = await tmux.waitFor(
			'watch',
			'the clock to move',
			(pane) => clock(pane) !== undefined && clock(pane) !== clock(early) && body(pane) !== body(early),
		);
		expect(later).toContain('watch · live');
		const final = await tmux.waitFor('watch', 'the run to end', (pane) => pane.includes('watch · ended'));
		expect(final).toContain('ENDED');

		const replayExit = join(dir, 'replay.exit');
		tmux.start('replay', `node dist/src/cli.js replay ${JSON.stringify(EVENTS)} --speed 0`, replayExit, 'NO_COLOR=1');
		await tmux.waitFor('replay', 'the replay final screen', (pane) => pane.includes('ENDED'));
		// Both screens settled (a capture can land between two writes of a frame): the same body, or the diff shows.
		let watched = final;
		let replayed = '';
		for (let i = 0; i < 20 && body(watched) !== body(replayed); i++) {
			await sleep(250);
			watched = tmux.capture('watch');
			replayed = tmux.capture('replay');
		}
		expect(body(watched)).toBe(body(replayed));
		tmux.keys('replay', 'q');

		tmux.keys('watch', 'q');
		expect(await exitCodeOf(exitFile)).toBe(1);
		const after = await tmux.waitFor('watch', 'the summary', (pane) => pane.includes('DONE'));
		expect(after).toContain('verdict: FAIL');
		expect(tmux.terminalState('watch')).toBe('0 1');
	});

	it('says "writer gone" on the dashboard within a few seconds of the writer dying', async () => {
		const path = join(dir, 'killed.jsonl');
		const writer = startWriter(path, 1, 60);
		await new Promise<void>((resolve) => writer.stdout?.once('data', () => resolve()));
		const exitFile = join(dir, 'gone.exit');
		tmux.start('gone', `node dist/src/cli.js watch ${JSON.stringify(path)}`, exitFile, 'NO_COLOR=1');
		await tmux.waitFor('gone', 'a live watcher', (pane) => pane.includes('watch · live'));
		process.kill(writer.pid ?? 0, 'SIGKILL');
		const pane = await tmux.waitFor('gone', 'writer gone', (text) => text.includes('watch · writer gone') && text.includes('no longer running'), 10_000);
		expect(pane).toMatch(/writer gone: PID \d+ is no longer running and wrote no run-end/);
		tmux.keys('gone', 'q');
		expect(await exitCodeOf(exitFile)).toBe(1);
	});
});
