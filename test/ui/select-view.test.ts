import {describe, expect, it} from 'vitest';
import {cpuCriterion} from '../../src/run/chart-limit.js';
import {defaultCriteria} from '../../src/run/criteria.js';
import {RunStore} from '../../src/run/store.js';
import {TableRenderer} from '../../src/ui/table-renderer.js';
import {focusOf, selectView} from '../../src/ui/select-view.js';
import {promptCells} from '../../src/ui/prompt-cells.js';
import {PLAIN_THEME} from '../../src/ui/theme.js';
import {promptRow, runEvents} from './fixtures.js';

describe('selectView', () => {
	it('selects the header, charts, spikes, criteria and prompts from the store', () => {
		const store = new RunStore();
		store.applyAll(runEvents());
		const view = selectView(store, 'run', 60_000);
		expect(view.header).toMatchObject({modelName: 'tiny-test-model', quantization: 'Q8_0', threads: 2, phase: 'prompts', promptNumber: 2, promptTotal: 3});
		expect(view.charts.map((chart) => chart.id)).toEqual(['cpu', 'rss', 'itl', 'tokensPerSec', 'canary']);
		expect(view.charts[0]?.secondary?.t.length).toBeGreaterThan(0);
		expect(view.charts[0]).toMatchObject({threshold: 50, thresholdOf: 'active-cpu-p99'});
		expect(view.charts[2]?.thresholdOf).toMatch(/×p50 latency-ratio/);
		expect(view.prompts.map((row) => row.state)).toEqual(['ok', 'running', 'pending']);
		expect(view.runningIndex).toBe(1);
		expect(view.focusIndex).toBe(1);
		expect(view.criteria).toHaveLength(9);
		expect(view.spikeRule).toMatch(/spike/i);
	});

	it('draws the idle CPU limit while nothing runs in an idle phase or between tryouts', () => {
		const criteria = defaultCriteria();
		const cpuThreshold = (specs: typeof criteria, mode: 'run' | 'try', phase: 'idle-before' | 'prompts' | 'idle-after', promptRunning: boolean) =>
			cpuCriterion(specs, {tryout: mode === 'try', phase, promptRunning});
		expect(cpuThreshold(criteria, 'run', 'idle-before', false)?.id).toBe('idle-cpu');
		expect(cpuThreshold(criteria, 'run', 'prompts', true)?.id).toBe('active-cpu-p99');
		expect(cpuThreshold(criteria, 'try', 'prompts', false)?.id).toBe('idle-cpu');
		const noIdle = criteria.map((spec) => (spec.id === 'idle-cpu' ? {...spec, enabled: false} : spec));
		expect(cpuThreshold(noIdle, 'run', 'idle-after', false)?.id).toBe('active-cpu-p99');
	});

	it('focuses the running prompt, else the last started one', () => {
		expect(focusOf([{state: 'ok'}, {state: 'running'}, {state: 'pending'}], 1)).toBe(1);
		expect(focusOf([{state: 'ok'}, {state: 'ok'}, {state: 'pending'}], -1)).toBe(1);
		expect(focusOf([{state: 'pending'}, {state: 'pending'}], -1)).toBe(0);
		expect(focusOf([], -1)).toBe(-1);
	});
});

describe('TableRenderer', () => {
	it('renders the prompts table with ink-table once per content, cut to its width', () => {
		const tables = new TableRenderer();
		const cells = promptCells([promptRow(0, {id: 'a-very-long-prompt-identifier-indeed'}), promptRow(1)], 0, 1, 40);
		expect(tables.peek(cells, 40, PLAIN_THEME)).toBeUndefined();
		const lines = tables.render(cells, 40, PLAIN_THEME);
		expect(lines).toHaveLength(7);
		expect(lines[0]).toMatch(/^┌─+┬/);
		expect(lines.join('\n')).toContain('>2');
		expect(lines.join('\n')).toContain('…');
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
		expect(tables.peek(cells, 40, PLAIN_THEME)).toBe(lines);
		expect(tables.render(cells, 40, PLAIN_THEME)).toBe(lines);
	});
});
