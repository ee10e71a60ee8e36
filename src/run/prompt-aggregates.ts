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

/** Suite score over scored prompts that ended `ok`. */
export interface CorrectnessFigures {
	mean: number | null;
	min: number | null;
	scored: number;
}

/** Latency, TTFT, rates and correctness over the prompts that ended `ok` (skipped, aborted and failed prompts are left out). */
export interface PromptAggregates {
	latency: DistributionFigures;
	ttft: TtftFigures;
	decodeTokensPerSec: RateFigures;
	prefillTokensPerSec: RateFigures;
	correctness: CorrectnessFigures;
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

/** Aggregates over the `ok` prompts of `records`; O(prompts). */
export function aggregatePrompts(records: readonly PromptRecord[]): PromptAggregates {
	const ok = records.filter((record) => record.state === 'ok');
	const figures = ok.map((record) => ({record, ...promptFigures(record)}));
	const ttfts = figures.map((figure) => figure.ttftMs).filter(present);
	const cold = figures.find((figure) => figure.record.cold)?.ttftMs ?? null;
	const warm = figures.filter((figure) => !figure.record.cold).map((figure) => figure.ttftMs).filter(present);
	const scored = ok.filter((record) => record.score !== null && Number.isFinite(record.score) && record.weight > 0);
	const scores = scored.map((record) => record.score as number);
	return {
		latency: distributionOf(summarize(figures.map((figure) => figure.e2eMs).filter(present))),
		ttft: {...distributionOf(summarize(ttfts)), coldMs: cold, warmMean: mean(warm)},
		decodeTokensPerSec: rate(figures.map((figure) => figure.decodeTokensPerSec).filter(present)),
		prefillTokensPerSec: rate(figures.map((figure) => figure.prefillTokensPerSec).filter(present)),
		correctness: {mean: weightedMean(scored), min: min(scores), scored: scores.length},
	};
}
