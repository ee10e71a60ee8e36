import type {PromptEndEvent, PromptRef, PromptStartEvent, TokenEvent} from './events.js';
import {itlFiguresOf, pendingRecord, type PromptRecord} from './prompt-record.js';
import {QuantileAccumulator} from './quantiles.js';

/** What a token event did: the prompt it belongs to and its gap to the previous token (ms), if any. */
export interface TokenUpdate {
	record: PromptRecord;
	gapMs: number | null;
}

/**
 * Per-prompt bookkeeping: the suite's prompts (pending until started), the
 * running prompt, and the ITL gaps of prompts that ended `ok` (merged when
 * they end, so aborted and skipped prompts stay out of latency figures).
 * Every method is O(1) amortised per event, except `end`, which is O(gaps of
 * that prompt) once.
 */
export class PromptTracker {
	/** All prompts, in suite order, then in start order for prompts not in the suite. */
	readonly records: PromptRecord[] = [];
	/** ITL gaps of prompts that ended `ok`. */
	readonly okGaps = new QuantileAccumulator();
	#byId = new Map<string, PromptRecord>();
	#running: PromptRecord | null = null;
	#started = 0;
	#planned = 0;
	#lastTokenT: number | null = null;
	#changes = 0;

	/** Bumped whenever a prompt is listed, starts or ends (not per token): what run-level prompt aggregates depend on. */
	get changes(): number {
		return this.#changes;
	}

	/** The prompt running now, or `null`. */
	get running(): PromptRecord | null {
		return this.#running;
	}

	/** Prompts started so far. */
	get started(): number {
		return this.#started;
	}

	/** Prompts planned (from the suite or `prompt-start.total`; 0 = open-ended). */
	get planned(): number {
		return this.#planned;
	}

	/** Time of the latest token of any prompt. */
	get lastTokenT(): number | null {
		return this.#lastTokenT;
	}

	/** The latest record with this id. */
	get(id: string): PromptRecord | undefined {
		return this.#byId.get(id);
	}

	/** Lists the suite's prompts as pending rows. */
	listSuite(prompts: readonly PromptRef[]): void {
		for (const ref of prompts) {
			if (this.#byId.has(ref.id)) continue;
			const record = pendingRecord(ref.id, ref.prompt, ref.tags ?? [], ref.weight ?? 1);
			this.records.push(record);
			this.#byId.set(ref.id, record);
		}
		this.#planned = Math.max(this.#planned, prompts.length);
		this.#changes++;
	}

	/** Starts a prompt (a prompt still running is closed as aborted first). */
	start(event: PromptStartEvent): PromptRecord {
		if (this.#running) this.#close(this.#running, event.t, 'aborted', 'another prompt started before it ended');
		let record = this.#byId.get(event.promptId);
		if (!record || record.state !== 'pending') {
			record = pendingRecord(event.promptId, event.prompt ?? record?.prompt ?? null, record?.tags ?? [], record?.weight ?? 1);
			this.records.push(record);
			this.#byId.set(event.promptId, record);
		}
		record.state = 'running';
		record.index = event.index;
		record.pass = event.pass ?? 1;
		record.total = event.total;
		record.promptTokens = event.promptTokens;
		record.prompt = event.prompt ?? record.prompt;
		record.startT = event.t;
		record.cold = this.#started === 0;
		record.itl = new QuantileAccumulator();
		this.#started++;
		if (event.total > 0) this.#planned = event.total;
		this.#running = record;
		this.#changes++;
		return record;
	}

	/** Records a token of the running prompt; `null` (ignored) for any other prompt. */
	token(event: TokenEvent): TokenUpdate | null {
		const record = this.#running;
		if (!record || record.id !== event.promptId) return null;
		const gapMs = record.lastTokenT === null ? null : event.t - record.lastTokenT;
		if (record.firstTokenT === null) record.firstTokenT = event.t;
		record.lastTokenT = event.t;
		record.tokens++;
		if (event.text) record.text += event.text;
		if (gapMs !== null) {
			record.itl?.add(gapMs);
			record.gaps++;
		}
		this.#lastTokenT = event.t;
		return {record, gapMs};
	}

	/**
	 * Ends the running prompt, or marks a listed prompt that never started
	 * (e.g. skipped before its turn); `null` (ignored) for any other prompt.
	 */
	end(event: PromptEndEvent): PromptRecord | null {
		const running = this.#running?.id === event.promptId ? this.#running : null;
		const listed = this.#byId.get(event.promptId);
		const record = running ?? (listed?.state === 'pending' ? listed : null);
		if (!record) return null;
		record.text = event.response;
		record.outputTokens = event.outputTokens;
		record.score = event.score ?? null;
		record.checks = event.checks ?? [];
		this.#close(record, event.t, event.status, event.reason ?? null);
		return record;
	}

	/** Closes a prompt left running at the end of the run as aborted. */
	abortRunning(t: number): PromptRecord | null {
		const record = this.#running;
		if (record) this.#close(record, t, 'aborted', 'the run ended before the prompt finished');
		return record;
	}

	#close(record: PromptRecord, t: number, state: PromptRecord['state'], reason: string | null): void {
		record.state = state;
		record.endT = t;
		record.reason = reason;
		record.outputTokens ??= record.tokens;
		record.itlFigures = itlFiguresOf(record);
		if (state === 'ok' && record.itl) this.okGaps.merge(record.itl);
		record.itl = null;
		if (this.#running === record) this.#running = null;
		this.#changes++;
	}
}
