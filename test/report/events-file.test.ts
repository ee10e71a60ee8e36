import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {EventsFileError, EventsRecorder, readEventsFile} from '../../src/report/events-file.js';
import {writeFileAtomic} from '../../src/files/atomic-file.js';
import {type RunEvent} from '../../src/run/events.js';
import {runStart} from '../run/fixtures/small-run.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-events-'));
const phase = (t: number): RunEvent => ({type: 'phase', t, name: 'prompts'});
const start: RunEvent = runStart();

describe('EventsRecorder', () => {
	it('writes queued events on flush and close, one JSON object per line', () => {
		const path = join(dir, 'a.jsonl');
		const recorder = new EventsRecorder(path, {flushMs: 10_000});
		recorder.record(start);
		recorder.record(phase(5));
		expect(readFileSync(path, 'utf8')).toBe('');
		recorder.flush();
		expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
		recorder.record(phase(6));
		recorder.close();
		recorder.record(phase(7));
		const {events} = readEventsFile(path);
		expect(events.map((e) => e.t)).toEqual([0, 5, 6]);
	});
});

describe('readEventsFile', () => {
	it('keeps whole lines and reports a cut-off last line', () => {
		const path = join(dir, 'cut.jsonl');
		writeFileSync(path, `${JSON.stringify(start)}\n${JSON.stringify(phase(1))}\n{"type":"sam`);
		const {events, dropped} = readEventsFile(path);
		expect(events).toHaveLength(2);
		expect(dropped).toEqual([{line: 3, reason: 'cut off (incomplete last line)'}]);
	});

	it.each([
		['missing', undefined, 'no such file'],
		['empty', '', 'empty file'],
		['garbage', 'hello\n', 'no readable events'],
		['no start', `${JSON.stringify(phase(1))}\n`, 'does not start with a run-start event'],
		['newer', `${JSON.stringify({...start, schema: 'llmtop/events@3'})}\n`, 'is llmtop/events@3; this llmtop reads llmtop/events@2 and llmtop/events@1'],
		['unversioned', `${JSON.stringify({type: 'run-start', t: 0})}\n`, 'has no "schema" in its run-start event'],
	])('refuses a %s file', (name, content, message) => {
		const path = join(dir, `${name}.jsonl`);
		if (content !== undefined) writeFileSync(path, content);
		expect(() => readEventsFile(path)).toThrow(EventsFileError);
		expect(() => readEventsFile(path)).toThrow(message);
	});
});

describe('writeFileAtomic', () => {
	it('replaces the file and leaves no temporary behind', () => {
		const sub = mkdtempSync(join(dir, 'atomic-'));
		const path = join(sub, 'r.json');
		writeFileAtomic(path, 'one');
		writeFileAtomic(path, 'two');
		expect(readFileSync(path, 'utf8')).toBe('two');
		expect(() => writeFileAtomic(join(sub, 'missing', 'r.json'), 'x')).toThrow();
		expect(readFileSync(path, 'utf8')).toBe('two');
	});
});
