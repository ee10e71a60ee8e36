/** Exit codes of the command line contract (DESIGN.md). */
export const EXIT = {
	pass: 0,
	fail: 1,
	usage: 2,
	interrupted: 130,
	terminated: 143,
	/** stdout's reader went away (as a shell reports a SIGPIPE death). */
	pipeClosed: 141,
	/** A bug in llmtop: an error nobody anticipated. */
	internal: 70,
} as const;

/** Bad flags or arguments: one line on stderr, exit 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** Bad input file or reference: one line on stderr, exit 2. */
export class InputError extends Error {
	override name = 'InputError';
}
