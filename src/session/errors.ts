/** Base class of every error a {@link Session} raises on purpose; the CLI maps it to one line and exit code 2. */
export class SessionError extends Error {
	override name = 'SessionError';
}

/** A prompt of a `run` does not fit in the context: the rest of the suite would fail the same way. */
export class PromptDoesNotFitError extends SessionError {
	override name = 'PromptDoesNotFitError';
	constructor(
		readonly promptId: string,
		detail: string | undefined,
	) {
		super(detail ?? `prompt ${promptId} does not fit in the context (raise --context-size)`);
	}
}
