/**
 * `replay` and `compare` in a real terminal (tmux): the replay dashboard
 * pauses on `p` (frames stop changing, the header says PAUSED with the speed
 * and the position), resumes, quits on `q` with the
 * recorded run's exit code and the rebuilt report; `compare` prints its Ink
 * view with colour and symbols. Skipped without tmux or a built CLI.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readEventsFile} from '../../src/report/events-file.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import {ROOT, tempDir} from './helpers.js';
import {needsBuild, needsTmux} from '../setup/skip.js';
import {exitCodeOf, sleep, Tmux} from './tmux.js';

const EVENTS = join(ROOT, 'test', 'fixtures', 'events', 'tiny-smoke.jsonl');
const tmux = new Tmux('llmtop-replay-e2e');

describe.skipIf(needsTmux() || needsBuild())('replay and compare in a terminal', () => {
	const dir = tempDir('llmtop-replay-tui-');

	afterAll(() => tmux.kill());

	it('replay: p pauses and resumes the playback, q quits with the recorded verdict and writes the rebuilt report', async () => {
		const report = join(dir, 'replayed.json');
		const exitFile = join(dir, 'replay.exit');
		tmux.start('replay', `node dist/src/cli.js replay ${JSON.stringify(EVENTS)} --speed 0.1 --report ${JSON.stringify(report)}`, exitFile, 'NO_COLOR=1');
		await tmux.waitFor('replay', 'the replay dashboard', (pane) => pane.startsWith('llmtop replay') && pane.includes('phase load'));
		tmux.keys('replay', 'p');
		// Past the idle frame interval (4 s): a frame already due for events fed before the pause is drawn by then.
		await sleep(4500);
		const paused = tmux.capture('replay');
		// The header says so, with the speed and the position (played / total run time).
		expect(paused).toMatch(/^PAUSED · verdict \w+ · phase \w+.* · \d:\d\d \/ \d:\d\d x0\.1 · /m);
		expect(paused).toContain('p resume');
		// Longer than the dashboard's idle frame interval (4 s): unpaused, new samples would have been drawn by then.
		await sleep(4500);
		expect(tmux.capture('replay')).toBe(paused);
		tmux.keys('replay', 'p');
		await tmux.waitFor('replay', 'playback to go on', (pane) => pane !== paused && pane.startsWith('llmtop replay'));
		tmux.keys('replay', 'q');
		expect(await exitCodeOf(exitFile)).toBe(1);
		const after = await tmux.waitFor('replay', 'the summary', (pane) => pane.includes('DONE'));
		expect(after).toContain('verdict: FAIL');
		expect(tmux.terminalState('replay')).toBe('0 1');
		expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual(JSON.parse(JSON.stringify(reportFromEvents(readEventsFile(EVENTS).events))));
	});

	it('replay under CI=true in a terminal: lines instead of a blank dashboard, and one line saying why', async () => {
		const exitFile = join(dir, 'replay-ci.exit');
		tmux.start('replay-ci', `node dist/src/cli.js replay ${JSON.stringify(EVENTS)} --speed 0`, exitFile, 'NO_COLOR=1 CI=true');
		expect(await exitCodeOf(exitFile)).toBe(1);
		const pane = tmux.run('capture-pane', '-p', '-S', '-300', '-t', 'replay-ci');
		expect(pane).toContain('llmtop: CI=true is set, so lines instead of the dashboard');
		expect(pane).toContain('verdict: FAIL');
		expect(pane).not.toContain('llmtop replay');
		expect(tmux.terminalState('replay-ci')).toBe('0 1');
	});

	it('compare: the Ink view marks regressions with a symbol and colour; exit 1', async () => {
		const exitFile = join(dir, 'compare.exit');
		const fixture = (name: string) => JSON.stringify(join(ROOT, 'test', 'fixtures', 'reports', `${name}.json`));
		tmux.start('compare', `node dist/src/cli.js compare ${fixture('base')} ${fixture('regressed')}`, exitFile, 'FORCE_COLOR=1');
		expect(await exitCodeOf(exitFile)).toBe(1);
		const pane = tmux.run('capture-pane', '-p', '-e', '-S', '-300', '-t', 'compare');
		const first = pane.indexOf('✗ B: CPU active mean');
		expect(first).toBeGreaterThan(0);
		expect(pane.slice(Math.max(0, first - 40), first)).toMatch(/\u001B\[[0-9;]*31[0-9;]*m/);
		expect(pane).toContain('✗ B: E2E p95 26.2 ms → 34.1 ms (+7.9 ms, +30.0 %)');
	});
});
