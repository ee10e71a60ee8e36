/** The next tick on a fixed grid `origin + slot * intervalMs`. */
export interface NextTick {
	slot: number;
	/** Delay from `now` to the slot's time, ms (>= 0). */
	delayMs: number;
}

/**
 * Picks the next grid slot after `slot` that is still ahead of `now`, so
 * timer lateness never accumulates (drift-free) and a tick delayed by more
 * than an interval skips the missed slots instead of firing in a burst.
 */
export function nextTick(origin: number, intervalMs: number, slot: number, now: number): NextTick {
	const due = Math.floor((now - origin) / intervalMs) + 1;
	const next = Math.max(slot + 1, due);
	return {slot: next, delayMs: Math.max(0, origin + next * intervalMs - now)};
}
