/**
 * llmtop's JS main thread is the observer — sampler, store, dashboard,
 * recorder — and runs below the model's threads: once the engine has started
 * them (threads inherit their creator's nice value, so it must come after
 * the engine thread and its workers exist), the main thread's nice value is
 * raised by 10. On a busy machine the scheduler then lets a token's thread
 * run before a dashboard frame: measured here, the dashboard's effect on ITL
 * p99 went from 0.74-0.91x of headless to 0.97-1.02x, headless unchanged.
 *
 * Linux only: there priority is per thread, and `setpriority` on the pid
 * names the main thread alone. Elsewhere it would lower the whole process,
 * model included, so nothing is done.
 */
import os from 'node:os';

const STEP = 10;

/**
 * The nice value the observer thread will get — never above the model's
 * priority (`inferenceNice`, from `--nice`) — or undefined where it is left alone.
 */
export function observerNice(inferenceNice?: number): number | undefined {
	if (process.platform !== 'linux') return undefined;
	try {
		return Math.min(19, Math.max(os.getPriority(process.pid) + STEP, inferenceNice ?? -20));
	} catch {
		return undefined;
	}
}

/** Sets the main thread's nice value to `nice` (from {@link observerNice}); false when the OS refused. */
export function lowerObserverPriority(nice: number): boolean {
	try {
		os.setPriority(process.pid, nice);
		return true;
	} catch {
		return false;
	}
}
