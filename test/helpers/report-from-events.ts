import {buildReport} from '../../src/report/report.js';
import type {Report} from '../../src/report/types.js';
import type {RunEvent} from '../../src/run/events.js';
import {RunStore, type RunStoreOptions} from '../../src/run/store.js';

/** Feeds the events through a fresh store and builds the report ("rebuilt equals live" checks, fixtures). */
export function reportFromEvents(events: Iterable<RunEvent>, options?: RunStoreOptions): Report {
	const store = new RunStore(options);
	store.applyAll(events);
	return buildReport(store);
}
