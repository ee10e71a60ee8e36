import {describe, expect, it} from 'vitest';
import {injectStalls, itlSpikes, scoreStalls, tokenGaps, type StallPlan} from '../../bench/lib/token-stalls.js';
import type {RunEvent} from '../../src/run/events.js';

const PLAN: StallPlan = {firstIndex: 12, everyTokens: 40, factors: [4, 6, 10]};

/** A run of `prompts` prompts of `tokens` tokens, ~10 ms apart (deterministic jitter), with `extraGap` ms added before listed tokens. */
function stream(prompts: number, tokens: number, extraGap: Record<string, number> = {}): RunEvent[] {
	const events: RunEvent[] = [
		{
			type: 'run-start',
			t: 0,
			schema: 'llmtop/events@2',
			startedAt: '2026-01-01T00:00:00.000Z',
			mode: 'run',
			host: {os: 'linux', platform: 'linux', release: '', arch: 'x64', cpuModel: 'test', logicalCores: 2, totalMemoryBytes: 1, node: 'v20', llamaCppRelease: 'x', engineBuild: 'prebuilt'},
			model: {ref: 'synthetic:tiny', path: '/m.gguf'},
			config: {threads: 1, contextSize: 256, batchSize: 64, gpuLayers: 0, temperature: 0, topP: 1, maxTokens: tokens, intervalMs: 100, idleSeconds: 0, suite: 's'},
			criteria: [],
			suite: {name: 's', path: 's', prompts: []},
		},
		{type: 'phase', t: 0, name: 'prompts'},
	];
	let t = 10;
	for (let p = 0; p < prompts; p++) {
		const promptId = `p${p}`;
		events.push({type: 'prompt-start', t, promptId, index: p, total: prompts, promptTokens: 5});
		t += 50;
		for (let index = 0; index < tokens; index++) {
			if (index > 0) t += 10 + ((index * 7) % 5) * 0.2 + (extraGap[`${promptId}#${index}`] ?? 0);
			events.push({type: 'token', t, promptId, index});
		}
		events.push({type: 'prompt-end', t, promptId, status: 'ok', response: '', outputTokens: tokens});
		t += 100;
	}
	events.push({type: 'run-end', t, complete: true, reason: 'done', finishedAt: '2026-01-01T00:01:00.000Z'});
	return events;
}

describe('injectStalls', () => {
	it('lengthens the gap before every planned token to factor x the median gap', () => {
		const original = stream(2, 128);
		const injected = injectStalls(original, PLAN);
		expect(injected.medianGapMs).toBeCloseTo(10.4, 1);
		expect(injected.stalls.map((s) => `${s.promptId}#${s.index}x${s.factor}`)).toEqual(['p0#12x4', 'p0#52x6', 'p0#92x10', 'p1#12x4', 'p1#52x6', 'p1#92x10']);
		const gaps = new Map<string, number>();
		const last = new Map<string, number>();
		for (const event of injected.events) {
			if (event.type !== 'token') continue;
			const previous = last.get(event.promptId);
			if (previous !== undefined) gaps.set(`${event.promptId}#${event.index}`, event.t - previous);
			last.set(event.promptId, event.t);
		}
		for (const stall of injected.stalls) {
			expect(gaps.get(`${stall.promptId}#${stall.index}`)).toBeCloseTo(stall.factor * injected.medianGapMs!, 6);
			expect(stall.end - stall.start).toBeCloseTo(stall.factor * injected.medianGapMs!, 6);
		}
	});

	it('moves every later event by the time added, keeps the order, and leaves the input alone', () => {
		const original = stream(2, 100);
		const copy = structuredClone(original);
		const injected = injectStalls(original, PLAN);
		expect(original).toEqual(copy);
		expect(injected.events).toHaveLength(original.length);
		const times = injected.events.map((e) => e.t);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		const added = injected.stalls.reduce((sum, s) => sum + s.addedMs, 0);
		expect(injected.events.at(-1)!.t - original.at(-1)!.t).toBeCloseTo(added, 6);
		expect(tokenGaps(injected.events)).toHaveLength(tokenGaps(original).length);
	});

	it('does nothing to a stream without tokens', () => {
		const events = stream(0, 0);
		expect(injectStalls(events, PLAN)).toEqual({events, stalls: [], medianGapMs: null});
	});
});

describe('scoreStalls', () => {
	it('the store finds every injected stall at the stalled token, and nothing else', () => {
		const original = stream(3, 128);
		expect(itlSpikes(original)).toEqual([]);
		const injected = injectStalls(original, PLAN);
		const score = scoreStalls(original, injected);
		expect(score.match.recall).toBe(1);
		expect(score.precision).toBe(1);
		expect(score.natural).toBe(0);
		expect(score.falseDetections).toBe(0);
		for (const {event, detection} of score.match.matched) {
			expect(detection.peak).toBe(event.end);
			expect(detection.start).toBeCloseTo(event.start, 9);
		}
	});

	it('a stall the stream already had is counted as natural, not as a false detection', () => {
		const original = stream(1, 128, {'p0#30': 60});
		expect(itlSpikes(original)).toHaveLength(1);
		const score = scoreStalls(original, injectStalls(original, PLAN));
		expect(score.natural).toBe(1);
		expect(score.falseDetections).toBe(0);
		expect(score.match.recall).toBe(1);
	});

	it('a stall below the rule (2x the median) is missed: recall says so', () => {
		const original = stream(1, 128);
		const score = scoreStalls(original, injectStalls(original, {firstIndex: 12, everyTokens: 40, factors: [2]}));
		expect(score.match.recall).toBe(0);
		expect(score.match.missed).toHaveLength(3);
	});
});
