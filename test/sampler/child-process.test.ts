import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {detachFromLoop, helperEnv, spawned, terminate} from '../../src/sampler/child-process.js';
import {needsPosix} from '../setup/skip.js';

const processHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === 'ProcessWrap').length;

describe.skipIf(needsPosix('the helper plumbing uses POSIX signals and process groups'))('helper process plumbing', () => {
	it('a detached helper does not hold the event loop, but terminate() holds it until the helper has exited', async () => {
		const before = processHandles();
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: ['ignore', 'pipe', 'pipe'], env: helperEnv()});
		await spawned(child);
		expect(processHandles()).toBe(before + 1);
		detachFromLoop(child);
		expect(processHandles()).toBe(before);
		const done = terminate(child);
		expect(processHandles()).toBe(before + 1);
		await done;
		expect(child.signalCode).toBe('SIGTERM');
	});

	it('runs helpers without NODE_OPTIONS', () => {
		const saved = process.env.NODE_OPTIONS;
		process.env.NODE_OPTIONS = '--max-old-space-size=64';
		try {
			expect(helperEnv().NODE_OPTIONS).toBeUndefined();
			expect(helperEnv().PATH).toBe(process.env.PATH);
		} finally {
			if (saved === undefined) delete process.env.NODE_OPTIONS;
			else process.env.NODE_OPTIONS = saved;
		}
	});
});
