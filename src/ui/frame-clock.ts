/**
 * When the dashboard may draw its next frame. Store changes only mark the
 * dashboard dirty; a frame follows at the rate for the run's state, so a
 * burst of token events costs one frame, and nothing changed costs nothing.
 */

/** Minimum time between store-driven frames, by state. */
export interface FrameRates {
	/**
	 * While a prompt runs (tokens stream in). One frame a second, like htop:
	 * each frame costs CPU in llmtop and in the terminal (tmux, sshd), on the
	 * cores the model is using.
	 * @default 1000 (1 frame/s)
	 */
	activeMs: number;
	/**
	 * While nothing runs (idle phases, between tryouts, paused).
	 * @default 4000 (0.25 frame/s: a frame costs ~15 ms when this rare, and the idle budget is ~0.4 % of a core)
	 */
	idleMs: number;
}

/** Default frame intervals. */
export const DEFAULT_FRAME_RATES: FrameRates = {activeMs: 1000, idleMs: 4000};

/**
 * Delay (ms) until the next frame may be drawn, given when the last one was
 * (`lastFrameAt`, ms; `null` before the first), the current time and
 * whether the run is active. `urgent` changes (the run ended, a phase
 * began) are drawn at the active rate even while idle.
 */
export function nextFrameDelay(now: number, lastFrameAt: number | null, active: boolean, urgent: boolean, rates: FrameRates): number {
	if (lastFrameAt === null) return 0;
	const interval = active || urgent ? rates.activeMs : rates.idleMs;
	return Math.max(0, lastFrameAt + interval - now);
}
