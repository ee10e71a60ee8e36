import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {argvOf} from '../../src/cli/commands/detach.js';
import {RUN_FLAGS} from '../../src/cli/commands/run.js';
import {parseFlags} from '../../src/cli/args.js';
import {newestRunEvents, newRunId, runsDir} from '../../src/cli/state-dir.js';
import {tempDir} from '../e2e/helpers.js';

describe('run --detach helpers', () => {
	it('argvOf gives back the parsed flags without --detach', () => {
		const argv = ['--model', 'synthetic:tiny', '--tags', 'a,b', '--threads', '2', '--no-canary', '--detach', '--report', 'r.json'];
		const parsed = parseFlags(argv, RUN_FLAGS, 0);
		const again = argvOf(parsed.flags);
		expect(again).not.toContain('--detach');
		const {detach, ...rest} = parsed.flags;
		expect(detach).toBe(true);
		expect(parseFlags(again, RUN_FLAGS, 0).flags).toEqual(rest);
	});

	it('runsDir honours an absolute XDG_STATE_HOME, else ~/.local/state', () => {
		expect(runsDir({XDG_STATE_HOME: '/s', HOME: '/h'})).toBe('/s/llmtop/runs');
		expect(runsDir({XDG_STATE_HOME: 'relative', HOME: '/h'})).toBe('/h/.local/state/llmtop/runs');
		expect(runsDir({HOME: '/h'})).toBe('/h/.local/state/llmtop/runs');
	});

	it('run ids sort by start time; the newest folder is followed', () => {
		expect(newRunId(new Date('2026-12-07T05:51:10.123Z'), 42)).toBe('20261207T055110Z-42');
		const state = tempDir('llmtop-state-');
		const env = {XDG_STATE_HOME: state};
		expect(newestRunEvents(env)).toBeUndefined();
		for (const id of ['20261207T055110Z-42', '20261207T060000Z-7', '20261206T235959Z-99', 'not-a-run']) mkdirSync(join(runsDir(env), id), {recursive: true});
		expect(newestRunEvents(env)).toBe(join(runsDir(env), '20261207T060000Z-7', 'events.jsonl'));
	});
});
