import {appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {EventsFileError} from '../../src/report/events-file.js';
import {EventsFollower} from '../../src/watch/events-follower.js';
import {ROOT, tempDir} from '../e2e/helpers.js';

const LINES = readFileSync(join(ROOT, 'test', 'fixtures', 'events', 'tiny-smoke.jsonl'), 'utf8')
	.split('\n')
	.filter(Boolean);

describe('EventsFollower', () => {
	it('reads only whole lines: a cut-off last line waits for its end', () => {
		const path = join(tempDir('llmtop-follow-'), 'e.jsonl');
		writeFileSync(path, '');
		const follower = new EventsFollower(path);
		expect(follower.poll().events).toEqual([]);
		const text = `${LINES.slice(0, 3).join('\n')}\n`;
		const cut = text.length - 10;
		appendFileSync(path, text.slice(0, cut));
		const first = follower.poll();
		expect(first.events.map((event) => event.type)).toEqual(['run-start', 'phase']);
		expect(first.dropped).toEqual([]);
		appendFileSync(path, text.slice(cut));
		const second = follower.poll();
		expect(second.events).toEqual([JSON.parse(LINES[2] ?? '')]);
		expect(second.dropped).toEqual([]);
	});

	it('reads a whole file in one poll, as replay would', () => {
		const path = join(tempDir('llmtop-follow-'), 'e.jsonl');
		writeFileSync(path, `${LINES.join('\n')}\n`);
		const {events} = new EventsFollower(path).poll();
		expect(events).toHaveLength(LINES.length);
		expect(events.at(-1)?.type).toBe('run-end');
	});

	it('names a truncated file and a replaced one', () => {
		const dir = tempDir('llmtop-follow-');
		const path = join(dir, 'e.jsonl');
		writeFileSync(path, `${LINES.slice(0, 5).join('\n')}\n`);
		const follower = new EventsFollower(path);
		expect(follower.poll().events).toHaveLength(5);
		truncateSync(path, 10);
		expect(follower.poll().reset).toBe('truncated');

		const other = join(dir, 'other.jsonl');
		const path2 = join(dir, 'e2.jsonl');
		writeFileSync(path2, `${LINES.slice(0, 5).join('\n')}\n`);
		const follower2 = new EventsFollower(path2);
		follower2.poll();
		writeFileSync(other, `${LINES.join('\n')}\n`);
		renameSync(other, path2);
		expect(follower2.poll().reset).toBe('replaced');
	});

	it('refuses a file whose first line is not a run-start event', () => {
		const path = join(tempDir('llmtop-follow-'), 'e.jsonl');
		writeFileSync(path, `${LINES[2]}\n`);
		expect(() => new EventsFollower(path).poll()).toThrow(EventsFileError);
		writeFileSync(path, 'hello world\n');
		expect(() => new EventsFollower(path).poll()).toThrow(/not an llmtop events file/);
	});

	it('drops a line in the middle that is not an event and goes on', () => {
		const path = join(tempDir('llmtop-follow-'), 'e.jsonl');
		writeFileSync(path, `${LINES[0]}\n{"nope":1}\n${LINES[1]}\n`);
		const step = new EventsFollower(path).poll();
		expect(step.events).toHaveLength(2);
		expect(step.dropped).toEqual([{line: 2, reason: 'not an llmtop event'}]);
	});
});
