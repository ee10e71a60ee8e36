/**
 * Component tests through ink-testing-library: its terminal is a fixed 100
 * columns, which these width-given components never reach. Size-dependent
 * tests (layouts, resize) keep the sized fake terminal in `render-at.tsx`.
 */
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {CriteriaPanel} from '../../src/ui/components/CriteriaPanel.js';
import {Header} from '../../src/ui/components/Header.js';
import {PromptsTable} from '../../src/ui/components/PromptsTable.js';
import {SpikeList} from '../../src/ui/components/SpikeList.js';
import {layoutScreen} from '../../src/ui/frame.js';
import {selectView, verdictReason} from '../../src/ui/select-view.js';
import {PLAIN_THEME, ThemeContext} from '../../src/ui/theme.js';
import {initialUiState} from '../../src/ui/ui-state.js';
import {runEvents, viewFixture} from './fixtures.js';

const mounted: {unmount(): void}[] = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) instance.unmount();
});

/** The plain-theme frame of `node` (ink-testing-library's 100-column terminal). */
function frameOf(node: ReactElement): string {
	const instance = render(<ThemeContext.Provider value={PLAIN_THEME}>{node}</ThemeContext.Provider>);
	mounted.push(instance);
	return instance.lastFrame() ?? '';
}

describe('components (ink-testing-library)', () => {
	it('Header: model, configuration, phase, prompt k/N, window, no data as —', () => {
		const view = viewFixture();
		const frame = frameOf(<Header header={view.header} width={100} windowMs={60_000} spikeCount={3} />);
		expect(frame).toContain('llmtop run │ SmolLM2-135M · llama · Q8_0 · 133M │ threads 2 · ctx 2048 · batch 512 · gpu layers 0');
		expect(frame).toContain('verdict FAIL · phase prompts · 0:58 · prompt 4/6');
		expect(frame).toContain('window 1m');
		const bare = frameOf(<Header header={{...view.header, threads: null, observerCpuPct: null}} width={100} windowMs={30_000} spikeCount={0} />);
		expect(bare).toContain('threads —');
		expect(bare).toContain('window 30s');
	});

	it('CriteriaPanel: the verdict title, each criterion with its margin or reason, nothing cut (issue 15 item 2)', () => {
		const view = viewFixture();
		const frame = frameOf(<CriteriaPanel criteria={view.criteria} verdict={view.header.verdict} width={50} />);
		const lines = frame.split('\n');
		expect(lines[0]).toContain('criteria: FAIL');
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(50);
		expect(frame).toContain('+6.5 points over');
		const reasons = view.criteria.flatMap((result) => ((result.status === 'pending' || result.status === 'skip') && result.reason ? [result.reason] : []));
		expect(reasons.length).toBeGreaterThan(0);
		const text = lines.map((line) => line.trim()).join(' ');
		for (const reason of reasons) expect(text).toContain(reason);
	});

	it('CriteriaPanel: a wide panel gives every criterion one line with its margin', () => {
		const view = viewFixture();
		const frame = frameOf(<CriteriaPanel criteria={view.criteria} verdict={view.header.verdict} width={96} title={false} />);
		expect(frame.split('\n')).toHaveLength(view.criteria.length);
	});

	it('SpikeList: the counter and the latest spikes', () => {
		const view = viewFixture();
		const frame = frameOf(<SpikeList count={view.spikeCount} latest={view.latestSpikes} width={60} lines={4} />);
		expect(frame).toContain(`spikes ${view.spikeCount}`);
	});

	it("PromptsTable: draws the frame's table cells (ink-table live), > on the selected row", () => {
		const view = viewFixture();
		const ui = {...initialUiState('run'), selected: 1};
		const screen = layoutScreen(view, ui, {columns: 120, rows: 36});
		if (screen.table === null) throw new Error('a grid layout has a table');
		const frame = frameOf(<PromptsTable table={screen.table} promptCount={view.prompts.length} width={screen.layout.mainWidth} />);
		expect(frame).toMatch(/│ #\s+│ id\s+│ ttft\s+│ e2e\s+│ tok\s+│ tok\/s\s+│ score\s+│ status\s+│/);
		expect(frame).toContain('>2');
	});

	it('PromptsTable: one summary line when no row fits', () => {
		const view = viewFixture();
		const screen = layoutScreen(view, initialUiState('run'), {columns: 120, rows: 36});
		if (screen.table === null) throw new Error('a grid layout has a table');
		const frame = frameOf(<PromptsTable table={{...screen.table, rows: 0}} promptCount={view.prompts.length} width={60} />);
		expect(frame).toBe(`prompts ${view.prompts.length}`);
	});
});

describe('the view model from a store: selectView, then layoutScreen', () => {
	const store = new RunStore();
	store.applyAll(runEvents());

	it('the frame carries its layout and the table cells for the terminal size', () => {
		const view = selectView(store, 'run', 60_000);
		const full = layoutScreen(view, initialUiState('run'), {columns: 120, rows: 36});
		expect(full.layout.kind).toBe('full');
		expect(full.table?.rows).toBe(view.prompts.length);
		expect(full.table?.cells.data).toHaveLength(view.prompts.length);
		expect(full.table?.cells.columns).toContain('status');
		const compact = layoutScreen(view, initialUiState('run'), {columns: 80, rows: 24});
		expect(compact.layout.kind).toBe('compact');
		expect(compact.table?.cells.columns.length).toBeLessThan(full.table?.cells.columns.length ?? 0);
		const minimal = layoutScreen(view, initialUiState('run'), {columns: 60, rows: 16});
		expect(minimal.layout.kind).toBe('minimal');
		expect(minimal.table).toBeNull();
	});

	it('each chart carries its limit line: active CPU p99 while a prompt runs, the RSS peak, none on tok/s', () => {
		const running = selectView(store, 'run', 60_000);
		expect(running.runningIndex).toBeGreaterThanOrEqual(0);
		expect(running.charts[0]).toMatchObject({id: 'cpu', threshold: 50, thresholdOf: 'active-cpu-p99'});
		const rss = running.charts[1];
		expect(rss).toMatchObject({id: 'rss', threshold: 6 * 1024 ** 3, thresholdOf: 'rss-peak'});
		expect(running.charts[3]).toMatchObject({id: 'tokensPerSec', threshold: null, thresholdOf: null});
	});

	it('the header: mode, model, prompt k/N and the verdict so far', () => {
		const view = selectView(store, 'run', 60_000);
		expect(view.header).toMatchObject({
			mode: 'run',
			modelName: 'tiny-test-model',
			architecture: 'llama',
			sizeBytes: 1024 ** 2,
			promptNumber: 2,
			promptTotal: 3,
			ended: false,
		});
		expect(view.criteria.find((result) => result.id === 'idle-cpu')?.status).toBe('fail');
		expect(view.header.verdict).toBe('fail');
	});
});

describe('inconclusive (issue 15 item 1)', () => {
	it('the header shows an inconclusive verdict with the criteria that lack data, like pass and fail', () => {
		const view = viewFixture();
		const criteria = view.criteria.map((result) =>
			result.id === 'active-cpu-p99'
				? {...result, status: 'skip' as const, skipClass: 'lack-of-data' as const}
				: result.status === 'fail'
					? {...result, status: 'pass' as const}
					: result,
		);
		const header = {...view.header, ended: true, verdict: 'inconclusive' as const, verdictReason: verdictReason('inconclusive', criteria)};
		const frame = frameOf(<Header header={header} width={200} windowMs={60_000} spikeCount={0} />);
		expect(frame).toMatch(/ENDED · verdict INCONCLUSIVE \(not enough data: [^)]*CPU p99[^)]*\) · phase /);
		expect(verdictReason('pass', criteria)).toBeNull();
	});
});
