/**
 * Exit codes of the command line contract (README "Commands") and the
 * rule that picks one when several apply. Every command returns one of these.
 */

import type {Verdict} from '../run/types.js';

/** The exit codes, by meaning. */
export const EXIT = {
	/** Verdict pass, or a command that succeeded. */
	pass: 0,
	/** Verdict fail, or compare found a regression. */
	fail: 1,
	/** Bad usage, bad input, or an output that cannot be written. */
	usage: 2,
	/** Verdict inconclusive: a criterion that applies lacked data. */
	inconclusive: 3,
	/** A bug in llmtop: an error nobody anticipated. */
	internal: 70,
	/** SIGHUP. */
	hangup: 129,
	/** SIGINT, or `q` during a run. */
	interrupted: 130,
	/** stdout's reader went away (as a shell reports a SIGPIPE death). */
	pipeClosed: 141,
	/** SIGTERM. */
	terminated: 143,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code of a verdict: `fail` 1, `inconclusive` 3 (a criterion that
 * applies lacked data; also `pending`, which a finished command only sees in
 * a report of a run that never ended), `pass` 0.
 */
export function verdictExitCode(verdict: Verdict): ExitCode {
	switch (verdict) {
		case 'fail':
			return EXIT.fail;
		case 'inconclusive':
		case 'pending':
			return EXIT.inconclusive;
		case 'pass':
			return EXIT.pass;
		default:
			return verdict satisfies never;
	}
}

/** The exit code a signal ends a command with. */
export const SIGNAL_EXIT = {SIGHUP: EXIT.hangup, SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated} as const;

/**
 * Precedence, highest first: signals > 141 > 70 > 2 > verdict 1 > 3 > 0.
 * Among signals the one that ends harder wins (SIGTERM > SIGINT > SIGHUP).
 * An internal error (70) outranks bad input: a bug must not hide behind it.
 */
const PRECEDENCE: readonly ExitCode[] = [
	EXIT.terminated,
	EXIT.interrupted,
	EXIT.hangup,
	EXIT.pipeClosed,
	EXIT.internal,
	EXIT.usage,
	EXIT.fail,
	EXIT.inconclusive,
	EXIT.pass,
];

/** Rank of a code in the precedence (0 = wins over everything); a code outside the contract ranks just below the signals. */
export function exitCodeRank(code: number): number {
	const index = PRECEDENCE.indexOf(code as ExitCode);
	return index >= 0 ? index : PRECEDENCE.indexOf(EXIT.hangup) + 0.5;
}

/** The one exit code of a command when several apply (none: pass). */
export function combineExitCodes(...codes: number[]): number {
	let best: number = EXIT.pass;
	for (const code of codes) if (exitCodeRank(code) < exitCodeRank(best)) best = code;
	return best;
}
