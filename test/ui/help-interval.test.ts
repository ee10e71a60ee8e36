import {describe, expect, it} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {helpLines} from '../../src/ui/components/HelpOverlay.js';
import {selectView} from '../../src/ui/select-view.js';
import {runEvents} from './fixtures.js';

/** The dashboard's help for a run sampled every `intervalMs`. */
function helpAt(intervalMs: number): string {
	const [start, ...rest] = runEvents('run');
	if (start?.type !== 'run-start') throw new Error('fixture');
	const store = new RunStore();
	store.applyAll([{...start, config: {...start.config, intervalMs}}, ...rest]);
	return helpLines('run', selectView(store, 'run', 60_000).spikeRule, 400).join(' ');
}

describe("help's sample counts follow the run's interval, never '1 s (15 samples)' at 100 ms (issue 15 item 10)", () => {
	it.each([
		[100, '(3.1 s at 100 ms)', 'at most 10 elevated samples (1 s at 100 ms)'],
		[250, '(7.8 s at 250 ms)', 'at most 4 elevated samples (1 s at 250 ms)'],
		[50, '(1.6 s at 50 ms)', 'at most 15 elevated samples (0.8 s at 50 ms)'],
	])('%i ms', (intervalMs, baseline, burst) => {
		const help = helpAt(intervalMs);
		expect(help).toContain(baseline);
		expect(help).toContain(burst);
		expect(help).not.toContain('1 s (15 samples)');
	});
});
