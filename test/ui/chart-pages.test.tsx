import {setTimeout as delay} from 'node:timers/promises';
import {describe, expect, it, vi} from 'vitest';
import {RunStore} from '../../src/run/store.js';
import {chartPageCount, chartRows} from '../../src/ui/chart-pages.js';
import {DashboardApp} from '../../src/ui/components/DashboardApp.js';
import {runEvents} from './fixtures.js';
import {renderAt, stripAnsi} from './render-at.js';

const eventually = (check: () => void) => vi.waitFor(check, {timeout: 10_000, interval: 10});

describe('chart pages', () => {
	it('the full layout puts the interactive delay where RSS was; the compact one steps through three pairs', () => {
		expect(chartPageCount('full')).toBe(2);
		expect(chartRows('full', 0)).toEqual([
			['cpu', 'rss'],
			['itl', 'tokensPerSec'],
		]);
		expect(chartRows('full', 1)).toEqual([
			['cpu', 'canary'],
			['itl', 'tokensPerSec'],
		]);
		expect(chartPageCount('compact')).toBe(3);
		expect([0, 1, 2, 3].map((page) => chartRows('compact', page))).toEqual([
			[['cpu', 'rss']],
			[['itl', 'tokensPerSec']],
			[['canary', 'cpu']],
			[['cpu', 'rss']],
		]);
	});
});

async function mount(columns: number, rows: number) {
	const store = new RunStore();
	store.applyAll(runEvents());
	const controls = {quit: vi.fn(), togglePause: vi.fn(), skipPrompt: vi.fn()};
	const rendered = renderAt(<DashboardApp store={store} controls={controls} mode="run" rates={{activeMs: 5, idleMs: 5}} interactive />, columns, rows);
	const frame = () => stripAnsi(rendered.lastFrame() ?? '');
	await eventually(() => expect(frame()).toContain('CPU'));
	const press = async (key: string) => {
		rendered.stdin.write(key);
		await delay(15);
	};
	return {frame, press, rendered};
}

/** Chart titles on screen in reading order (`delay` is the interactive-delay chart). */
function titles(frame: string): string[] {
	const found: [number, string][] = [];
	for (const title of ['CPU', 'RSS', 'ITL', 'tok/s', 'delay']) {
		const at = new RegExp(`(^|[ │])${title.replace('/', '\\/')}  \\S`, 'm').exec(frame);
		if (at) found.push([at.index, title]);
	}
	return found.sort((a, b) => a[0] - b[0]).map(([, title]) => title);
}

describe('c switches to the interactive-delay chart', () => {
	it('at 80x24: CPU/RSS, ITL/tok/s, delay/CPU, and round again', async () => {
		const {frame, press, rendered} = await mount(80, 24);
		await eventually(() => expect(titles(frame())).toEqual(['CPU', 'RSS']));
		expect(frame()).toContain('c charts');
		await press('c');
		await eventually(() => expect(titles(frame())).toEqual(['ITL', 'tok/s']));
		await press('c');
		await eventually(() => expect(titles(frame())).toEqual(['delay', 'CPU']));
		expect(frame()).toContain('canary starting');
		await press('c');
		await eventually(() => expect(titles(frame())).toEqual(['CPU', 'RSS']));
		rendered.instance.unmount();
	});

	it('at 120x36: the delay chart with its limit takes the place of RSS, and c again brings RSS back', async () => {
		const {frame, press, rendered} = await mount(120, 36);
		await eventually(() => expect(titles(frame())).toEqual(['CPU', 'RSS', 'ITL', 'tok/s']));
		await press('c');
		await eventually(() => expect(titles(frame())).toEqual(['CPU', 'delay', 'ITL', 'tok/s']));
		expect(frame()).toMatch(/delay .*lim 10\.0ms/);
		await press('c');
		await eventually(() => expect(titles(frame())).toEqual(['CPU', 'RSS', 'ITL', 'tok/s']));
		rendered.instance.unmount();
	});
});
