/**
 * Scoring stalls injected live (`LLMTOP_TEST_STALL`, `src/engine/test-stall.ts`)
 * against what llmtop detected. Pure: the token events of the run, the hook's
 * records (on the engine worker's clock) and the run's ITL spikes in.
 *
 * Clocks: each record carries the timestamp of the token before the stall as
 * the decode loop stamped it; the same token in the events file is on the
 * run clock. Their difference maps the hook's sleep start and end onto the
 * run clock (per prompt: the engine maps token times with one offset per
 * prompt). The timestamp error is then the detected spike's time minus the
 * end of the sleep: the stalled token comes one decode step after the sleep.
 *
 * Truth near the threshold: the detector compares a gap with the median of
 * the previous 31 gaps (the run's gap series, across prompts, as the store
 * feeds it). The realized ratio of each stall (its gap / that median) is
 * computed here the same way, so "should it have fired" is known per stall.
 */
import type {RunEvent, TokenEvent} from '../../src/run/events.js';
import {RollingMedian} from '../../src/run/rolling-median.js';
import {ITL_SPIKE_RULE} from '../../src/run/spikes.js';
import type {Spike} from '../../src/run/types.js';
import type {StallRecord} from '../../src/engine/test-stall.js';

/** One injected stall and what became of it. */
export interface StallOutcome {
	promptId: string;
	index: number;
	/** Asked sleep, and the sleep the hook measured, ms. */
	askedMs: number;
	sleptMs: number;
	/** The gap before the stalled token, ms (run clock), and the median of the 31 gaps before it. */
	gapMs: number;
	baselineMs: number | null;
	/** gap / baseline. */
	realizedRatio: number | null;
	/** Whether the rule (>= 3x baseline and >= 5 ms above it) says this gap is elevated. */
	ruleFires: boolean;
	detected: boolean;
	/** Detected spike's t minus the sleep's end, and its start minus the sleep's start (run clock), ms. */
	peakErrorMs?: number;
	startErrorMs?: number;
}

/** Outcomes of every record, and the ITL spikes that match no stall. */
export interface StallScore {
	outcomes: StallOutcome[];
	/** Spikes whose span holds no stalled token (natural stalls of the machine, or false). */
	otherSpikes: number;
	/** Records whose tokens are not in the events (a prompt that ended early). */
	unmatchedRecords: number;
}

/** Slack for float sums of gaps and rounded times, ms. */
const EPSILON = 0.01;

const key = (promptId: string, index: number): string => `${promptId}#${index}`;

/** Scores `records` against the token `events` and the run's ITL `spikes`. */
export function scoreLiveStalls(events: readonly RunEvent[], records: readonly StallRecord[], spikes: readonly Spike[]): StallScore {
	const tokens = new Map<string, TokenEvent>();
	const baselineAt = new Map<string, number | null>();
	const rolling = new RollingMedian(ITL_SPIKE_RULE.baselineWindow);
	const last = new Map<string, number>();
	for (const event of events) {
		if (event.type !== 'token') continue;
		const k = key(event.promptId, event.index);
		tokens.set(k, event);
		const previous = last.get(event.promptId);
		last.set(event.promptId, event.t);
		if (previous === undefined) continue;
		baselineAt.set(k, rolling.median());
		rolling.push(event.t - previous);
	}
	const itl = spikes.filter((s) => s.metric === 'itl');
	const used = new Set<Spike>();
	const outcomes: StallOutcome[] = [];
	let unmatchedRecords = 0;
	for (const record of records) {
		const before = tokens.get(key(record.promptId, record.index - 1));
		const stalled = tokens.get(key(record.promptId, record.index));
		if (!before || !stalled) {
			unmatchedRecords++;
			continue;
		}
		const offset = before.t - record.previousT;
		const gapMs = stalled.t - before.t;
		const baselineMs = baselineAt.get(key(record.promptId, record.index)) ?? null;
		// A spike spans its elevated gaps: from the token before the first to the last one.
		const spike = itl.find((s) => s.startT <= before.t + EPSILON && stalled.t <= s.startT + s.durationMs + EPSILON);
		if (spike) used.add(spike);
		outcomes.push({
			promptId: record.promptId,
			index: record.index,
			askedMs: record.ms,
			sleptMs: record.end - record.start,
			gapMs,
			baselineMs,
			realizedRatio: baselineMs && baselineMs > 0 ? gapMs / baselineMs : null,
			ruleFires: baselineMs !== null && gapMs - baselineMs >= ITL_SPIKE_RULE.margin && gapMs >= baselineMs * ITL_SPIKE_RULE.factor,
			detected: spike !== undefined,
			...(spike ? {peakErrorMs: spike.t - (record.end + offset), startErrorMs: spike.startT - (record.start + offset)} : {}),
		});
	}
	return {outcomes, otherSpikes: itl.filter((s) => !used.has(s)).length, unmatchedRecords};
}
