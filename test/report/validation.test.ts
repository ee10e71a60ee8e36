import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {hostname, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {acquireEventsLock, EventsLockedError, eventsLockPath, readEventsLock} from '../../src/report/events-lock.js';
import {parseEvents} from '../../src/report/events-file.js';
import {parseReport} from '../../src/report/read-report.js';
import {firstSchemaProblem} from '../../src/report/schema-check.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-valid-'));
const EVENTS = readFileSync(fileURLToPath(new URL('../fixtures/events/tiny-smoke.jsonl', import.meta.url)), 'utf8');
const BASE = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/reports/base.json', import.meta.url)), 'utf8')) as {prompts: Record<string, unknown>[]};

describe('report validation names the path in the file', () => {
	it('prompts[N].e2eMs: expected number', () => {
		const report = structuredClone(BASE);
		const index = report.prompts.length - 1;
		(report.prompts[index] as Record<string, unknown>)['e2eMs'] = 'fast';
		expect(() => parseReport('r.json', JSON.stringify(report))).toThrow(
			`r.json: not a valid llmtop/report@2 report: prompts[${index}].e2eMs: expected number or null, got string "fast"`,
		);
	});

	it('the schema checker: types, enums, required keys, minimum, $ref and oneOf', () => {
		const schema = {
			type: 'object',
			required: ['a'],
			properties: {a: {$ref: '#/$defs/n'}, b: {oneOf: [{type: 'null'}, {enum: ['x']}]}},
			$defs: {n: {type: 'integer', minimum: 0}},
		};
		expect(firstSchemaProblem({a: 1}, schema)).toBeUndefined();
		expect(firstSchemaProblem({}, schema)).toBe('a: missing');
		expect(firstSchemaProblem({a: -1}, schema)).toBe('a: expected at least 0, got -1');
		expect(firstSchemaProblem({a: 1, b: 'y'}, schema)).toBe('b: expected one of "x", got string "y"');
	});
});

describe('events validation', () => {
	const lines = EVENTS.trimEnd().split('\n');

	it('events@99 is refused by name', () => {
		const start = {...(JSON.parse(lines[0] ?? '{}') as object), schema: 'llmtop/events@99'};
		expect(() => parseEvents('e.jsonl', [JSON.stringify(start), ...lines.slice(1)].join('\n'))).toThrow(
			'e.jsonl: is llmtop/events@99; this llmtop reads llmtop/events@2 and llmtop/events@1',
		);
	});

	it('an event at t = 1e308 is dropped with the reason, and the rest replays', () => {
		const event = JSON.parse(lines[3] ?? '{}') as {t: number; type: string};
		event.t = 1e308;
		const {dropped, events} = parseEvents('e.jsonl', [...lines.slice(0, 3), JSON.stringify(event), ...lines.slice(4)].join('\n'));
		expect(dropped).toEqual([
			{line: 4, reason: expect.stringMatching(new RegExp(`^${event.type} event: t: expected at most 31536000000, got 1e\\+308$`)) as string},
		]);
		expect(events).toHaveLength(lines.length - 1);
	});

	it('without run-end the file reads as not ended; a second run in the same file is left out', () => {
		expect(parseEvents('e.jsonl', lines.slice(0, -1).join('\n')).ended).toBe(false);
		expect(parseEvents('e.jsonl', lines.join('\n')).ended).toBe(true);
		const twice = parseEvents('e.jsonl', [...lines, ...lines].join('\n'));
		expect(twice.events).toHaveLength(lines.length);
		expect(twice.dropped.at(-1)?.reason).toMatch(/a second run starts here/);
	});
});

describe('the events lock', () => {
	it('is taken, read as live, refused to a second writer, and removed on release', () => {
		const events = join(dir, 'a.jsonl');
		const lock = acquireEventsLock(events);
		const state = readEventsLock(events);
		expect(state).toEqual({state: 'live', lock: {pid: process.pid, host: hostname(), startedAt: expect.any(String) as string}});
		expect(() => acquireEventsLock(events)).toThrow(EventsLockedError);
		lock.release();
		expect(readEventsLock(events)).toEqual({state: 'none'});
	});

	it("a stale lock (dead PID, this host) is taken over with a warning; another host's is refused", () => {
		const events = join(dir, 'b.jsonl');
		writeFileSync(eventsLockPath(events), JSON.stringify({pid: 2 ** 22 + 1, host: hostname(), startedAt: 'then'}));
		expect(readEventsLock(events).state).toBe('stale');
		const warnings: string[] = [];
		acquireEventsLock(events, (message) => warnings.push(message)).release();
		expect(warnings).toEqual([expect.stringMatching(/took over the lock .* of PID 4194305/)]);
		writeFileSync(eventsLockPath(events), JSON.stringify({pid: 1, host: 'elsewhere', startedAt: 'then'}));
		expect(() => acquireEventsLock(events)).toThrow(/on host elsewhere/);
	});
});
