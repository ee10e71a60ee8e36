import {describe, expect, it} from 'vitest';
import type {RunEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import type {Spike} from '../../src/run/types.js';
import {listedSpikes} from '../../src/ui/spike-order.js';
import {selectView} from '../../src/ui/select-view.js';
import {spikeTitle} from '../../src/ui/components/SpikeList.js';
import {runEvents} from './fixtures.js';

/** run-start and model-loaded of the fixture run, then `body`. */
function run(body: RunEvent[]): RunStore {
	const store = new RunStore();
	store.applyAll([...runEvents().slice(0, 2), ...body]);
	return store;
}

function sample(t: number, phase: 'load' | 'idle-before' | 'prompts', cpuPct: number, extra: Partial<Extract<RunEvent, {type: 'sample'}>> = {}): RunEvent {
	return {type: 'sample', t, phase, cpuPct, cores: cpuPct / 50, rssBytes: 100 * 1024 ** 2, systemCpuPct: cpuPct + 2, observerCpuPct: 0.2, ...extra};
}

/** Three prompts decoding at 50, 33.3 and 20 tok/s (20 tokens, gaps of 20, 30, 50 ms, after a 200 ms prefill), sampled every 100 ms. */
function threePrompts(): RunEvent[] {
	const events: RunEvent[] = [{type: 'phase', t: 10, name: 'prompts'}];
	const tokens: RunEvent[] = [];
	let start = 100;
	for (const [index, gap] of [20, 30, 50].entries()) {
		const id = `p${index + 1}`;
		tokens.push({type: 'prompt-start', t: start, promptId: id, index, total: 3, promptTokens: 4, prompt: id});
		const first = start + 200;
		for (let token = 0; token < 20; token++) tokens.push({type: 'token', t: first + gap * token, promptId: id, index: token, text: 'w '});
		const end = first + gap * 19;
		tokens.push({type: 'prompt-end', t: end, promptId: id, status: 'ok', response: 'w '.repeat(20), outputTokens: 20, score: null});
		start = end + 300;
	}
	for (let t = 100; t <= start; t += 100) tokens.push(sample(t, 'prompts', 40));
	tokens.sort((a, b) => a.t - b.t);
	return [...events, ...tokens];
}

describe('the tok/s chart agrees with the prompts table', () => {
	const store = run(threePrompts());
	const view = selectView(store, 'run', 60_000);
	const chart = view.charts.find((each) => each.id === 'tokensPerSec');
	const rates = view.prompts.map((row) => row.decodeTokensPerSec as number);

	it('the table has three different rates', () => {
		expect(rates.map((rate) => Math.round(rate * 10) / 10)).toEqual([50, 33.3, 20]);
	});

	it("the title's p50 and max are the table's", () => {
		expect(chart?.stats.p50).toBeCloseTo(rates[1] as number, 6);
		expect(chart?.stats.max).toBeCloseTo(50, 6);
		expect(chart?.stats.current).toBeCloseTo(20, 6);
	});

	it("each prompt's line ends at its tok/s in the table", () => {
		const {t, v} = chart!.primary;
		for (const row of view.prompts) {
			let last = -1;
			for (let index = 0; index < t.length; index++) if ((t[index] as number) <= (row.endMs as number)) last = index;
			expect(v[last]).toBeCloseTo(row.decodeTokensPerSec as number, 6);
		}
	});
});

describe('the interactive-delay (canary) chart', () => {
	it('is selected with the interactive-delay-p99 limit, and says the canary is starting before its first data', () => {
		const view = selectView(run([sample(100, 'load', 10)]), 'run', 60_000);
		const canary = view.charts.find((each) => each.id === 'canary');
		expect(canary?.thresholdOf).toBe('interactive-delay-p99');
		expect(canary?.threshold).toBe(10);
		expect(canary?.note).toBe('canary starting');
	});

	it('draws the lateness the samples carry (the worst of each sample)', () => {
		const view = selectView(run([sample(100, 'load', 10, {canaryLateMs: [0.5, 3]}), sample(200, 'load', 10, {canaryLateMs: [12]})]), 'run', 60_000);
		const canary = view.charts.find((each) => each.id === 'canary');
		expect(canary?.note).toBeUndefined();
		expect([...(canary?.primary.v as number[])]).toEqual([3, 12]);
		expect(canary?.stats.max).toBe(12);
	});
});

describe('the spike list', () => {
	const spike = (t: number, metric: Spike['metric'], phase: Spike['phase']): Spike => ({
		metric,
		t,
		startT: t - 100,
		value: 90,
		baseline: 10,
		durationMs: 100,
		samples: 1,
		phase,
		promptId: phase === 'prompts' ? 'p1' : null,
	});

	it('is in peak-time order, newest first, whatever order the detectors reported them in', () => {
		// A CPU spike is reported when its burst ends, an ITL stall at the next token: the store holds them in report order.
		const reported = [spike(5000, 'cpu', 'prompts'), spike(4950, 'itl', 'prompts'), spike(7000, 'itl', 'prompts'), spike(6000, 'cpu', 'prompts')];
		expect(listedSpikes(reported, 8).map((each) => each.t)).toEqual([7000, 6000, 5000, 4950]);
		expect(listedSpikes(reported, 2).map((each) => each.t)).toEqual([7000, 6000]);
	});

	it('leaves out the spikes of the model load and counts them apart', () => {
		const events: RunEvent[] = [{type: 'phase', t: 1, name: 'load'}];
		for (let t = 100; t <= 3000; t += 100) events.push(sample(t, 'load', t === 2000 ? 90 : 5));
		events.push({type: 'phase', t: 3001, name: 'prompts'});
		for (let t = 3100; t <= 6000; t += 100) events.push(sample(t, 'prompts', t === 5000 ? 90 : 5));
		const view = selectView(run(events), 'run', 60_000);
		expect(view.latestSpikes.map((each) => [each.t, each.phase])).toEqual([[5000, 'prompts']]);
		expect(view.spikeCount).toBe(1);
		expect(view.loadSpikeCount).toBe(1);
		expect(spikeTitle(view.spikeCount, view.loadSpikeCount ?? 0)).toBe('spikes 1 · +1 in load · * ^ on the charts');
	});
});
