import {describe, expect, it} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {Dashboard} from '../../src/ui/components/Dashboard.js';
import {layoutScreen} from '../../src/ui/frame.js';
import {selectView} from '../../src/ui/select-view.js';
import {initialUiState} from '../../src/ui/ui-state.js';
import {busyRun} from '../run/fixtures/busy-run.js';
import {renderAt} from './render-at.js';

function frameOf(events: ReturnType<typeof busyRun>, columns: number, rows: number): string {
	const store = new RunStore();
	store.applyAll(events);
	const view = selectView(store, 'run', 60_000);
	const ui = initialUiState('run');
	const rendered = renderAt(<Dashboard screen={layoutScreen(view, ui, {columns, rows})} ui={ui} />, columns, rows);
	const frame = rendered.lastFrame();
	rendered.instance.unmount();
	return frame;
}

describe('dashboard: a busy machine', () => {
	for (const [columns, rows] of [
		[80, 24],
		[120, 36],
	] as const) {
		it(`while it is busy: a warning line with the figures, at ${columns}x${rows}`, () => {
			const frame = frameOf(busyRun(60, {end: false}), columns, rows);
			expect(frame).toMatch(/⚠ WARNING busy machine: others \d+ % of CPU, pressure 80 % — figures unreliable/);
		});
	}

	it('after a busy run: the run judgement, and the verdict says which criteria the busy machine held back', () => {
		const frame = frameOf(busyRun(60), 120, 36);
		expect(frame).toContain('⚠ WARNING busy machine: others 60 % of CPU, 100 % of prompts — CPU/latency not judged');
		expect(frame).toMatch(/INCONCLUSIVE.*busy machine: /);
	});

	it('a quiet machine: no busy line', () => {
		expect(frameOf(busyRun(2, {end: false}), 120, 36)).not.toContain('busy machine');
		expect(frameOf(busyRun(2), 120, 36)).not.toContain('busy machine');
	});
});
