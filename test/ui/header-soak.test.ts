import {describe, expect, it} from 'vitest';
import type {RunEvent, RunStartEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import {headerText} from '../../src/ui/components/Header.js';
import {selectHeader} from '../../src/ui/select-view.js';
import {runEvents} from './fixtures.js';

function stateLine(events: RunEvent[]): string {
	const store = new RunStore();
	store.applyAll(events);
	return headerText({...selectHeader(store, 'run'), verdict: 'pending'}, 60_000, 0)[1];
}

function withConfig(events: RunEvent[], config: Partial<RunStartEvent['config']>): RunEvent[] {
	const start = events[0] as RunStartEvent;
	return [{...start, config: {...start.config, ...config}}, ...events.slice(1)];
}

describe('the header of a soak (run, replay and watch share it)', () => {
	it('a run that is not a soak says nothing of passes', () => {
		expect(stateLine(runEvents())).not.toMatch(/pass/);
	});

	it('--repeat: the pass out of N before the prompt count', () => {
		expect(stateLine(withConfig(runEvents(), {repeat: 3}))).toMatch(/ · pass 1\/3 · prompt \d+\/\d+ · /);
	});

	it('--duration: the pass and the prompts time against D; the prompt count is open-ended', () => {
		expect(stateLine(withConfig(runEvents(), {durationMs: 7_200_000}))).toMatch(/ · pass 1 · \d+:\d\d\/2:00:00 · prompt \d+\/\? · /);
	});
});
