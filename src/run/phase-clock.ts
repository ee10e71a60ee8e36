import type {Phase} from './types.js';

/** The measured phases of a run (`done` only marks the end). */
export type RunPhase = Exclude<Phase, 'done'>;

/** The measured phases, in order. */
export const RUN_PHASES: readonly RunPhase[] = ['load', 'idle-before', 'prompts', 'idle-after'];

/** One value per measured phase, made by `make`, keyed in {@link RUN_PHASES} order. */
export function perPhase<T>(make: (phase: RunPhase) => T): Record<RunPhase, T> {
	return Object.fromEntries(RUN_PHASES.map((phase) => [phase, make(phase)])) as Record<RunPhase, T>;
}

/** When a phase ran. Times are ms since the run started. */
export interface PhaseSpan {
	startMs: number;
	/** `null` while the phase is still running. */
	endMs: number | null;
	/** End (or the latest event time while running) minus start. */
	durationMs: number;
	/** Paused time within the phase. */
	pausedMs: number;
	/** `durationMs - pausedMs`: the time that counts as active. */
	activeMs: number;
}

interface OpenSpan {
	startMs: number;
	endMs: number | null;
	pausedMs: number;
}

/**
 * Phase spans and paused time, from `phase` and `pause` events. Paused time
 * is charged to the phase during which it elapsed (split at phase changes).
 * A phase entered twice keeps its first start and its last end.
 */
export class PhaseClock {
	#current: Phase | null = null;
	#paused = false;
	#pausedSince = 0;
	#totalPausedMs = 0;
	readonly #spans = new Map<RunPhase, OpenSpan>();

	/** The current phase, or `null` before the first `phase` event. */
	get current(): Phase | null {
		return this.#current;
	}

	get paused(): boolean {
		return this.#paused;
	}

	/** Paused time so far, including an open pause up to `now`. */
	pausedMs(now: number): number {
		return this.#totalPausedMs + (this.#paused ? Math.max(0, now - this.#pausedSince) : 0);
	}

	/** Enters a phase; returns false when it is already the current one. */
	enter(phase: Phase, t: number): boolean {
		if (phase === this.#current) return false;
		this.#closeCurrent(t);
		this.#current = phase;
		if (phase !== 'done') {
			const span = this.#spans.get(phase);
			if (span) span.endMs = null;
			else this.#spans.set(phase, {startMs: t, endMs: null, pausedMs: 0});
		}
		return true;
	}

	/** Pauses or resumes; returns false when nothing changes. */
	setPaused(paused: boolean, t: number): boolean {
		if (paused === this.#paused) return false;
		if (paused) this.#pausedSince = t;
		else this.#chargePause(t);
		this.#paused = paused;
		return true;
	}

	/** Closes everything at the end of the run. */
	end(t: number): void {
		this.setPaused(false, t);
		this.#closeCurrent(t);
		this.#current = 'done';
	}

	/** The span of a phase, or `null` if it never started; `now` closes an open span for the figures. */
	span(phase: RunPhase, now: number): PhaseSpan | null {
		const span = this.#spans.get(phase);
		if (!span) return null;
		const end = span.endMs ?? Math.max(span.startMs, now);
		const open = this.#paused && this.#current === phase ? Math.max(0, now - this.#pausedSince) : 0;
		const pausedMs = span.pausedMs + open;
		const durationMs = end - span.startMs;
		return {startMs: span.startMs, endMs: span.endMs, durationMs, pausedMs, activeMs: Math.max(0, durationMs - pausedMs)};
	}

	#closeCurrent(t: number): void {
		if (this.#paused) {
			this.#chargePause(t);
			this.#pausedSince = t;
		}
		if (this.#current === null || this.#current === 'done') return;
		const span = this.#spans.get(this.#current);
		if (span) span.endMs = t;
	}

	#chargePause(t: number): void {
		const elapsed = Math.max(0, t - this.#pausedSince);
		this.#totalPausedMs += elapsed;
		if (this.#current !== null && this.#current !== 'done') {
			const span = this.#spans.get(this.#current);
			if (span) span.pausedMs += elapsed;
		}
		this.#pausedSince = t;
	}
}
