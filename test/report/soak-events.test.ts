/**
 * Hostile soak fields in an events file (hand-edited or written by another
 * tool): a bad `run-start` soak config refuses the file (exit 2 in the CLI),
 * a bad `prompt-start.pass` drops that line, named, and the rest replays.
 */
import {describe, expect, it} from 'vitest';
import {EventsFileError, parseEvents} from '../../src/report/events-file.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import {runStart} from '../run/fixtures/small-run.js';

const start = runStart(['a']);
const startLine = (config: Record<string, unknown>): string => JSON.stringify({...start, config: {...start.config, ...config}});
const promptStart = (pass: unknown): string => JSON.stringify({type: 'prompt-start', t: 10, promptId: 'a', index: 0, total: 2, promptTokens: 3, pass});

describe('soak fields in an events file', () => {
	it.each([{repeat: 0}, {repeat: 1.5}, {repeat: '2'}, {durationMs: -1}, {durationMs: '2h'}])('run-start config %j refuses the file', (config) => {
		expect(() => parseEvents('x.jsonl', `${startLine(config)}\n`)).toThrow(EventsFileError);
	});

	it.each([0, -1, 1.5, '2', null])('prompt-start pass %j drops that line, named; the rest replays', (pass) => {
		const contents = parseEvents('x.jsonl', [startLine({repeat: 2}), promptStart(pass), promptStart(2)].join('\n') + '\n');
		expect(contents.dropped.map((dropped) => dropped.line)).toEqual([2]);
		expect(contents.events.map((event) => event.type)).toEqual(['run-start', 'prompt-start']);
		expect(reportFromEvents(contents.events).prompts.find((prompt) => prompt.index === 0)?.pass).toBe(2);
	});

	it('a valid soak reads back as written', () => {
		const contents = parseEvents('x.jsonl', [startLine({durationMs: 7_200_000}), promptStart(1)].join('\n') + '\n');
		expect(contents.dropped).toEqual([]);
		expect(contents.events[1]).toMatchObject({type: 'prompt-start', pass: 1});
	});
});
