/**
 * The dashboard end to end: the built `llmtop` in a tmux pane on the `tiny`
 * synthetic model. Skipped when tmux is missing or `dist/` has no CLI wired
 * to the dashboard yet (run `npm run build` first).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {CLI, ROOT} from './helpers.js';
import {needsTmux, skipUnless} from '../setup/skip.js';
import {exitCodeOf, Tmux} from './tmux.js';

/** The built CLI exists and mounts the dashboard somewhere in its code. */
function cliWithDashboard(): boolean {
	if (!fs.existsSync(CLI)) return false;
	const files = [CLI, ...listJs(path.join(ROOT, 'dist/src/cli')), ...listJs(path.join(ROOT, 'dist/src/cli/commands'))];
	return files.some((file) => fs.readFileSync(file, 'utf8').includes('startDashboard'));
}

function listJs(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.js'))
		.map((name) => path.join(dir, name));
}

const skip = needsTmux() || skipUnless(cliWithDashboard(), 'the built CLI (dist/src/cli.js) is missing or mounts no dashboard (npm run build)');
const tmux = new Tmux('llmtop-e2e');

function linesOf(pane: string): string[] {
	return pane.replace(/\n+$/, '').split('\n');
}

describe.skipIf(skip)('llmtop dashboard in tmux', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmtop-e2e-'));

	afterAll(() => {
		tmux.kill();
		fs.rmSync(dir, {recursive: true, force: true});
	});

	it('run: full at 120x36, compact after a resize to 80x24, q writes the partial report and restores the terminal', async () => {
		const report = path.join(dir, 'run.json');
		const exitFile = path.join(dir, 'run.exit');
		tmux.start('run', `node dist/src/cli.js run --model synthetic:tiny --idle 30 --report ${JSON.stringify(report)}`, exitFile);
		const first = await tmux.waitFor(
			'run',
			'the full dashboard, model loaded',
			(pane) => pane.includes('phase idle-before') && pane.includes('criteria:') && /┌─+┬/.test(pane) && /\d+%┤/.test(pane),
		);
		expect(first).toContain('llmtop run');
		expect(first).toMatch(/CPU\s/);
		expect(first).toMatch(/RSS\s/);
		const later = await tmux.waitFor('run', 'the dashboard to change', (pane) => pane !== first && pane.includes('criteria:'), 20_000);
		expect(later).not.toBe(first);

		tmux.run('resize-window', '-t', 'run', '-x', '80', '-y', '24');
		const compact = await tmux.waitFor(
			'run',
			'the compact layout',
			(pane) => !pane.includes('criteria:') && pane.includes('q quit') && /┌─+┬/.test(pane),
			20_000,
		);
		const lines = linesOf(compact);
		expect(lines.length).toBeLessThanOrEqual(23);
		expect(lines[0]).toMatch(/^llmtop run/);
		expect(lines[1]).toMatch(/^verdict \w+ · phase /);
		expect(lines.at(-1)).toMatch(/^\? help · q quit/);

		tmux.keys('run', 'q');
		expect(await exitCodeOf(exitFile)).toBe(130);
		const after = await tmux.waitFor('run', 'the shell output', (pane) => pane.includes('DONE'));
		expect(after).not.toContain('q quit · p pause');
		expect(after).not.toMatch(/\d+%┤/);
		expect(tmux.terminalState('run')).toBe('0 1');
		const written = JSON.parse(fs.readFileSync(report, 'utf8')) as {complete: boolean};
		expect(written.complete).toBe(false);
	});

	it('never frozen, keys in one chunk: the clock moves every second while idle, written alone between rare frames; "--" typed at once zooms out twice (issue 15 items 1, 7)', async () => {
		const exitFile = path.join(dir, 'clock.exit');
		const output = path.join(dir, 'clock.out');
		tmux.start('clock', 'node dist/src/cli.js run --model synthetic:tiny --idle 30 --no-canary', exitFile);
		const clockOf = (pane: string): string | undefined => /· phase idle-before[^·]* · (\d+:\d\d) · /.exec(pane)?.[1];
		const first = await tmux.waitFor('clock', 'the idle phase', (pane) => clockOf(pane) !== undefined, 30_000);
		tmux.pipe('clock', output);
		const seen = new Set([clockOf(first)]);
		const deadline = Date.now() + 6000;
		let pane = first;
		while (Date.now() < deadline && seen.size < 5) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			pane = tmux.capture('clock');
			seen.add(clockOf(pane));
		}
		tmux.unpipe('clock');
		// Idle frames come every 4 s; the clock alone is redrawn every second, so ~6 s of idle shows 4 or more values.
		expect(seen.size).toBeGreaterThanOrEqual(4);
		// The moves were the clock alone (save cursor, go to row;column, the clock, restore), not Ink frames (each in synchronized output).
		const written = fs.readFileSync(output, 'utf8');
		const clockWrites = [...written.matchAll(/\u001B7\u001B\[(\d+);(\d+)H(?:\u001B\[[\d;]*m)*(\d+:\d\d)(?:\u001B\[[\d;]*m)*\u001B8/g)];
		const inkFrames = written.split('\u001B[?2026h').length - 1;
		expect(clockWrites.length).toBeGreaterThanOrEqual(3);
		expect(inkFrames).toBeLessThan(clockWrites.length);
		// Where Ink draws the clock: the pane's second line, after `verdict … · phase idle-before · `.
		const stateLine = linesOf(pane)[1] ?? '';
		const clockColumn = stateLine.indexOf(` · ${clockOf(pane)} · `) + ' · '.length + 1;
		for (const [, row, column] of clockWrites) expect([Number(row), Number(column)]).toEqual([2, clockColumn]);
		tmux.keys('clock', '-l', '--', '--');
		await tmux.waitFor('clock', 'the 10 m window', (pane) => pane.includes('window 10m'), 10_000);
		tmux.keys('clock', 'q');
		expect(await exitCodeOf(exitFile)).toBe(130);
	});

	it('TERM=dumb gets plain lines, no cursor moves or charts (issue 15 item 7)', async () => {
		const exitFile = path.join(dir, 'dumb.exit');
		tmux.start('dumb', 'node dist/src/cli.js run --model synthetic:tiny --idle 0 --suite smoke --no-canary', exitFile, 'TERM=dumb');
		await tmux.waitFor('dumb', 'the run to end', (text) => text.includes('DONE'), 120_000);
		// The whole output, scrollback included: the summary is longer than the pane.
		const pane = tmux.run('capture-pane', '-p', '-S', '-', '-t', 'dumb');
		expect(pane).toContain('TERM=dumb, so plain lines');
		expect(pane).not.toMatch(/\d+%┤/);
		expect(pane).not.toContain('? help · q quit');
		// Any verdict: --idle 0 leaves idle-cpu without data, so a run that fails nothing is inconclusive (3).
		expect([0, 1, 3]).toContain(await exitCodeOf(exitFile));
	});

	it('ENDED: the final screen offers no pause or skip and says where the report and events went; so does the summary after it (issue 15 item 10)', async () => {
		const exitFile = path.join(dir, 'end.exit');
		const report = path.join(dir, 'end.json');
		const events = path.join(dir, 'end.ndjson');
		tmux.start(
			'end',
			`node dist/src/cli.js run --model synthetic:tiny --idle 0.5 --suite smoke --max-tokens 8 --no-canary --report ${JSON.stringify(report)} --events ${JSON.stringify(events)}`,
			exitFile,
		);
		const saved = `report ${report} · events ${events}`;
		const ended = await tmux.waitFor('end', 'the final screen with the paths', (pane) => pane.includes('ENDED') && pane.includes(saved), 120_000);
		const footer = linesOf(ended).at(-1) ?? '';
		expect(footer).toMatch(/^\? help · q quit · report /);
		expect(footer).not.toMatch(/p pause|s skip/);
		expect(fs.existsSync(report)).toBe(true);
		expect(fs.readFileSync(events, 'utf8')).toContain('"type":"run-end"');
		tmux.keys('end', 'q');
		expect([0, 1, 3]).toContain(await exitCodeOf(exitFile));
		await tmux.waitFor('end', 'the summary', (pane) => pane.includes('DONE'));
		// The whole output, scrollback included, wrapped lines joined (-J).
		const after = tmux.run('capture-pane', '-p', '-J', '-S', '-', '-t', 'end');
		expect(after).toContain(`saved         ${saved}`);
	});

	it('try: a typed prompt runs and adds a row; Ctrl+S saves a report; Ctrl+Q quits and restores the terminal', async () => {
		const exitFile = path.join(dir, 'try.exit');
		const report = path.join(dir, 'try.json');
		tmux.start('try', `node dist/src/cli.js try --model synthetic:tiny --max-tokens 16 --report ${JSON.stringify(report)}`, exitFile);
		await tmux.waitFor('try', 'the try input line', (pane) => pane.includes('try ›') && pane.includes('criteria:'));
		tmux.keys('try', '-l', 'hello there');
		await tmux.waitFor('try', 'the typed text', (pane) => pane.includes('hello there█'), 10_000);
		tmux.keys('try', 'Enter');
		const ran = await tmux.waitFor('try', 'the tryout row', (pane) => /│[^│\n]*✓ ok/.test(pane), 30_000);
		expect(ran).toContain('> hello there');
		tmux.keys('try', 'C-s');
		const notice = await tmux.waitFor('try', 'the saved notice', (pane) => pane.includes('saved to'), 10_000);
		// A passing notice, not a warning; the next key clears it.
		expect(notice).toContain('✓ report of the tryouts so far saved to');
		expect(notice).not.toMatch(/WARNING[^\n]*saved to/);
		tmux.keys('try', '-l', 'x');
		await tmux.waitFor('try', 'the notice to clear', (pane) => !pane.includes('saved to') && pane.includes('x█'), 10_000);
		const saved = JSON.parse(fs.readFileSync(report, 'utf8')) as {mode: string; prompts: {id: string; status: string}[]};
		expect(saved.mode).toBe('try');
		expect(saved.prompts.map((prompt) => [prompt.id, prompt.status])).toEqual([['try-1', 'ok']]);
		tmux.keys('try', 'C-q');
		// The verdict's exit code: one 16-token tryout is too little data for most criteria, so usually 3 (inconclusive).
		expect([0, 1, 3]).toContain(await exitCodeOf(exitFile));
		const after = await tmux.waitFor('try', 'the shell output', (pane) => pane.includes('DONE'));
		expect(after).not.toContain('try ›');
		expect(tmux.terminalState('try')).toBe('0 1');
	});

	it('try: a prompt typed while another runs shows as queued, then runs (issue 15 item 10)', async () => {
		const exitFile = path.join(dir, 'queue.exit');
		// A long answer (the synthetic model rarely stops early), so the second prompt is typed while the first runs.
		tmux.start('queue', 'node dist/src/cli.js try --model synthetic:tiny --max-tokens 1500 --no-canary', exitFile);
		await tmux.waitFor('queue', 'the try input line', (pane) => pane.includes('try ›') && pane.includes('criteria:'));
		// Each key sent on its own (keys in one chunk are a paste: its Enter does not submit).
		tmux.keys('queue', '-l', 'first one');
		await tmux.waitFor('queue', 'the typed text', (pane) => pane.includes('first one█'), 10_000);
		tmux.keys('queue', 'Enter');
		await tmux.waitFor('queue', 'the first prompt submitted', (pane) => !pane.includes('first one█'), 10_000);
		tmux.keys('queue', '-l', 'second');
		await tmux.waitFor('queue', 'the typed text', (pane) => pane.includes('second█'), 10_000);
		tmux.keys('queue', 'Enter');
		const queued = await tmux.waitFor('queue', 'the second prompt queued', (pane) => pane.includes('try (try-1 running, 1 queued, Esc aborts) ›'), 30_000);
		expect(queued).toMatch(/│ +1 │ try-1 +│/);
		expect(queued).not.toMatch(/│ +2 │ try-2 +│/);
		await tmux.waitFor(
			'queue',
			'the second prompt running',
			(pane) => pane.includes('try (try-2 running, Esc aborts) ›') && /│ +2 │ try-2 +│/.test(pane),
			60_000,
		);
		tmux.keys('queue', 'C-q');
		expect([0, 1, 3]).toContain(await exitCodeOf(exitFile));
	});
});
