import type {SampleEvent} from '../run/events.js';
import type {SystemCpuTimes} from './proc-parse.js';

export type {SystemCpuTimes} from './proc-parse.js';

/**
 * One sampler tick: the measured fields of a `SampleEvent` (same names, same
 * units and docs there), plus the interval they cover. The run controller
 * adds `type`, `phase` and `promptId`:
 * `{type: 'sample', phase, promptId, ...reading}` (see `toSampleEvent`).
 */
export interface SampleReading extends Omit<SampleEvent, 'type' | 't' | 'phase' | 'promptId' | 'peakRssBytes'> {
	/** `clock.now()` when the tick read its probes: pass the run's clock and this is the event's `t`. */
	t: number;
	/** Time the CPU figures cover: since the previous tick, ms (close to the interval). */
	intervalMs: number;
	/** Highest RSS so far, bytes: the kernel's high-water mark where known, else the highest sample. */
	peakRssBytes: number;
}

/** Monotonic time and timers, injectable so tests run without sleeping. */
export interface SamplerClock {
	/** Monotonic milliseconds (any origin). */
	now(): number;
	/** Runs `fn` once after `delayMs`; the timer must not keep the process alive. */
	setTimer(fn: () => void, delayMs: number): unknown;
	clearTimer(handle: unknown): void;
}

/**
 * Where the sampler's numbers come from. Cumulative counters are read every
 * tick and differenced. A probe throws when it cannot read: an optional
 * field is then left out of that tick (and of the next, which has no
 * baseline); a required one drops the tick.
 */
export interface SamplerProbes {
	/** Cumulative CPU time of the whole process, µs: every thread, including threads that have exited. */
	processCpuUs(): number;
	/** Resident set size now, bytes. */
	rssBytes(): number;
	/**
	 * Cumulative machine CPU time. The returned object may be reused by the
	 * probe: it is read before the next call.
	 */
	systemCpu(): SystemCpuTimes;
	/** Kernel-tracked peak RSS of the process, bytes. */
	peakRssBytes?(): number;
	/** Machine memory in use, bytes. */
	systemMemUsedBytes?(): number;
	/**
	 * Cumulative CPU time of llmtop's own threads (the JS main thread and any
	 * other known observer thread), ns. Must never decrease: CPU of an
	 * observer thread that exits stops counting, it is not subtracted.
	 */
	observerCpuNs?(): number;
	/** Threads of the measured process (or process tree), now. */
	threadCount?(): number;
	/**
	 * The observer is another process than the measured one (a server's PID
	 * is sampled): `observerCpuNs` is not inside `processCpuUs`, so it is
	 * reported as is and not subtracted.
	 */
	observerApart?: boolean;
	/** Releases files held open. */
	close?(): void;
}

/**
 * Something that adds its own fields to each reading (canary, PSI, load
 * workers), called at the same tick as the probes.
 */
export interface SampleSource {
	/** Called at the dropped first sample: start baselines, discard what accumulated before. */
	prime(): void;
	/** Adds this source's fields to `reading`, which covers the last `elapsedMs`. */
	contribute(reading: SampleReading, elapsedMs: number): void;
}
