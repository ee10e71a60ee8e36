import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {Report} from '../../src/report/types.js';
import type {PromptEndEvent, PromptStartEvent, RunEvent} from '../../src/run/events.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import {collect, expectValidReport, ROOT, runCli, runWithFiles, startCli, tempDir, type CliResult} from './helpers.js';
import {exitCodeOf, Tmux} from './tmux.js';
import {needsBuild, needsTmux} from '../setup/skip.js';

const describeBuilt = needsBuild() ? describe.skip : describe;

/** The smoke suite's prompt ids, in order. */
const SMOKE_IDS = ['smoke-arithmetic', 'smoke-capital', 'smoke-label', 'smoke-json'];
const VERDICT_CODES = [0, 1, 3];

function promptStarts(events: RunEvent[]): PromptStartEvent[] {
	return events.filter((event): event is PromptStartEvent => event.type === 'prompt-start');
}

/** `llmtop run` on the smoke suite and the tiny synthetic model, with the soak flags given. */
function soakArgs(...soak: string[]): string[] {
	return ['run', '--headless', '--model', 'synthetic:tiny', '--suite', 'smoke', ...soak, '--idle', '0.5', '--threads', '1', '--context-size', '512'];
}

/**
 * Soaks through the real node-llama-cpp on the tiny synthetic model: the
 * suite looped by `--repeat` and `--duration`, each prompt's pass in the
 * events and the report, the figures over every pass, and the report
 * rebuilt from the events and re-scored by `llmtop score`.
 */
describeBuilt('llmtop run --repeat 2 (end to end)', () => {
	const dir = tempDir('llmtop-soak-');
	const reportPath = join(dir, 'report.json');
	const eventsPath = join(dir, 'events.jsonl');
	let result: CliResult;
	let report: Report;
	let events: RunEvent[];

	beforeAll(async () => {
		({result, report, events} = await runWithFiles(soakArgs('--repeat', '2'), dir));
	}, 180_000);

	it('runs every prompt twice, ids the suite’s, each with its pass; exit code from the verdict', () => {
		expect(result.stderr).toBe('');
		expect(VERDICT_CODES).toContain(result.code);
		expect(result.code).toBe({pass: 0, fail: 1, inconclusive: 3, pending: 3}[report.verdict]);
		expect(report.complete).toBe(true);
		expect(report.config.repeat).toBe(2);
		expect(report.prompts.map((prompt) => [prompt.id, prompt.pass, prompt.index])).toEqual([
			...SMOKE_IDS.map((id, i) => [id, 1, i]),
			...SMOKE_IDS.map((id, i) => [id, 2, 4 + i]),
		]);
		expect(report.prompts.every((prompt) => prompt.status === 'ok')).toBe(true);
		expect(promptStarts(events).map((event) => [event.promptId, event.pass, event.total])).toEqual([
			...SMOKE_IDS.map((id) => [id, 1, 8]),
			...SMOKE_IDS.map((id) => [id, 2, 8]),
		]);
		expectValidReport(report);
	});

	it('figures are over both passes; growth is null under 5 minutes, with the passes it had', () => {
		expect(report.metrics.latency.count).toBe(8);
		expect(report.metrics.passes).toEqual({started: 2, complete: 2});
		expect(report.metrics.rss.growthBytesPerHour).toBeNull();
		expect(report.metrics.rss.growthPasses).toBe(2);
		expect(report.metrics.rss.growthSpanMs).toBeGreaterThan(0);
		expect(report.metrics.rss.growthSpanMs).toBeLessThan(5 * 60_000);
	});

	it('prints the pass on each prompt line and the soak in the summary', () => {
		const lines = result.stdout.split('\n');
		expect(lines.filter((line) => /^\[\d+\] smoke-\S+ {2}pass 2 {2}/.test(line))).toHaveLength(4);
		expect(lines).toContain(
			'  soak          pass 2/2, 2 complete; RSS growth — (needs 2 complete passes over at least 5:00; had 2 passes over ' + formatSpan(report) + ')',
		);
	});

	it('the events rebuild the same report (replay = live)', () => {
		const rebuilt = JSON.parse(JSON.stringify(reportFromEvents(events))) as Report;
		expect(rebuilt).toEqual(report);
	});

	it('llmtop replay --headless prints the same soak summary', async () => {
		const replay = await runCli(['replay', eventsPath, '--headless']);
		expect(VERDICT_CODES).toContain(replay.code);
		expect(replay.stdout).toMatch(/^ {2}soak {10}pass 2\/2, 2 complete; RSS growth/m);
	});

	it.skipIf(needsTmux())('llmtop watch in a terminal shows the soak on the dashboard’s status line; q exits with the run’s code', async () => {
		const tmux = new Tmux('llmtop-soak-watch');
		try {
			const exitFile = join(dir, 'watch.exit');
			// 250 columns: the status line must hold the pass and the prompt counter after the longest verdict reason (an inconclusive run names every criterion lacking data).
			tmux.start('watch', `node dist/src/cli.js watch ${JSON.stringify(eventsPath)}`, exitFile, 'NO_COLOR=1', {columns: 250, rows: 36});
			const pane = await tmux.waitFor('watch', 'the ended soak', (text) => text.includes('watch · ended'));
			expect(pane).toMatch(/ · pass 2\/2 · prompt 8\/8 · /);
			tmux.keys('watch', 'q');
			expect(await exitCodeOf(exitFile)).toBe(result.code);
		} finally {
			tmux.kill();
		}
	});

	it('llmtop score re-scores every pass by the suite’s ids', async () => {
		const out = join(dir, 'rescored.json');
		const scored = await runCli(['score', reportPath, '--suite', join(ROOT, 'prompts', 'smoke.yaml'), '--out', out]);
		expect(VERDICT_CODES).toContain(scored.code);
		const rescored = JSON.parse(readFileSync(out, 'utf8')) as Report & {rescored: {notInSuite: string[]; syntheticModel: boolean}};
		expect(rescored.rescored).toMatchObject({notInSuite: [], syntheticModel: true});
		expect(rescored.prompts.map((prompt) => [prompt.id, prompt.pass])).toEqual(report.prompts.map((prompt) => [prompt.id, prompt.pass]));
		for (const prompt of rescored.prompts) expect(prompt.score).toEqual(expect.any(Number));
		// The same response scores the same in either pass; the mean is over all eight.
		const scores = rescored.prompts.map((prompt) => prompt.score as number);
		expect(rescored.metrics.correctness.scored).toBe(8);
		expect(rescored.metrics.correctness.mean).toBeCloseTo(scores.reduce((sum, score) => sum + score, 0) / 8, 12);
		expect(scored.stdout).toMatch(/re-scored 8 of 8 prompts/);
	});
});

describeBuilt('llmtop run --duration 3s (end to end)', () => {
	const dir = tempDir('llmtop-soak-');
	const eventsPath = join(dir, 'events.jsonl');
	let result: CliResult;
	let report: Report;
	let events: RunEvent[];
	let watched: CliResult;

	beforeAll(async () => {
		// A watcher started before the run (--wait covers the file not being there yet) follows it live to its end.
		const watcher = collect(startCli(['watch', eventsPath, '--headless', '--wait', '120']));
		({result, report, events} = await runWithFiles(soakArgs('--duration', '3s'), dir));
		watched = await watcher;
	}, 180_000);

	it('starts prompts until 3 s of the prompts phase elapsed, then lets the running one finish', () => {
		expect(result.stderr).toBe('');
		expect(VERDICT_CODES).toContain(result.code);
		expect(report.complete).toBe(true);
		expect(report.config.durationMs).toBe(3000);
		const promptsAt = events.find((event) => event.type === 'phase' && event.name === 'prompts')!.t;
		const deadline = promptsAt + 3000;
		const starts = promptStarts(events);
		expect(starts.length).toBeGreaterThan(0);
		for (const start of starts) expect(start.t).toBeLessThan(deadline);
		const ends = events.filter((event): event is PromptEndEvent => event.type === 'prompt-end');
		expect(ends).toHaveLength(starts.length);
		// The last prompt finished on its own (not aborted at the deadline), at or after it.
		expect(ends.every((end) => end.status === 'ok')).toBe(true);
		const afterPrompts = events.find((event) => event.type === 'phase' && event.name === 'idle-after')!.t;
		expect(afterPrompts).toBeGreaterThanOrEqual(deadline);
		expect(afterPrompts).toBeGreaterThanOrEqual(ends.at(-1)!.t);
		expect(starts.every((start) => start.total === 0)).toBe(true);
		expectValidReport(report);
	});

	it('numbers the passes: the suite in order, pass after pass', () => {
		const starts = promptStarts(events);
		starts.forEach((start, i) => {
			expect(start.promptId).toBe(SMOKE_IDS[i % 4]);
			expect(start.pass).toBe(Math.floor(i / 4) + 1);
			expect(start.index).toBe(i);
		});
		const passes = Math.ceil(starts.length / 4);
		expect(report.metrics.passes).toEqual({started: passes, complete: Math.floor(starts.length / 4)});
		expect(report.metrics.rss.growthBytesPerHour).toBeNull();
		expect(result.stdout).toMatch(new RegExp(`^ {2}soak {10}pass ${passes} · 0:03/0:03, ${Math.floor(starts.length / 4)} complete; RSS growth`, 'm'));
	});

	it('the events rebuild the same report (replay = live)', () => {
		expect(JSON.parse(JSON.stringify(reportFromEvents(events)))).toEqual(report);
	});

	it('llmtop watch --headless followed it live: every prompt line with its pass and the same soak summary, the run’s exit code', () => {
		expect(watched.stderr).toBe('');
		expect(watched.code).toBe(result.code);
		const soakLines = (stdout: string): string[] => stdout.split('\n').filter((line) => /^ {2}soak {10}/.test(line));
		expect(soakLines(result.stdout)).toHaveLength(1);
		expect(soakLines(watched.stdout)).toEqual(soakLines(result.stdout));
		const passLines = (stdout: string): string[] => stdout.split('\n').filter((line) => /^\[\d+\] smoke-\S+ {2}pass \d+ {2}/.test(line));
		expect(passLines(watched.stdout)).toEqual(passLines(result.stdout));
		expect(passLines(watched.stdout)).toHaveLength(promptStarts(events).length);
	});
});

/** The summary's span (`m:ss`) of the growth figure. */
function formatSpan(report: Report): string {
	const total = Math.floor((report.metrics.rss.growthSpanMs ?? 0) / 1000);
	return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
