import {SIGNAL_EXIT} from './exit-codes.js';
import {markStdoutClosed} from './io.js';

/** What {@link startSignalHandling} reports to. */
export interface SignalHandlers {
	/** SIGINT (Ctrl+C) or SIGTERM: stop the run, keep what was measured. */
	onStop(reason: 'interrupted' | 'terminated'): void;
	/** stdout's reader went away (EPIPE): stop quietly. */
	onPipeClosed(): void;
}

/** Signal handling of a run; `stop()` removes every handler. */
export interface SignalHandling {
	stop(): void;
	/** True once stdout's reader has gone. */
	readonly pipeClosed: boolean;
	/** The signal that stopped the run, if any. */
	readonly signal: 'SIGINT' | 'SIGTERM' | undefined;
}

/**
 * The first SIGINT / SIGTERM stops the run gracefully (the partial report
 * and events are still written); a second one exits at once with the same
 * code. A closed stdout (EPIPE) stops the run without a word.
 */
export function startSignalHandling(handlers: SignalHandlers): SignalHandling {
	let signal: 'SIGINT' | 'SIGTERM' | undefined;
	let pipeClosed = false;
	const onSignal = (name: 'SIGINT' | 'SIGTERM'): void => {
		if (signal) process.exit(SIGNAL_EXIT[name]);
		signal = name;
		handlers.onStop(name === 'SIGINT' ? 'interrupted' : 'terminated');
	};
	const onInt = (): void => onSignal('SIGINT');
	const onTerm = (): void => onSignal('SIGTERM');
	const onStdoutError = (error: NodeJS.ErrnoException): void => {
		if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
		if (pipeClosed) return;
		pipeClosed = true;
		markStdoutClosed();
		handlers.onPipeClosed();
	};
	process.on('SIGINT', onInt);
	process.on('SIGTERM', onTerm);
	process.stdout.on('error', onStdoutError);
	return {
		// The stdout error handler stays: the summary printed after the run may still meet a closed pipe.
		stop: () => {
			process.off('SIGINT', onInt);
			process.off('SIGTERM', onTerm);
		},
		get pipeClosed() {
			return pipeClosed;
		},
		get signal() {
			return signal;
		},
	};
}
