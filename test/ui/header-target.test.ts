import {describe, expect, it} from 'vitest';
import type {RunEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import {headerText} from '../../src/ui/components/Header.js';
import {selectHeader} from '../../src/ui/select-view.js';
import {runEvents} from './fixtures.js';

function headerOf(events: RunEvent[]): [string, string] {
	const store = new RunStore();
	store.applyAll(events);
	return headerText({...selectHeader(store, 'run'), verdict: 'pending'}, 60_000, 0);
}

describe('the header names an endpoint target', () => {
	it('in-process: no target words', () => {
		expect(headerOf(runEvents())[0]).toMatch(/^llmtop run │ tiny-test-model/);
	});

	it('a launched server: its name, version and the PID sampled', () => {
		const events = runEvents();
		const start = events[0] as Extract<RunEvent, {type: 'run-start'}>;
		events[0] = {...start, target: {kind: 'endpoint', launched: true}};
		events[1] = {
			...(events[1] as Extract<RunEvent, {type: 'model-loaded'}>),
			target: {kind: 'endpoint', launched: true, pid: 4321, server: {name: 'llama.cpp server', version: 'b1-80fb11a'}},
		};
		expect(headerOf(events)[0]).toMatch(/^llmtop run │ server llama\.cpp server b1-80fb11a pid 4321 │ tiny-test-model/);
	});

	it('an endpoint without --pid says latency only', () => {
		const events = runEvents();
		events[0] = {...(events[0] as Extract<RunEvent, {type: 'run-start'}>), target: {kind: 'endpoint', url: 'http://127.0.0.1:8080', launched: false}};
		expect(headerOf(events)[0]).toMatch(/server endpoint no pid: latency only │/);
	});
});
