/** The errors the commands throw for bad command lines and bad input; see exit-codes.ts for the codes. */
/** Bad flags or arguments: one line on stderr, exit 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** Bad input file or reference: one line on stderr, exit 2. */
export class InputError extends Error {
	override name = 'InputError';
}

/** The first word is not a command: one line pointing at `llmtop --help`, exit 2. */
export class UnknownCommandError extends UsageError {
	override name = 'UnknownCommandError';
}
