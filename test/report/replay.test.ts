import {spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseEvents, readEventsFile} from '../../src/report/events-file.js';
import {ReplaySchedule} from '../../src/report/replay.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import type {Report} from '../../src/report/types.js';
import type {RunEvent} from '../../src/run/events.js';
import {runInProcess} from '../cli/in-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'llmtop-replay-'));

const at = (...ts: number[]): RunEvent[] => ts.map((t) => ({type: 'phase', t, name: 'prompts'}));
const times = (events: readonly RunEvent[]): number[] => events.map((event) => event.t);

describe('ReplaySchedule', () => {
	it('plays events at their recorded times, speed 1', () => {
		const schedule = new ReplaySchedule(at(0, 100, 250, 1000));
		expect(times(schedule.take(5000))).toEqual([0]);
		expect(schedule.delayUntilNext(5000)).toBe(100);
		expect(times(schedule.take(5099))).toEqual([]);
		expect(times(schedule.take(5100))).toEqual([100]);
		expect(times(schedule.take(5300))).toEqual([250]);
		expect(schedule.delayUntilNext(5300)).toBe(700);
		expect(times(schedule.take(6000))).toEqual([1000]);
		expect(schedule.done).toBe(true);
		expect(schedule.delayUntilNext(6000)).toBeNull();
	});

	it('--speed X plays X times faster', () => {
		const schedule = new ReplaySchedule(at(0, 100, 1000), {speed: 4});
		schedule.take(0);
		expect(schedule.delayUntilNext(0)).toBe(25);
		expect(times(schedule.take(25))).toEqual([100]);
		expect(schedule.playedTo(100)).toBe(400);
		expect(times(schedule.take(250))).toEqual([1000]);
	});

	it('--speed 0 makes everything due at once', () => {
		const schedule = new ReplaySchedule(at(0, 100, 1e9), {speed: 0});
		expect(times(schedule.take(0))).toEqual([0, 100, 1e9]);
		expect(schedule.done).toBe(true);
	});

	it('pausing stops the clock; paused time is not played', () => {
		const schedule = new ReplaySchedule(at(0, 100, 200));
		schedule.take(0);
		expect(schedule.togglePause(50)).toBe(true);
		expect(schedule.take(10_000)).toEqual([]);
		expect(schedule.delayUntilNext(10_000)).toBeNull();
		expect(schedule.togglePause(10_000)).toBe(false);
		expect(schedule.playedTo(10_000)).toBe(50);
		expect(times(schedule.take(10_050))).toEqual([100]);
		expect(times(schedule.takeRest())).toEqual([200]);
		expect(schedule.done).toBe(true);
	});

	it('a speed change keeps what was played and plays the rest at the new speed', () => {
		const schedule = new ReplaySchedule(at(0, 100, 300, 700));
		schedule.take(0);
		expect(times(schedule.take(100))).toEqual([100]);
		schedule.setSpeed(4, 100);
		expect(schedule.playedTo(100)).toBe(100);
		expect(schedule.delayUntilNext(100)).toBe(50);
		expect(times(schedule.take(150))).toEqual([300]);
		schedule.togglePause(150);
		schedule.setSpeed(1, 200);
		expect(schedule.take(5000)).toEqual([]);
		schedule.togglePause(5000);
		expect(schedule.playedTo(5000)).toBe(300);
		expect(times(schedule.take(5400))).toEqual([700]);
		expect(() => schedule.setSpeed(0, 5400)).toThrow(RangeError);
	});

	it('knows the whole run time (the last event), for the position a replay shows', () => {
		expect(new ReplaySchedule(at(0, 100, 101_000)).totalMs).toBe(101_000);
		expect(new ReplaySchedule([]).totalMs).toBe(0);
	});

	it('rejects a negative or non-finite speed', () => {
		expect(() => new ReplaySchedule([], {speed: -1})).toThrow(RangeError);
		expect(() => new ReplaySchedule([], {speed: Number.NaN})).toThrow(RangeError);
	});
});

/** The figures a replay must reproduce exactly. */
function figures(report: Report) {
	return {metrics: report.metrics, prompts: report.prompts, criteria: report.criteria, verdict: report.verdict};
}

describe('llmtop replay of a real tiny-model run', () => {
	const events = join(dir, 'live.jsonl');
	const liveReport = join(dir, 'live.json');
	const cache = mkdtempSync(join(tmpdir(), 'llmtop-replay-cache-'));
	const env = {...process.env, LLMTOP_CACHE_DIR: cache, NO_COLOR: '1'};
	let live: SpawnSyncReturns<string>;
	beforeAll(() => {
		live = spawnSync(
			process.execPath,
			[CLI, 'run', '--headless', '--model', 'synthetic:tiny', '--suite', 'smoke', '--idle', '0.5', '--events', events, '--report', liveReport],
			{cwd: ROOT, env, encoding: 'utf8', timeout: 120_000},
		);
	});

	it('the live run wrote its events and report', () => {
		expect(live.stderr).toBe('');
		// Any verdict: half a second of idle is under idle-cpu's minimum, so a run that fails nothing is inconclusive (3).
		expect([0, 1, 3]).toContain(live.status);
	});

	it('--speed 0 --headless --report rebuilds the live report and prints the live summary', () => {
		const replayed = join(dir, 'replayed.json');
		const replay = spawnSync(process.execPath, [CLI, 'replay', events, '--speed', '0', '--headless', '--report', replayed], {
			cwd: ROOT,
			env,
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect(replay.stderr).toBe('');
		const a = JSON.parse(readFileSync(liveReport, 'utf8')) as Report;
		const b = JSON.parse(readFileSync(replayed, 'utf8')) as Report;
		expect(figures(b)).toEqual(figures(a));
		expect(b).toEqual(a);
		// The same summary, but for where the live run's report and events went (issue 15 item 10).
		const saved = `  saved         report ${liveReport} · events ${events}\n`;
		expect(live.stdout).toContain(saved);
		expect(replay.stdout).toBe(live.stdout.replace(saved, ''));
		expect(replay.status).toBe(live.status);
	});

	it('a cut-off last line: replays what is whole and names the dropped line on stderr', async () => {
		const text = readFileSync(events, 'utf8');
		const lines = text.trimEnd().split('\n');
		const last = lines.at(-1) ?? '';
		const cut = join(dir, 'cut.jsonl');
		writeFileSync(cut, `${lines.slice(0, -1).join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`);
		const replayed = join(dir, 'cut.json');
		const result = await runInProcess(['replay', cut, '--speed', '0', '--headless', '--report', replayed]);
		expect(result.stderr).toEqual([
			`llmtop: ${cut}: line ${lines.length} dropped: cut off (incomplete last line)`,
			`llmtop: replaying the ${lines.length - 1} whole events`,
			`llmtop: ${cut}: the run has no run-end event (killed, or still running): replayed as incomplete`,
		]);
		const whole = parseEvents(cut, `${lines.slice(0, -1).join('\n')}\n`).events;
		// No run-end: inconclusive (3), unless the verdict so far is already a fail (1 outranks 3).
		expect(result.code).toBe(reportFromEvents(whole).verdict === 'fail' ? 1 : 3);
		expect(JSON.parse(readFileSync(replayed, 'utf8'))).toEqual(JSON.parse(JSON.stringify(reportFromEvents(whole))));
		expect(result.stdout.at(-1)).toMatch(/^verdict: /);
	});
});

describe('llmtop replay, in process', () => {
	const fixture = fileURLToPath(new URL('../fixtures/events/tiny-smoke.jsonl', import.meta.url));

	it('rebuilds the report of a recorded events file; exit code from its verdict', async () => {
		const out = join(dir, 'fixture.json');
		const result = await runInProcess(['replay', fixture, '--speed', '0', '--report', out]);
		expect(result.code).toBe(1);
		expect(result.stdout.at(-1)).toBe('verdict: FAIL');
		expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(JSON.stringify(reportFromEvents(readEventsFile(fixture).events))));
	});

	it.each([
		[['replay'], 'llmtop: replay needs an events file: llmtop replay EVENTS.jsonl (see llmtop replay --help)'],
		[['replay', '/nonexistent.jsonl'], 'llmtop: /nonexistent.jsonl: no such file'],
		[['replay', fixture, '--speed', '-1'], 'llmtop: --speed must be >= 0; got -1 (see llmtop replay --help)'],
	])('bad input %j: one line, exit 2', async (argv, message) => {
		const result = await runInProcess(argv);
		expect(result.code).toBe(2);
		expect(result.stderr).toEqual([message]);
	});
});
