import {describe, expect, it} from 'vitest';
import type {StallRecord} from '../../src/engine/test-stall.js';
import type {RunEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import {scoreLiveStalls} from '../../bench/lib/live-stalls.js';
import {stallPlan} from '../../bench/stalls.js';
import {runStart} from '../run/fixtures/small-run.js';

/** The worker's clock is the run clock minus this (the engine maps token times with one offset per prompt). */
const WORKER_OFFSET = 1000;
const GAP = 10;

/**
 * One prompt of 60 tokens 10 ms apart, with extra time before some tokens:
 * stalls the hook made (20: +40 ms = 5x, 40: +15 ms = 2.5x, 50: +22 ms = 3.2x)
 * and one the hook did not make (30: +50 ms, a natural stall).
 */
function run(): {events: RunEvent[]; records: StallRecord[]} {
	const extra = new Map([
		[20, 40],
		[30, 50],
		[40, 15],
		[50, 22],
	]);
	const stalled = new Set([20, 40, 50]);
	const events: RunEvent[] = [
		runStart(['p']),
		{type: 'phase', t: 0, name: 'prompts'},
		{type: 'prompt-start', t: 0, promptId: 'p', index: 0, total: 1, promptTokens: 10},
	];
	const records: StallRecord[] = [];
	let t = 100;
	for (let index = 0; index < 60; index++) {
		const previous = t;
		t += GAP + (extra.get(index) ?? 0);
		if (stalled.has(index)) {
			const start = previous - WORKER_OFFSET + 0.1;
			records.push({promptId: 'p', index, ms: extra.get(index)!, previousT: previous - WORKER_OFFSET, start, end: start + extra.get(index)!});
		}
		events.push({type: 'token', t, promptId: 'p', index});
	}
	events.push({type: 'prompt-end', t: t + 1, promptId: 'p', status: 'ok', response: '', outputTokens: 60});
	// A stall planned past the end of the prompt is never reached.
	records.push({promptId: 'p', index: 70, ms: 5, previousT: 0, start: 0, end: 5});
	return {events, records};
}

describe("scoreLiveStalls, with the run store's own ITL spikes", () => {
	const {events, records} = run();
	const store = new RunStore();
	store.applyAll(events);
	const score = scoreLiveStalls(events, records, store.spikes.toArray());

	it('finds the stalls above the 3x rule and not the one below, as the rule says on the realized gap', () => {
		expect(score.outcomes.map((o) => [o.index, o.detected, o.ruleFires])).toEqual([
			[20, true, true],
			[40, false, false],
			[50, true, true],
		]);
		expect(score.outcomes.map((o) => o.realizedRatio)).toEqual([5, 2.5, 3.2]);
		expect(score.outcomes.map((o) => o.gapMs)).toEqual([50, 25, 32]);
	});

	it("times each detection against the hook's clock, mapped through the token before the stall", () => {
		const [first] = score.outcomes;
		// The stalled token came 10 ms (one decode step) after the sleep ended; the gap opened 0.1 ms before the sleep began.
		expect(first!.peakErrorMs).toBeCloseTo(GAP - 0.1, 9);
		expect(first!.startErrorMs).toBeCloseTo(-0.1, 9);
		expect(first!.sleptMs).toBe(40);
		expect(score.outcomes[1]!.peakErrorMs).toBeUndefined();
	});

	it('counts the natural stall apart, and the stall never reached', () => {
		expect(score.otherSpikes).toBe(1);
		expect(score.unmatchedRecords).toBe(1);
	});
});

describe('stallPlan', () => {
	it('spaces the stalls and rotates the sizes by one per run', () => {
		const settings = {factors: [2, 4, 8], firstIndex: 12, spacing: 8, stallsPerPrompt: 4};
		expect(stallPlan(settings, 0)).toEqual([
			{index: 12, factor: 2},
			{index: 20, factor: 4},
			{index: 28, factor: 8},
			{index: 36, factor: 2},
		]);
		expect(stallPlan(settings, 1).map((s) => s.factor)).toEqual([4, 8, 2, 4]);
	});
});
