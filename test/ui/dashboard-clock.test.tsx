/**
 * Issue 15 item 1: the dashboard never looks frozen. With store-driven
 * frames as rare as they get (here: none for a minute), the header's clock
 * still moves every second, and the model's load progress is shown.
 */
import {setTimeout as delay} from 'node:timers/promises';
import {describe, expect, it, vi} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {DashboardApp} from '../../src/ui/components/DashboardApp.js';
import {headerText} from '../../src/ui/components/Header.js';
import {selectHeader} from '../../src/ui/select-view.js';
import {runEvents} from './fixtures.js';
import {renderAt, stripAnsi} from './render-at.js';

const RARE = {activeMs: 60_000, idleMs: 60_000};
const controls = {quit: vi.fn(), togglePause: vi.fn(), skipPrompt: vi.fn()};

describe('the clock moves between frames (issue 15 item 1)', () => {
	it('shows the new second within about a second, though no store frame is due', async () => {
		const store = new RunStore();
		const events = runEvents('run');
		store.applyAll(events);
		const rendered = renderAt(<DashboardApp store={store} controls={controls} mode="run" rates={RARE} interactive={false} />, 120, 36);
		await delay(50);
		const before = stripAnsi(rendered.lastFrame());
		expect(before).toContain(' · 0:03 · ');
		const last = store.lastSample;
		if (!last) throw new Error('the fixture has samples');
		// A store change waits for the 60 s frame rate: only the clock tick can show the new second.
		store.apply({...last, t: store.now + 4000});
		await delay(1300);
		const after = stripAnsi(rendered.lastFrame());
		rendered.instance.unmount();
		expect(after).toContain(' · 0:07 · ');
	});
});

describe('model load progress (issue 15 item 1)', () => {
	it('the header says what opening the model is doing and how far it got, until the model is loaded', () => {
		const store = new RunStore();
		const [runStart] = runEvents('run');
		if (!runStart) throw new Error('fixture');
		store.apply(runStart);
		store.apply({type: 'phase', t: 10, name: 'load'});
		store.setLoadProgress({stage: 'synthesize', fraction: 0.45});
		expect(headerText({...selectHeader(store, 'run'), verdict: 'pending'}, 60_000, 0)[1]).toContain('phase load: writing the synthetic model 45%');
		store.setLoadProgress({stage: 'model', fraction: 0.62});
		expect(headerText({...selectHeader(store, 'run'), verdict: 'pending'}, 60_000, 0)[1]).toContain('phase load: loading the model 62%');
		const loaded = runEvents('run').find((event) => event.type === 'model-loaded');
		if (!loaded) throw new Error('fixture');
		store.apply(loaded);
		expect(store.loadProgress).toBeNull();
	});
});
