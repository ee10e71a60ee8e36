import {type QuantileAccumulator} from './quantiles.js';
import type {CheckResult, PromptStatus} from './types.js';

/** Where a prompt is: listed but not started, running, or ended with a status. */
export type PromptState = 'pending' | 'running' | PromptStatus;

/** ITL percentiles of one prompt, ms. */
export interface ItlFigures {
	p50: number | null;
	p95: number | null;
	p99: number | null;
	max: number | null;
}

/** Mutable per-prompt bookkeeping of the store. */
export interface PromptRecord {
	id: string;
	prompt: string | null;
	tags: string[];
	/** Weight of this prompt in the suite's correctness (suite `weight`, default 1). */
	weight: number;
	/** 0-based position in the run (`null` until started), and the planned total (0 = open-ended). */
	index: number | null;
	/** 1-based pass of the suite (soaks run it more than once). */
	pass: number;
	total: number;
	state: PromptState;
	promptTokens: number | null;
	startT: number | null;
	firstTokenT: number | null;
	lastTokenT: number | null;
	endT: number | null;
	/** Token events received. */
	tokens: number;
	/** Output tokens as reported by `prompt-end` (`null` until it ends). */
	outputTokens: number | null;
	/** True for the first prompt started in the run (cold TTFT). */
	cold: boolean;
	/** Live ITL gaps while running; `null` after the end (figures frozen in `itlFigures`). */
	itl: QuantileAccumulator | null;
	itlFigures: ItlFigures | null;
	gaps: number;
	/** Streamed text while running, then the final response. */
	text: string;
	score: number | null;
	checks: CheckResult[];
	reason: string | null;
}

/** A record for a prompt listed in the suite, not yet started. */
export function pendingRecord(id: string, prompt: string | null, tags: string[] = [], weight = 1): PromptRecord {
	return {
		id,
		prompt,
		tags,
		weight,
		index: null,
		pass: 1,
		total: 0,
		state: 'pending',
		promptTokens: null,
		startT: null,
		firstTokenT: null,
		lastTokenT: null,
		endT: null,
		tokens: 0,
		outputTokens: null,
		cold: false,
		itl: null,
		itlFigures: null,
		gaps: 0,
		text: '',
		score: null,
		checks: [],
		reason: null,
	};
}

/** ITL percentiles of a record, live or frozen. */
export function itlFiguresOf(record: PromptRecord): ItlFigures | null {
	if (record.itlFigures) return record.itlFigures;
	const itl = record.itl;
	if (!itl || itl.count === 0) return null;
	return {p50: itl.quantile(0.5), p95: itl.quantile(0.95), p99: itl.quantile(0.99), max: itl.max};
}

/** Derived per-prompt figures (the metric definitions of the README). `null` where undefined. */
export interface PromptFigures {
	/** Prompt submitted (prompt-start) to first token, ms. */
	ttftMs: number | null;
	/** Prompt submitted to last token, ms. */
	e2eMs: number | null;
	/** (E2E - TTFT) / (output tokens - 1), ms. */
	tpotMs: number | null;
	/** (output tokens - 1) / (E2E - TTFT), tokens/s. */
	decodeTokensPerSec: number | null;
	/** prompt tokens / TTFT, tokens/s. */
	prefillTokensPerSec: number | null;
}

/**
 * Figures of one prompt. Output tokens here are the token events received
 * (the timestamps belong to them); a prompt with no token has no TTFT or E2E.
 */
export function promptFigures(record: PromptRecord): PromptFigures {
	const {startT, firstTokenT, lastTokenT, tokens} = record;
	if (startT === null || firstTokenT === null || lastTokenT === null) {
		return {ttftMs: null, e2eMs: null, tpotMs: null, decodeTokensPerSec: null, prefillTokensPerSec: null};
	}
	const ttftMs = firstTokenT - startT;
	const e2eMs = lastTokenT - startT;
	const decodeMs = e2eMs - ttftMs;
	const decodeTokens = tokens - 1;
	const hasDecode = decodeTokens >= 1 && decodeMs > 0;
	return {
		ttftMs,
		e2eMs,
		tpotMs: hasDecode ? decodeMs / decodeTokens : null,
		decodeTokensPerSec: hasDecode ? (decodeTokens * 1000) / decodeMs : null,
		prefillTokensPerSec: record.promptTokens !== null && ttftMs > 0 ? (record.promptTokens * 1000) / ttftMs : null,
	};
}
