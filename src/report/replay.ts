/**
 * Replay timing: which recorded events are due at a given moment of
 * playback. Pure: the caller passes its own clock readings (ms, monotonic),
 * so the schedule is tested without waiting.
 *
 * Event time `t` drives the schedule: at speed X an event recorded `t` ms
 * into the run is due `t / X` ms of (unpaused) playback after the start.
 * Speed 0 means "jump to the end": every event is due at once.
 */
import type {RunEvent} from '../run/events.js';

/** Options of {@link ReplaySchedule}. */
export interface ReplayOptions {
	/**
	 * Playback speed: 1 = as recorded, 10 = ten times faster, 0 = everything at once.
	 * @default 1
	 */
	speed?: number;
}

/** Where playback stands. */
export class ReplaySchedule {
	#speed: number;
	readonly #events: readonly RunEvent[];
	#originT: number;
	#next = 0;
	#startedAt: number | null = null;
	#pausedAt: number | null = null;
	#pausedTotal = 0;

	constructor(events: readonly RunEvent[], options: ReplayOptions = {}) {
		const speed = options.speed ?? 1;
		if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError(`replay speed must be a finite number >= 0; got ${speed}`);
		this.#speed = speed;
		this.#events = events;
		this.#originT = events[0]?.t ?? 0;
	}

	/** Playback speed (0: everything at once). */
	get speed(): number {
		return this.#speed;
	}

	/**
	 * Changes the speed at `now` from where playback has reached: what was
	 * played stays played, what follows plays at the new speed (> 0).
	 */
	setSpeed(speed: number, now: number): void {
		if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`replay speed must be a finite number > 0; got ${speed}`);
		if (this.#speed === 0) return;
		if (this.#startedAt !== null) {
			this.#originT = this.playedTo(now);
			this.#startedAt = now;
			this.#pausedTotal = 0;
			if (this.#pausedAt !== null) this.#pausedAt = now;
		}
		this.#speed = speed;
	}

	/** True once every event was taken. */
	get done(): boolean {
		return this.#next >= this.#events.length;
	}

	get paused(): boolean {
		return this.#pausedAt !== null;
	}

	/** Recorded run time of the whole file: the last event's time (ms since the run started). */
	get totalMs(): number {
		return this.#events.at(-1)?.t ?? 0;
	}

	/** Events taken so far. */
	get position(): number {
		return this.#next;
	}

	/** Recorded time (ms since the run started) that playback has reached at `now`. */
	playedTo(now: number): number {
		if (this.#speed === 0) return Number.POSITIVE_INFINITY;
		if (this.#startedAt === null) return this.#originT;
		const end = this.#pausedAt ?? now;
		return this.#originT + Math.max(0, end - this.#startedAt - this.#pausedTotal) * this.#speed;
	}

	/** The events due at `now`, in order (the first call starts the clock). Nothing while paused. */
	take(now: number): RunEvent[] {
		this.#startedAt ??= now;
		if (this.paused) return [];
		const reached = this.playedTo(now);
		const start = this.#next;
		while (this.#next < this.#events.length && (this.#events[this.#next]?.t ?? 0) <= reached) this.#next++;
		return this.#events.slice(start, this.#next);
	}

	/** Every event not taken yet (jump to the end). */
	takeRest(): RunEvent[] {
		const rest = this.#events.slice(this.#next);
		this.#next = this.#events.length;
		return rest;
	}

	/** Milliseconds of wall time until the next event is due; `null` when done or paused. */
	delayUntilNext(now: number): number | null {
		const next = this.#events[this.#next];
		if (!next || this.paused) return null;
		if (this.#speed === 0 || this.#startedAt === null) return 0;
		return Math.max(0, (next.t - this.playedTo(now)) / this.#speed);
	}

	/** Pauses or resumes at `now`; returns whether playback is now paused. */
	togglePause(now: number): boolean {
		if (this.#pausedAt === null) {
			this.#pausedAt = now;
			return true;
		}
		if (this.#startedAt !== null) this.#pausedTotal += now - this.#pausedAt;
		this.#pausedAt = null;
		return false;
	}
}
