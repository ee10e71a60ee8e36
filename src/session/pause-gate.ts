/**
 * Pausing between prompts: `toggle()` while running asks for a pause at the
 * next gate (the running prompt finishes first); `toggle()` while paused
 * resumes. `gate()` is where the run waits while paused.
 */
export class PauseGate {
	#requested = false;
	#resume: (() => void) | undefined;

	/** True while the run is held at the gate. */
	get paused(): boolean {
		return this.#resume !== undefined;
	}

	/** True when a pause waits for the next gate. */
	get requested(): boolean {
		return this.#requested;
	}

	/** Asks for a pause (or withdraws the request); resumes when paused. */
	toggle(): void {
		if (this.#resume) this.release();
		else this.#requested = !this.#requested;
	}

	/** Resumes a paused run (and forgets a pending request). */
	release(): void {
		this.#requested = false;
		const resume = this.#resume;
		this.#resume = undefined;
		resume?.();
	}

	/**
	 * Holds the run here when a pause was asked for. `onPause(true)` is called
	 * as the pause starts and `onPause(false)` as it ends.
	 */
	async gate(onPause: (paused: boolean) => void): Promise<void> {
		if (!this.#requested) return;
		this.#requested = false;
		onPause(true);
		await new Promise<void>((resolve) => (this.#resume = resolve));
		onPause(false);
	}
}
