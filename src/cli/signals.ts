import {SIGNAL_EXIT} from './exit-codes.js';
import {isClosedStreamError, markStdoutClosed} from './io.js';

/** The signals that end a command, by the exit code a shell shows for them (129, 130, 143). */
export type StopSignal = keyof typeof SIGNAL_EXIT;

/** What {@link startSignalHandling} reports to. */
export interface SignalHandlers {
	/** SIGINT (Ctrl+C), SIGTERM or SIGHUP (the terminal hung up, e.g. an SSH drop): stop the run, keep what was measured. */
	onStop(reason: 'interrupted' | 'terminated', signal: StopSignal): void;
	/** stdout's reader went away (EPIPE): stop quietly. */
	onPipeClosed(): void;
	/**
	 * A second signal: exit now. Called first to save what can be saved
	 * synchronously (flush the events, remove the lock, leave the alternate
	 * screen); it must not wait for the engine.
	 */
	onForceExit?(): void;
}

/** Signal handling of a run; `stop()` removes every handler. */
export interface SignalHandling {
	stop(): void;
	/** True once stdout's reader has gone. */
	readonly pipeClosed: boolean;
	/** The signal that stopped the run, if any. */
	readonly signal: StopSignal | undefined;
	/** The exit code of {@link signal} (undefined without one). */
	readonly exitCode: number | undefined;
	/** Ends the process at once as `signal` would (the dashboard's second `q` / Ctrl+C). */
	forceExit(signal: StopSignal): never;
}

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The first SIGINT / SIGTERM / SIGHUP stops the run gracefully (the partial
 * report and events are still written; SIGHUP ends it like SIGTERM, exit
 * 129). A second one exits at once: `onForceExit` saves what it can, then
 * the process re-raises the signal with its default action, so it dies with
 * the signal's status (a shell shows 128 + signal) without tearing down the
 * engine's worker thread (which, inside a native decode, aborted the process
 * with `Napi::Error`). A closed stdout (EPIPE) stops the run without a word.
 */
export function startSignalHandling(handlers: SignalHandlers): SignalHandling {
	let signal: StopSignal | undefined;
	let pipeClosed = false;
	const forceExit = (name: StopSignal): never => {
		try {
			handlers.onForceExit?.();
		} finally {
			dieBy(name);
		}
		throw new Error('unreachable');
	};
	const onSignal = (name: StopSignal): void => {
		if (signal) forceExit(name);
		signal = name;
		handlers.onStop(name === 'SIGINT' ? 'interrupted' : 'terminated', name);
	};
	const listeners = new Map(SIGNALS.map((name) => [name, (): void => onSignal(name)] as const));
	const onStdoutError = (error: NodeJS.ErrnoException): void => {
		if (!isClosedStreamError(error)) throw error;
		if (pipeClosed) return;
		pipeClosed = true;
		markStdoutClosed();
		handlers.onPipeClosed();
	};
	for (const [name, listener] of listeners) process.on(name, listener);
	process.stdout.on('error', onStdoutError);
	return {
		// The stdout error handler stays: the summary printed after the run may still meet a closed pipe.
		stop: () => {
			for (const [name, listener] of listeners) process.off(name, listener);
		},
		get pipeClosed() {
			return pipeClosed;
		},
		get signal() {
			return signal;
		},
		get exitCode() {
			return signal === undefined ? undefined : SIGNAL_EXIT[signal];
		},
		forceExit,
	};
}

/** Dies by `name` with its default action (no JS or native teardown); process.exit with its code if that does not end us. */
function dieBy(name: StopSignal): never {
	process.removeAllListeners(name);
	try {
		process.kill(process.pid, name);
	} catch {
		// fall through
	}
	// The default action is asynchronous to us by a hair; if the signal is blocked or ignored, exit with its code.
	const until = Date.now() + 200;
	while (Date.now() < until) {
		// wait for the signal to land
	}
	process.exit(SIGNAL_EXIT[name]);
}
