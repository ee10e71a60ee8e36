import {describe, expect, it} from 'vitest';
import {Dashboard} from '../../src/ui/components/Dashboard.js';
import {layoutScreen} from '../../src/ui/frame.js';
import {COLOR_THEME} from '../../src/ui/theme.js';
import {displayWidth} from '../../src/ui/text.js';
import {initialUiState, type UiState} from '../../src/ui/ui-state.js';
import type {DashboardView} from '../../src/ui/view.js';
import {viewFixture} from './fixtures.js';
import {renderAt, stripAnsi} from './render-at.js';

function frameAt(columns: number, rows: number, view: DashboardView = viewFixture(), ui: UiState = initialUiState(view.header.mode)) {
	const rendered = renderAt(<Dashboard screen={layoutScreen(view, ui, {columns, rows})} ui={ui} />, columns, rows);
	const frame = rendered.lastFrame();
	rendered.instance.unmount();
	return {frame, lines: frame.split('\n')};
}

function expectFits(lines: string[], columns: number, rows: number): void {
	expect(lines.length).toBeLessThanOrEqual(rows - 1);
	for (const line of lines) expect(displayWidth(stripAnsi(line))).toBeLessThanOrEqual(columns);
}

describe('Dashboard layouts', () => {
	it('full at 120x36: header, four charts, criteria, the prompts table, output, keys', () => {
		const {frame, lines} = frameAt(120, 36);
		expectFits(lines, 120, 36);
		expect(frame).not.toMatch(/\u001B/);
		expect(lines[0]).toContain('llmtop run │ SmolLM2-135M · llama · Q8_0 · 133M │ threads 2 · ctx 2048 · batch 512 · gpu layers 0');
		expect(lines[1]).toMatch(/^verdict FAIL · phase prompts · 0:58 · prompt 4\/6 · .*observer 0\.31%/);
		for (const title of ['CPU  22.3%', 'RSS ', 'ITL ', 'tok/s ']) expect(frame).toContain(title);
		expect(frame).toContain('criteria: FAIL');
		expect(frame).toMatch(/┌─+┬/);
		expect(frame).toMatch(/│ #\s+│ id\s+│ ttft\s+│ e2e\s+│ tok\s+│ tok\/s\s+│ score\s+│ status\s+│/);
		expect(frame).toContain('output · prompt-4 ▸ run · 17 tok');
		expect(lines.at(-1)).toMatch(/^\? help · q quit · p pause · s skip/);
	});

	it('compact at 80x24: shorter charts and stacked panels, nothing wider than 80', () => {
		const {frame, lines} = frameAt(80, 24, viewFixture({warnings: ['threads >= cores: latency spikes expected from thread contention']}));
		expectFits(lines, 80, 24);
		expect(frame).toContain('⚠ WARNING threads >= cores');
		expect(frame).toMatch(/✗ FAIL CPU mean\s+41\.5 % ≤ 35\.0 %/);
		expect(lines[1]).toMatch(/^verdict FAIL · phase prompts/);
		expect(lines.at(-1)).toMatch(/^\? help · q quit/);
		for (const id of ['prompt-3', 'prompt-4']) expect(frame).toContain(id);
		expect(frame).toMatch(/┌─+┬/);
		const plotRows = lines.filter((line) => /^\s+\d+%┤/.test(line));
		expect(plotRows.length).toBeLessThanOrEqual(6);
	});

	it.each([
		[79, 24],
		[60, 20],
		[40, 12],
		[30, 8],
	])('minimal at %ix%i: one column, nothing wider than the terminal', (columns, rows) => {
		const {frame, lines} = frameAt(columns, rows);
		expectFits(lines, columns, rows);
		expect(frame).toContain('CPU');
		expect(frame).not.toContain('┌');
	});

	it('shows warnings prominently, newest first', () => {
		const {lines} = frameAt(120, 36, viewFixture({warnings: ['older one', 'threads >= cores: latency spikes expected from thread contention']}));
		expect(lines[2]).toBe('⚠ WARNING threads >= cores: latency spikes expected from thread contention');
		expect(lines[3]).toBe('⚠ WARNING older one');
	});

	it('keeps untrusted names, ids and output on their lines, without escape codes', () => {
		const view = viewFixture();
		const evil = 'evil\n\u001B[2Jname';
		const prompts = view.prompts.map((row, index) => (index === 3 ? {...row, id: evil, prompt: evil, response: `a\u001B[31mb\tc\n${evil}`} : row));
		const {frame, lines} = frameAt(120, 36, {...view, header: {...view.header, modelName: evil}, prompts, warnings: [evil]});
		expectFits(lines, 120, 36);
		expect(frame).not.toMatch(/\u001B/);
		expect(lines[0]).toContain('llmtop run │ evil name · llama');
		expect(frame).toContain('⚠ WARNING evil name');
	});

	it('shows PAUSED and the window in the header', () => {
		const view = viewFixture();
		const {lines} = frameAt(120, 36, {...view, header: {...view.header, paused: true}}, {...initialUiState('run'), windowMs: 300_000});
		expect(lines[1]).toMatch(/^PAUSED · verdict FAIL · phase prompts/);
		expect(lines[1]).toContain('window 5m');
	});
});

describe('spikes without colour', () => {
	it('marks the spike with ^ in the lane under its column, with a counter and a list entry', () => {
		const {frame, lines} = frameAt(120, 50);
		const lane = lines.findIndex((line) => /^\s+1 \^/.test(line));
		expect(lane).toBeGreaterThan(0);
		const column = (lines[lane] as string).indexOf('^', 6);
		const peakRow = lines.slice(3, lane).find((line) => line[column] === '*');
		expect(peakRow).toBeDefined();
		expect(frame).toContain('spikes 1');
		expect(frame).toContain('^ 0:30.0 cpu 95.0% (base 20.0%) prompts prompt-2');
	});

	it('colours charts and the spike lane when colour is on', () => {
		const view = viewFixture();
		const rendered = renderAt(
			<Dashboard screen={layoutScreen(view, initialUiState('run'), {columns: 120, rows: 36})} ui={initialUiState('run')} />,
			120,
			36,
			COLOR_THEME,
		);
		const frame = rendered.lastFrame();
		rendered.instance.unmount();
		expect(frame).toContain('\u001B[36m');
		expect(frame).toMatch(/\u001B\[91m\u001B\[1m\s+1 \^/);
	});
});

describe('criteria panel', () => {
	it('shows each criterion with a glyph, a word, its value and its threshold', () => {
		const {frame} = frameAt(120, 36);
		expect(frame).toMatch(/✓ pass idle CPU\s+0\.4 % ≤ 2\.0 % {2}1\.6 points to spare/);
		expect(frame).toMatch(/✗ FAIL CPU mean\s+41\.5 % ≤ 35\.0 % {2}\+6\.5 points over/);
		expect(frame).toMatch(/… pend CPU p99\s+48\.0 % ≤ 50\.0 %/);
		expect(frame).toMatch(/✓ pass RSS peak\s+300\.0 MiB ≤ 6\.00 GiB/);
		expect(frame).toMatch(/✓ pass ITL p99\/p50\s+1\.40 < 2\.00/);
		expect(frame).toMatch(/- skip correct\s+\(limit ≥ 0\.80\)/);
		expect(frame).toMatch(/\n {4}synthetic model: answers are gibberish/);
		expect(frame).toContain('criteria: FAIL · 4 pass 1 fail 1 pend 2 skip');
	});
});

describe('overlays', () => {
	it('help lists the keys, the glyphs and the spike rule', () => {
		const {frame, lines} = frameAt(120, 36, viewFixture(), {...initialUiState('run'), overlay: 'help'});
		expectFits(lines, 120, 36);
		expect(frame).toContain('llmtop help');
		expect(frame).toContain('q            quit');
		expect(frame).toContain('+ / -        zoom the charts in / out');
		expect(frame).toContain('✓ pass   ✗ fail   … pending   - skip');
		expect(frame).toContain('Spikes: A spike is a short burst above the recent baseline, not a plateau.');
		expect(lines.at(-1)).toContain('Esc/?/Enter close help');
	});

	it('help fits the minimal layout too', () => {
		const {lines} = frameAt(50, 14, viewFixture(), {...initialUiState('run'), overlay: 'help'});
		expectFits(lines, 50, 14);
	});

	it('the reader shows the selected prompt and its whole output, scrolled', () => {
		const ui = {...initialUiState('run'), overlay: 'reader' as const, selected: 3};
		const {frame, lines} = frameAt(120, 36, viewFixture(), ui);
		expectFits(lines, 120, 36);
		expect(frame).toContain('prompt-4 ▸ run · TTFT 123ms');
		expect(frame).toContain('> Question number 4?');
		expect(frame).toContain('The quick brown fox jumps over the lazy dog.');
		const long = viewFixture();
		const prompts = long.prompts.map((row, index) => (index === 3 ? {...row, response: 'line of output\n'.repeat(100)} : row));
		const scrolled = frameAt(120, 36, {...long, prompts}, {...ui, readerScroll: 2}).frame;
		expect(scrolled).not.toContain('> Question number 4?');
		expect(scrolled).toContain('lines 3-33 of 103');
	});
});

describe('try mode', () => {
	it('shows the input line with the typed text, and the typing keys', () => {
		const view = viewFixture();
		const tryView = {...view, header: {...view.header, mode: 'try' as const, promptTotal: 0}};
		const {lines} = frameAt(120, 36, tryView, {...initialUiState('try'), input: 'hello'});
		expectFits(lines, 120, 36);
		expect(lines[1]).toContain('tryout 4');
		expect(lines.at(-2)).toBe('try (prompt-4 running, Esc aborts) › hello█');
		expect(lines.at(-1)).toContain('Enter run · ^Q quit · ↑↓ history');
		const keys = frameAt(80, 24, tryView, {...initialUiState('try'), typing: false}).lines;
		expect(keys.at(-2)).toContain('KEYS mode');
		expect(keys.at(-1)).toContain('KEYS: ? help · q quit · i/Esc type');
	});
});

describe('untrusted criteria from an events file', () => {
	it('a criterion label or chart limit name with escape codes reaches the screen as plain text', () => {
		const view = viewFixture();
		const evil = '\u001B]0;pwned\u0007\u001B[2J';
		view.criteria = view.criteria.map((result, i) => (i === 0 ? {...result, label: `idle${evil} CPU`} : result));
		view.charts = view.charts.map((chart) => (chart.thresholdOf === 'rss-peak' ? {...chart, thresholdOf: `rss${evil}`} : chart));
		const {frame} = frameAt(120, 36, view, {...initialUiState('run')});
		expect(frame).not.toMatch(/\u001B/);
		expect(frame).not.toContain('\u0007');
		expect(frame).toMatch(/✓ pass idle/);
	});
});
