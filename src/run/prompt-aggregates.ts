import {promptFigures, type PromptRecord} from './prompt-record.js';
import {mean, min, ratio, summarize, type Summary} from './stats.js';

/** Distribution of a per-prompt or per-gap figure. `null` fields when there is no data. */
export interface DistributionFigures {
	count: number;
	mean: number | null;
	p50: number | null;
	p95: number | null;
	p99: number | null;
	max: number | null;
	/** p99 / p50, `null` when p50 is missing or 0. */
	p99OverP50: number | null;
}

/** TTFT distribution plus the cold (first prompt) and warm figures. */
export interface TtftFigures extends DistributionFigures {
	/** TTFT of the first prompt of the run, when it ended `ok`. */
	coldMs: number | null;
	/** Mean TTFT of the other `ok` prompts. */
	warmMean: number | null;
}

/** A rate over prompts (tokens/s). */
export interface RateFigures {
	count: number;
	mean: number | null;
	p50: number | null;
	min: number | null;
	max: number | null;
}

/** Suite score over scored prompts that ended `ok`, and suite prompts that ended `error` (scored 0). */
export interface CorrectnessFigures {
	mean: number | null;
	min: number | null;
	/** Prompts behind `mean`: scored `ok` prompts plus `error` prompts of a suite run. */
	scored: number;
	/** The suite's gamed ceiling (from `run-start`): what the best gaming answer scores; a mean near it means little. */
	gamedCeiling?: number;
}

/** Prompts that ended by the model's or engine's fault (the `prompt-errors` criterion). */
export interface PromptErrorFigures {
	/** Prompts that ended `error`, plus `aborted` ones nobody asked to stop (see {@link aggregatePrompts}). */
	count: number;
	/** Prompts that ended, whatever their status: the `n` of `count`. */
	ended: number;
}

/** Latency, TTFT, rates and correctness over the prompts that ended `ok` (skipped, aborted and failed prompts are left out); failed prompts are counted and score 0. */
export interface PromptAggregates {
	latency: DistributionFigures;
	ttft: TtftFigures;
	decodeTokensPerSec: RateFigures;
	prefillTokensPerSec: RateFigures;
	correctness: CorrectnessFigures;
	promptErrors: PromptErrorFigures;
}

/** What {@link aggregatePrompts} needs to know about the run. */
export interface PromptAggregateOptions {
	/**
	 * `run` (a suite: an `error` prompt scores 0, and an `aborted` one counts
	 * as an error, since a suite run has no per-prompt abort: `s` gives
	 * `skipped`) or `try` (tryouts have no rubric and the user aborts them).
	 * @default 'run'
	 */
	mode?: 'run' | 'try';
	/** True when the run was interrupted: its last prompt was aborted by the stop, not by a fault. @default false */
	interrupted?: boolean;
}

/** Distribution figures of a summary (of a list, or of a `QuantileAccumulator`). */
export function distributionOf(summary: Summary): DistributionFigures {
	return {
		count: summary.count,
		mean: summary.mean,
		p50: summary.p50,
		p95: summary.p95,
		p99: summary.p99,
		max: summary.max,
		p99OverP50: ratio(summary.p99, summary.p50),
	};
}

function rate(values: readonly number[]): RateFigures {
	const summary = summarize(values);
	return {count: summary.count, mean: summary.mean, p50: summary.p50, min: summary.min, max: summary.max};
}

/** The suite's correctness: prompt scores weighted by prompt weight; null when nothing was scored. */
function weightedMean(records: readonly PromptRecord[]): number | null {
	let total = 0;
	let weights = 0;
	for (const record of records) {
		total += (record.score ?? 0) * record.weight;
		weights += record.weight;
	}
	return weights > 0 ? total / weights : null;
}

function present(value: number | null): value is number {
	return value !== null;
}

const memo = new WeakMap<object, {key: string; value: PromptAggregates}>();

/**
 * {@link aggregatePrompts} of a store's prompts, computed once per change of
 * its prompts (`changes`: a prompt listed, started or ended) and options, so
 * a dashboard frame of a long soak does not redo O(prompts) work between
 * prompts. The result is shared between callers: read it, do not change it.
 */
export function aggregateTrackedPrompts(
	tracker: {readonly records: readonly PromptRecord[]; readonly changes: number},
	options: PromptAggregateOptions = {},
): PromptAggregates {
	const key = `${tracker.changes}|${options.mode ?? 'run'}|${options.interrupted === true}`;
	const cached = memo.get(tracker);
	if (cached?.key === key) return cached.value;
	const value = aggregatePrompts(tracker.records, options);
	memo.set(tracker, {key, value});
	return value;
}

/** Aggregates over the `ok` prompts of `records`, and the failed ones counted; O(prompts). */
export function aggregatePrompts(records: readonly PromptRecord[], options: PromptAggregateOptions = {}): PromptAggregates {
	const suite = (options.mode ?? 'run') === 'run';
	const ok = records.filter((record) => record.state === 'ok');
	const ended = records.filter((record) => record.state !== 'pending' && record.state !== 'running');
	const failed = ended.filter((record) => record.state === 'error' || (record.state === 'aborted' && suite && !options.interrupted));
	const figures = ok.map((record) => ({record, ...promptFigures(record)}));
	const ttfts = figures.map((figure) => figure.ttftMs).filter(present);
	const cold = figures.find((figure) => figure.record.cold)?.ttftMs ?? null;
	const warm = figures
		.filter((figure) => !figure.record.cold)
		.map((figure) => figure.ttftMs)
		.filter(present);
	const zeroes = suite ? ended.filter((record) => record.state === 'error' && record.weight > 0).map((record) => ({...record, score: 0})) : [];
	const scored = [...ok.filter((record) => record.score !== null && Number.isFinite(record.score) && record.weight > 0), ...zeroes];
	const scores = scored.map((record) => record.score as number);
	return {
		latency: distributionOf(summarize(figures.map((figure) => figure.e2eMs).filter(present))),
		ttft: {...distributionOf(summarize(ttfts)), coldMs: cold, warmMean: mean(warm)},
		decodeTokensPerSec: rate(figures.map((figure) => figure.decodeTokensPerSec).filter(present)),
		prefillTokensPerSec: rate(figures.map((figure) => figure.prefillTokensPerSec).filter(present)),
		correctness: {mean: weightedMean(scored), min: min(scores), scored: scores.length},
		promptErrors: {count: failed.length, ended: ended.length},
	};
}
