/**
 * Token stalls injected into a real token stream (an events file of a
 * headless run), then found again by the run store's ITL spike detector.
 *
 * A stall at token k lengthens the gap before k to `factor` x the run's
 * median gap; token k and every later event move by the added time, as they
 * would after a real pause. Spikes the original stream already had (natural
 * stalls) are told apart by token identity and counted separately, so
 * precision measures only detections that match nothing at all.
 */
import type {RunEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';
import type {Spike} from '../../src/run/types.js';
import {matchDetections, type Detection, type MatchResult, type Span} from './matching.js';
import {median} from './stats.js';

/** Where stalls go. */
export interface StallPlan {
	/** First token index (within a prompt) that may stall: the detector must have a baseline. */
	firstIndex: number;
	/** Tokens between stalls (counted over the whole run). */
	everyTokens: number;
	/** Stall lengths as multiples of the median gap, used in turn. */
	factors: readonly number[];
}

/** One injected stall: the gap before token `index` of `promptId`. */
export interface InjectedStall extends Span {
	promptId: string;
	index: number;
	factor: number;
	addedMs: number;
}

/** The stream with stalls, and where they are. */
export interface InjectedStream {
	events: RunEvent[];
	stalls: InjectedStall[];
	medianGapMs: number | null;
}

/** Gaps between consecutive tokens of the same prompt, in order. */
export function tokenGaps(events: readonly RunEvent[]): number[] {
	const last = new Map<string, number>();
	const gaps: number[] = [];
	for (const event of events) {
		if (event.type !== 'token') continue;
		const previous = last.get(event.promptId);
		if (previous !== undefined) gaps.push(event.t - previous);
		last.set(event.promptId, event.t);
	}
	return gaps;
}

/** Injects stalls into `events` (not modified) following `plan`. */
export function injectStalls(events: readonly RunEvent[], plan: StallPlan): InjectedStream {
	const medianGapMs = median(tokenGaps(events));
	const stalls: InjectedStall[] = [];
	const out: RunEvent[] = [];
	const lastT = new Map<string, number>();
	let shift = 0;
	let sinceStall = plan.everyTokens;
	for (const event of events) {
		if (event.type !== 'token' || medianGapMs === null) {
			out.push(event.type === 'run-start' ? event : ({...event, t: event.t + shift} as RunEvent));
			continue;
		}
		const previous = lastT.get(event.promptId);
		sinceStall++;
		if (previous !== undefined && event.index >= plan.firstIndex && sinceStall >= plan.everyTokens) {
			const factor = plan.factors[stalls.length % plan.factors.length] ?? 5;
			const gap = event.t + shift - previous;
			const addedMs = Math.max(0, factor * medianGapMs - gap);
			shift += addedMs;
			stalls.push({promptId: event.promptId, index: event.index, factor, addedMs, start: previous, end: event.t + shift});
			sinceStall = 0;
		}
		const moved: RunEvent = {...event, t: event.t + shift};
		lastT.set(event.promptId, moved.t);
		out.push(moved);
	}
	return {events: out, stalls, medianGapMs};
}

/** ITL spikes the run store finds in `events`. */
export function itlSpikes(events: readonly RunEvent[]): Spike[] {
	const store = new RunStore({maxSpikes: 1_000_000});
	store.applyAll(events);
	return store.spikes.toArray().filter((spike) => spike.metric === 'itl');
}

/** A detected stall, with the token it ended at. */
export interface StallDetection extends Detection {
	key: string | null;
}

/** Recall, precision and timing of the detector on an injected stream. */
export interface StallScore {
	match: MatchResult<InjectedStall, StallDetection>;
	/** Detections at tokens that already spiked in the original stream (not counted against precision). */
	natural: number;
	/** Detections that match neither an injected nor a natural stall. */
	falseDetections: number;
	/** matched / (matched + falseDetections). */
	precision: number | null;
}

/** Scores the store's ITL spikes on `injected` against its stalls, leaving out the original stream's own spikes. */
export function scoreStalls(original: readonly RunEvent[], injected: InjectedStream): StallScore {
	const naturalKeys = new Set(itlSpikes(original).map((spike) => tokenKeyAt(original, spike.t)));
	const detections: StallDetection[] = itlSpikes(injected.events).map((spike) => ({
		start: spike.startT,
		end: spike.startT + spike.durationMs,
		peak: spike.t,
		key: tokenKeyAt(injected.events, spike.t),
	}));
	const injectedKeys = new Set(injected.stalls.map((stall) => `${stall.promptId}#${stall.index}`));
	const natural = detections.filter((d) => d.key !== null && naturalKeys.has(d.key) && !injectedKeys.has(d.key));
	const candidates = detections.filter((d) => !natural.includes(d));
	const match = matchDetections(injected.stalls, candidates, 0);
	const matched = match.matched.length;
	const falseDetections = match.unmatched.length;
	return {match, natural: natural.length, falseDetections, precision: matched + falseDetections === 0 ? null : matched / (matched + falseDetections)};
}

function tokenKeyAt(events: readonly RunEvent[], t: number): string | null {
	for (const event of events) if (event.type === 'token' && event.t === t) return `${event.promptId}#${event.index}`;
	return null;
}
