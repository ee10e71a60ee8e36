import {setTimeout as delay} from 'node:timers/promises';
import {vi, describe, expect, it} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {startDashboard} from '../../src/ui/index.js';
import {runEvents} from './fixtures.js';
import {FakeStdin, FakeStdout, stripAnsi} from './render-at.js';

function start(options: {isTTY?: boolean; noColor?: boolean; env?: NodeJS.ProcessEnv} = {}) {
	const stdout = new FakeStdout(120, 36);
	stdout.isTTY = options.isTTY ?? true;
	const stdin = new FakeStdin();
	const store = new RunStore();
	store.applyAll(runEvents());
	const controls = {quit: vi.fn(), togglePause: vi.fn(), skipPrompt: vi.fn()};
	const handle = startDashboard({
		store,
		controls,
		mode: 'run',
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		noColor: options.noColor ?? true,
		env: options.env ?? {},
		rates: {activeMs: 5, idleMs: 5},
	});
	return {stdout, stdin, store, controls, handle, output: () => stdout.frames.join('')};
}

describe('startDashboard', () => {
	it('draws on the alternate screen and gives the terminal back on unmount', async () => {
		const {handle, output} = start();
		await delay(40);
		expect(output().startsWith('\u001B[?1049h')).toBe(true);
		expect(stripAnsi(output())).toContain('tiny-test-model');
		handle.unmount();
		await handle.waitUntilExit();
		expect(output()).toContain('\u001B[?1049l');
		expect(output().endsWith('\u001B[?25h')).toBe(true);
		expect(handle.frames().count).toBeGreaterThan(0);
		expect(handle.frames().totalMs).toBeGreaterThan(0);
		handle.unmount();
		expect(output().split('\u001B[?1049l')).toHaveLength(2);
	});

	it('restores the terminal when rendering fails, and waitUntilExit rejects', async () => {
		const stdout = new FakeStdout(120, 36);
		stdout.isTTY = true;
		const broken = Object.create(RunStore.prototype, {
			version: {get: () => 0},
			subscribe: {value: () => () => {}},
			runStart: {
				get: () => {
					throw new Error('store exploded');
				},
			},
		}) as RunStore;
		const handle = startDashboard({
			store: broken,
			controls: {quit() {}, togglePause() {}, skipPrompt() {}},
			mode: 'run',
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
			noColor: true,
			env: {},
		});
		await expect(handle.waitUntilExit()).rejects.toThrow('store exploded');
		const output = stdout.frames.join('');
		expect(output).toContain('\u001B[?1049l');
		expect(output.endsWith('\u001B[?25h')).toBe(true);
	});

	it('restores the terminal when building a later frame fails', async () => {
		const {handle, store, output} = start();
		await delay(30);
		Object.defineProperty(store, 'runStart', {
			get: () => {
				throw new Error('late failure');
			},
		});
		store.apply({type: 'warning', t: 9000, code: 'x', message: 'trigger a frame'});
		await expect(handle.waitUntilExit()).rejects.toThrow('late failure');
		expect(output()).toContain('\u001B[?1049l');
	});

	it('maps Ctrl+C and q to controls.quit instead of exiting', async () => {
		const {handle, stdin, controls} = start();
		await delay(30);
		stdin.write('\u0003');
		await delay(10);
		stdin.write('q');
		await delay(10);
		expect(controls.quit).toHaveBeenCalledTimes(2);
		handle.unmount();
	});

	it('stays on the main screen when stdout is not a TTY', async () => {
		const {handle, output} = start({isTTY: false});
		await delay(30);
		handle.unmount();
		expect(output()).not.toContain('\u001B[?1049h');
	});

	it('clears the screen when the terminal size changes', async () => {
		const {handle, stdout, output} = start();
		await delay(30);
		stdout.resize(80, 24);
		await delay(30);
		expect(output()).toContain('\u001B[2J\u001B[H');
		handle.unmount();
	});

	it('colours only when allowed: NO_COLOR and FORCE_COLOR=0 turn it off', async () => {
		for (const [env, coloured] of [
			[{}, true],
			[{NO_COLOR: '1'}, false],
			[{FORCE_COLOR: '0'}, false],
		] as const) {
			const {handle, output} = start({noColor: false, env});
			await delay(30);
			handle.unmount();
			expect(/\u001B\[3\dm/.test(output())).toBe(coloured);
		}
	});
});
