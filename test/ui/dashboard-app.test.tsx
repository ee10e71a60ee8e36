import {setTimeout as delay} from 'node:timers/promises';
import {vi, describe, expect, it} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {DashboardApp, type DashboardControls} from '../../src/ui/components/DashboardApp.js';
import {displayWidth} from '../../src/ui/text.js';
import type {DashboardMode} from '../../src/ui/view.js';
import {runEvents} from './fixtures.js';
import {renderAt, stripAnsi} from './render-at.js';

const RATES = {activeMs: 5, idleMs: 5};

/** Frames and key handling are asynchronous: a loaded machine needs more than a fixed pause, so wait for the condition itself. */
const eventually = (check: () => void) => vi.waitFor(check, {timeout: 10_000, interval: 10});

function controlsSpy() {
	return {
		quit: vi.fn(),
		togglePause: vi.fn(),
		skipPrompt: vi.fn(),
		submitPrompt: vi.fn(),
		abortPrompt: vi.fn(),
		saveReport: vi.fn(),
	} satisfies DashboardControls;
}

async function mount(mode: DashboardMode, columns = 120, rows = 36, extra: Partial<DashboardControls> = {}) {
	const store = new RunStore();
	store.applyAll(runEvents(mode === 'try' ? 'try' : 'run'));
	const controls = controlsSpy();
	const rendered = renderAt(<DashboardApp store={store} controls={{...controls, ...extra}} mode={mode} rates={RATES} interactive />, columns, rows);
	await eventually(() => expect(stripAnsi(rendered.lastFrame() ?? '').trim()).not.toBe(''));
	const type = async (...inputs: string[]) => {
		for (const input of inputs) {
			rendered.stdin.write(input);
			await delay(15);
		}
	};
	return {store, controls, type, frame: () => stripAnsi(rendered.lastFrame()), rendered};
}

describe('DashboardApp (store, keys, resize)', () => {
	it('draws the store: model, prompts table rendered by ink-table, streaming output', async () => {
		const {frame, rendered} = await mount('run');
		await eventually(() => expect(frame()).toContain('tiny-test-model · llama · Q8_0'));
		await eventually(() => expect(frame()).toMatch(/│\s+1 │ p1\s+│/));
		await eventually(() => expect(frame()).toContain('▸ run'));
		await eventually(() => expect(frame()).toContain('p2-word19'));
		rendered.instance.unmount();
	});

	it('follows the store: a new event shows up in a later frame', async () => {
		const {store, frame, rendered} = await mount('run');
		store.apply({type: 'prompt-end', t: 3800, promptId: 'p2', status: 'ok', response: 'final answer text', outputTokens: 20, score: null});
		await eventually(() => expect(frame()).toContain('final answer text'));
		rendered.instance.unmount();
	});

	it('q, p, s and Ctrl+C call the controls', async () => {
		const {controls, type, rendered} = await mount('run');
		await type('p', 's', 'q', '\u0003');
		await eventually(() => expect(controls.togglePause).toHaveBeenCalledTimes(1));
		await eventually(() => expect(controls.skipPrompt).toHaveBeenCalledTimes(1));
		await eventually(() => expect(controls.quit).toHaveBeenCalledTimes(2));
		rendered.instance.unmount();
	});

	it('+ and - change the chart window; ? opens help; arrows and Enter read a prompt', async () => {
		const {type, frame, rendered} = await mount('run');
		await type('-');
		await eventually(() => expect(frame()).toContain('window 5m'));
		await type('+', '+');
		await eventually(() => expect(frame()).toContain('window 30s'));
		await type('?');
		await eventually(() => expect(frame()).toContain('llmtop help'));
		await type('\u001B');
		await eventually(() => expect(frame()).not.toContain('llmtop help'));
		await type('\u001B[A', '\r');
		await eventually(() => expect(frame()).toContain('> prompt p1'));
		await eventually(() => expect(frame()).toContain('p1-word0'));
		await type('\u001B');
		await eventually(() => expect(frame()).toContain('criteria:'));
		rendered.instance.unmount();
	});

	it('try: the Ctrl+S confirmation is a passing notice, not a WARNING; the next key clears it, and so does time (issue 15 item 10)', async () => {
		const {controls, type, frame, rendered} = await mount('try');
		controls.saveReport.mockReturnValue('report of the tryouts so far saved to /tmp/t.json');
		await type('\u0013');
		await eventually(() => expect(frame()).toContain('✓ report of the tryouts so far saved to /tmp/t.json'));
		expect(frame()).not.toMatch(/WARNING[^\n]*saved to/);
		await type('x');
		await eventually(() => expect(frame()).not.toContain('saved to'));
		await eventually(() => expect(frame()).toContain('› x█'));
		await type('\u0013');
		await eventually(() => expect(frame()).toContain('saved to /tmp/t.json'));
		// No key: it goes after a few seconds (NOTICE_MS), the key hints come back.
		await eventually(() => expect(frame()).not.toContain('saved to'));
		expect(frame()).toContain('Enter run');
		rendered.instance.unmount();
	});

	it('try: a prompt typed while another runs shows as queued on the input line (issue 15 item 10)', async () => {
		let queued = 0;
		const {type, frame, rendered} = await mount('try', 120, 36, {submitPrompt: () => void queued++, queuedPrompts: () => queued});
		await eventually(() => expect(frame()).toMatch(/try \(p2 running, Esc aborts\) › /));
		await type('n', 'e', 'x', 't', '\r');
		await eventually(() => expect(frame()).toMatch(/try \(p2 running, 1 queued, Esc aborts\) › /));
		// It leaves the queue when it starts (read each second without a key).
		queued = 0;
		await eventually(() => expect(frame()).toMatch(/try \(p2 running, Esc aborts\) › /));
		rendered.instance.unmount();
	});

	it('ENDED: the footer offers no pause or skip and says where the report and events went, once written (issue 15 item 10)', async () => {
		const store = new RunStore();
		store.applyAll(runEvents('run'));
		store.apply({type: 'run-end', t: store.now + 100, complete: true, reason: 'done', finishedAt: '2026-01-01T00:00:00.000Z'});
		let saved: string | undefined = undefined;
		const rendered = renderAt(<DashboardApp store={store} controls={controlsSpy()} mode="run" rates={RATES} interactive saved={() => saved} />, 120, 36);
		const frame = () => stripAnsi(rendered.lastFrame());
		await eventually(() => expect(frame()).toContain('ENDED'));
		expect(frame()).toMatch(/\? help · q quit · \+\/- zoom/);
		expect(frame()).not.toMatch(/p pause|s skip/);
		// Written after the end: the footer picks it up within a second, without a key or an event.
		saved = 'report out/r.json · events out/e.ndjson';
		await eventually(() => expect(frame()).toContain('? help · q quit · report out/r.json · events out/e.ndjson · +/- zoom'));
		rendered.instance.unmount();
	});

	it('try: typing goes to the input, Enter submits, Esc aborts, Ctrl+S saves, Ctrl+Q quits', async () => {
		const {controls, type, frame, rendered} = await mount('try');
		await type('q', 'u', 'e', 's', 't');
		await eventually(() => expect(frame()).toContain('› quest█'));
		await eventually(() => expect(controls.quit).not.toHaveBeenCalled());
		await type('\r');
		await eventually(() => expect(controls.submitPrompt).toHaveBeenCalledWith('quest'));
		await type('\u001B');
		await eventually(() => expect(controls.abortPrompt).toHaveBeenCalledTimes(1));
		await type('\u0013', '\u0011');
		await eventually(() => expect(controls.saveReport).toHaveBeenCalledTimes(1));
		await eventually(() => expect(controls.quit).toHaveBeenCalledTimes(1));
		await type('\u001B[A');
		await eventually(() => expect(frame()).toContain('› quest█'));
		rendered.instance.unmount();
	});

	it('re-lays out on resize: compact at 80x24 with nothing wider than 80, then full again', async () => {
		const {frame, rendered} = await mount('run');
		rendered.stdout.resize(80, 24);
		await eventually(() => {
			const compact = frame().split('\n');
			expect(compact.length).toBeLessThanOrEqual(23);
			for (const line of compact) expect(displayWidth(line)).toBeLessThanOrEqual(80);
			expect(frame()).not.toContain('criteria:');
		});
		rendered.stdout.resize(120, 36);
		await eventually(() => expect(frame()).toContain('criteria:'));
		rendered.instance.unmount();
	});
});
