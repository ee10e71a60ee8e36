/**
 * Issue 15: when only the clock moved, the dashboard writes the new clock
 * in place (one small cursor-addressed write) instead of an Ink frame; a
 * store change still gets its full frame, which draws the current clock.
 * On a fake TTY (`CI` is unset by test/setup/terminal-env.ts, else Ink
 * would draw nothing).
 */
import {setTimeout as delay} from 'node:timers/promises';
import {describe, expect, it, vi} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {startDashboard, type DashboardOptions} from '../../src/ui/index.js';
import {runEvents} from './fixtures.js';
import {FakeStdin, FakeStdout, stripAnsi} from './render-at.js';

/** Store changes are drawn at most every 3 s, so a clock tick comes between two of them. */
const RATES = {activeMs: 3000, idleMs: 3000};
const CLOCK_WRITE = /^\u001B7\u001B\[(\d+);(\d+)H([^\u001B]+)\u001B8$/;

const eventually = (check: () => void) => vi.waitFor(check, {timeout: 10_000, interval: 20});

async function start(options: Partial<DashboardOptions> = {}) {
	const stdout = new FakeStdout(120, 36);
	stdout.isTTY = true;
	const stdin = new FakeStdin();
	stdin.isTTY = false;
	const store = new RunStore();
	store.applyAll(runEvents());
	const handle = startDashboard({
		store,
		controls: {quit: vi.fn(), togglePause: vi.fn(), skipPrompt: vi.fn()},
		mode: 'run',
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		noColor: true,
		env: {},
		rates: RATES,
		...options,
	});
	const last = store.lastSample;
	if (!last) throw new Error('the fixture has samples');
	// The first store change is drawn at once; after it, changes wait for the 3 s frame rate.
	store.apply({...last, t: store.now});
	await eventually(() => expect(handle.frames().count).toBeGreaterThanOrEqual(2));
	// Past Ink's deferred frames (its frame-rate cap) and the first clock tick.
	await delay(1200);
	/** Moves the run's clock by `ms` with a sample (a store change, drawn at the next frame). */
	const advance = (ms: number) => store.apply({...last, t: store.now + ms});
	return {stdout, store, handle, advance};
}

/** The Ink frames among the writes from `from` on: those with the state line (not the clock writes, nor Ink's synchronized-output brackets). */
function inkFrames(stdout: FakeStdout, from = 0): string[] {
	return stdout.frames.slice(from).filter((write) => !CLOCK_WRITE.test(write) && stripAnsi(write).includes('verdict '));
}

/** The state line (the header's second line) of an Ink frame. */
function stateLine(frame: string): string {
	const line = stripAnsi(frame)
		.split('\n')
		.find((text) => text.startsWith('verdict '));
	if (line === undefined) throw new Error('no state line in the frame');
	return line;
}

describe('the clock alone (issue 15: redraw only what changed)', () => {
	it('a clock-only change is one cursor-addressed write of the new clock, at its place in the state line, and no Ink frame', async () => {
		const {stdout, handle, advance} = await start();
		const frames = handle.frames();
		const writes = stdout.frames.length;
		const lastFrame = inkFrames(stdout).at(-1) ?? '';
		expect(stateLine(lastFrame)).toContain(' · 0:03 · ');
		advance(1000);
		await eventually(() => expect(stdout.frames.length).toBeGreaterThan(writes));
		const written = stdout.frames.slice(writes);
		expect(written).toHaveLength(1);
		const [, row, column, text] = CLOCK_WRITE.exec(written[0] ?? '') ?? [];
		expect(text).toBe('0:04');
		// Row 2 is the state line; the column is where Ink drew the clock.
		expect(Number(row)).toBe(2);
		expect(Number(column)).toBe(stateLine(lastFrame).indexOf(' · 0:03 · ') + ' · '.length + 1);
		expect(handle.frames().count).toBe(frames.count);
		expect(handle.frames().clockWrites).toBe(frames.clockWrites + 1);
		handle.unmount();
	});

	it('the store change that follows is a full Ink frame, and it draws the current clock', async () => {
		const {stdout, handle, advance} = await start();
		const frames = handle.frames().count;
		const writes = stdout.frames.length;
		advance(1000);
		await eventually(() => expect(handle.frames().clockWrites).toBe(1));
		expect(handle.frames().count).toBe(frames);
		await eventually(() => expect(handle.frames().count).toBe(frames + 1));
		const [frame] = inkFrames(stdout, writes);
		expect(stateLine(frame ?? '')).toContain(' · 0:04 · ');
		handle.unmount();
	});

	it('with incremental rendering, the next frame rewrites the state line with the current clock (Ink still holds the old one)', async () => {
		const {stdout, handle, advance} = await start({incrementalRendering: true});
		const writes = stdout.frames.length;
		advance(1000);
		await eventually(() => expect(handle.frames().clockWrites).toBe(1));
		advance(100);
		const frames = handle.frames().count;
		await eventually(() => expect(handle.frames().count).toBe(frames + 1));
		const frame = inkFrames(stdout, writes).join('');
		expect(stripAnsi(frame)).toContain('verdict FAIL · phase prompts · 0:04 · ');
		handle.unmount();
	});

	it('frozen (f): the clock tick neither writes the clock nor draws a frame (store frames still come)', async () => {
		const stdin = new FakeStdin();
		const {stdout, handle, advance} = await start({stdin: stdin as unknown as NodeJS.ReadStream});
		stdin.write('f');
		await eventually(() => expect(stripAnsi(inkFrames(stdout).at(-1) ?? '')).toContain('FROZEN · '));
		await delay(500);
		const writes = stdout.frames.length;
		advance(1000);
		await delay(1500);
		expect(handle.frames().clockWrites).toBe(0);
		expect(stdout.frames.slice(writes).filter((write) => CLOCK_WRITE.test(write))).toEqual([]);
		handle.unmount();
	});

	it('off the alternate screen (the frame could be anywhere): a clock move is a full frame, as before', async () => {
		const {stdout, handle, advance} = await start({alternateScreen: false});
		const frames = handle.frames().count;
		const writes = stdout.frames.length;
		advance(1000);
		await eventually(() => expect(handle.frames().count).toBe(frames + 1));
		expect(handle.frames().clockWrites).toBe(0);
		expect(stateLine(inkFrames(stdout, writes)[0] ?? '')).toContain(' · 0:04 · ');
		handle.unmount();
	});
});
