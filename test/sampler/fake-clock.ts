import type {SamplerClock} from '../../src/sampler/index.js';

/** A manual clock: `advance(ms)` moves time and fires due timers in order. */
export class FakeClock implements SamplerClock {
	private time = 0;
	private nextId = 1;
	private readonly timers = new Map<number, {at: number; fn: () => void}>();
	/** Delays asked of `setTimer`, in order. */
	readonly delays: number[] = [];
	/** Every timer fires this much after its due time (a busy event loop). */
	timerLatenessMs = 0;

	constructor(start = 0) {
		this.time = start;
	}

	now(): number {
		return this.time;
	}

	setTimer(fn: () => void, delayMs: number): unknown {
		const id = this.nextId++;
		this.delays.push(delayMs);
		this.timers.set(id, {at: this.time + delayMs + this.timerLatenessMs, fn});
		return id;
	}

	clearTimer(handle: unknown): void {
		this.timers.delete(handle as number);
	}

	get pending(): number {
		return this.timers.size;
	}

	/** Moves time forward by `ms`, firing each due timer at its own time. */
	advance(ms: number): void {
		const end = this.time + ms;
		for (;;) {
			let due: [number, {at: number; fn: () => void}] | undefined;
			for (const entry of this.timers) {
				if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
			}
			if (!due) break;
			this.timers.delete(due[0]);
			this.time = Math.max(this.time, due[1].at);
			due[1].fn();
		}
		this.time = end;
	}

	/** Jumps time forward without firing timers (a blocked event loop), then fires what is due. */
	stall(ms: number): void {
		this.time += ms;
		this.advance(0);
	}
}
