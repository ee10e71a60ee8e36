import {describe, expect, it} from 'vitest';
import {describeSavedOutputs, type SavedOutputs} from '../../src/cli/saved-outputs.js';

describe('where the report and events went (issue 15 item 10)', () => {
	it.each<[string, SavedOutputs, string]>([
		['both written', {report: 'out/r.json', events: 'out/e.ndjson'}, 'report out/r.json · events out/e.ndjson'],
		['report only', {report: 'r.json'}, 'report r.json'],
		['report on stdout', {report: '-', events: 'e.ndjson'}, 'report on stdout · events e.ndjson'],
		['nothing asked for', {}, 'report not saved (no --report)'],
		['events only', {events: 'e.ndjson'}, 'report not saved (no --report) · events e.ndjson'],
		['the report failed', {report: 'full/r.json', reportFailed: true, events: 'e.ndjson'}, 'report NOT written to full/r.json · events e.ndjson'],
		['the events file failed', {report: 'r.json', events: 'ro/e.ndjson', eventsFailed: true}, 'report r.json · events NOT written to ro/e.ndjson'],
	])('%s', (_name, saved, expected) => {
		expect(describeSavedOutputs(saved)).toBe(expected);
	});
});
