/**
 * Named engine errors. Each message is one line built from structured fields,
 * so the CLI can print `error.message` as is and map the class to an exit code.
 */

/** Base class of every error the engine raises on purpose. */
export class EngineError extends Error {
	override name = 'EngineError';
}

/** The model file or directory does not exist. */
export class ModelNotFoundError extends EngineError {
	override name = 'ModelNotFoundError';
	constructor(
		readonly path: string,
		readonly ref: string = path,
	) {
		super(`model file not found: ${path}${ref === path ? '' : ` (from ${ref})`}`);
	}
}

/** The path names something that is not a regular file (a directory, a device). */
export class NotAFileError extends EngineError {
	override name = 'NotAFileError';
	constructor(
		readonly path: string,
		readonly kind: string,
	) {
		super(`model path is a ${kind}, not a GGUF file: ${path}`);
	}
}

/** The file is not GGUF at all (wrong magic, or empty). */
export class NotGgufError extends EngineError {
	override name = 'NotGgufError';
	constructor(
		readonly path: string,
		readonly reason: string,
	) {
		super(`not a GGUF model file: ${path} (${reason})`);
	}
}

/** The file starts like GGUF but ends before its header or tensor data does. */
export class TruncatedModelError extends EngineError {
	override name = 'TruncatedModelError';
	constructor(
		readonly path: string,
		readonly sizeBytes: number,
		readonly expectedBytes: number | null,
		readonly detail: string,
	) {
		super(
			`truncated GGUF model file: ${path} is ${sizeBytes} bytes` +
				(expectedBytes == null ? '' : `, its header needs at least ${expectedBytes}`) +
				` (${detail})`,
		);
	}
}

/** The GGUF header is present but cannot be parsed. */
export class CorruptModelError extends EngineError {
	override name = 'CorruptModelError';
	constructor(
		readonly path: string,
		readonly detail: string,
	) {
		super(`unreadable GGUF model file: ${path} (${detail})`);
	}
}

/** A model reference that is syntactically wrong (`hf:` without a repo, empty ref, ...). */
export class BadModelRefError extends EngineError {
	override name = 'BadModelRefError';
	constructor(
		readonly ref: string,
		readonly expected: string,
	) {
		super(`bad model reference "${ref}": expected ${expected}`);
	}
}

/** A remote lookup (`hf:` URI, URL) failed or did not answer in time. */
export class NetworkError extends EngineError {
	override name = 'NetworkError';
	constructor(
		readonly ref: string,
		readonly detail: string,
		readonly timeoutMs?: number,
	) {
		super(timeoutMs == null ? `cannot fetch model "${ref}": ${detail}` : `cannot fetch model "${ref}": no answer within ${timeoutMs} ms (${detail})`);
	}
}

/** A synthetic model could not be produced (unknown preset or quant, write failure). */
export class SyntheticModelError extends EngineError {
	override name = 'SyntheticModelError';
	constructor(
		readonly ref: string,
		readonly detail: string,
		cause?: unknown,
	) {
		super(`cannot make synthetic model "${ref}": ${detail}`, cause === undefined ? undefined : {cause});
	}
}

/** An engine option has a value outside its domain. */
export class BadOptionError extends EngineError {
	override name = 'BadOptionError';
	constructor(
		readonly option: string,
		readonly value: unknown,
		readonly expected: string,
	) {
		super(`bad value for ${option}: ${formatValue(value)} (expected ${expected})`);
	}
}

/** A prompt does not fit in the context. Returned per prompt; the engine stays usable. */
export class ContextTooSmallError extends EngineError {
	override name = 'ContextTooSmallError';
	constructor(
		readonly promptId: string,
		readonly promptTokens: number,
		readonly contextSize: number,
	) {
		super(`prompt "${promptId}" needs ${promptTokens} tokens but the context holds ${contextSize}` + ' (raise --context-size)');
	}
}

/** The model's chat template did not render a prompt in time (a looping template). Returned per prompt; the engine stays usable. */
export class ChatTemplateTimeoutError extends EngineError {
	override name = 'ChatTemplateTimeoutError';
	constructor(
		readonly promptId: string | undefined,
		readonly timeoutMs: number,
	) {
		super(`the model's chat template did not render ${promptId === undefined ? 'the prompt' : `prompt "${promptId}"`} within ${timeoutMs} ms`);
	}
}

/** The context would need more memory than the machine has (llama.cpp would be killed trying). */
export class ContextTooLargeError extends EngineError {
	override name = 'ContextTooLargeError';
	constructor(
		readonly contextSize: number,
		readonly neededBytes: number,
		readonly totalBytes: number,
	) {
		super(`context size ${contextSize} needs about ${gib(neededBytes)} of memory, more than this machine's ${gib(totalBytes)}` + ' (lower --context-size)');
	}
}

function gib(bytes: number): string {
	return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** The requested llama.cpp binary (prebuilt or local build) is not available. */
export class BindingNotFoundError extends EngineError {
	override name = 'BindingNotFoundError';
	constructor(
		readonly build: string,
		readonly detail: string,
	) {
		super(`no ${build} llama.cpp binary available: ${detail}`);
	}
}

/** llama.cpp refused to load the model or create the context. */
export class ModelLoadError extends EngineError {
	override name = 'ModelLoadError';
	constructor(
		readonly path: string,
		readonly stage: 'model' | 'context',
		readonly detail: string,
	) {
		super(`cannot load ${stage === 'model' ? 'model' : 'context for model'} ${path}: ${detail}`);
	}
}

/** Loading was aborted through the caller's AbortSignal. */
export class EngineAbortedError extends EngineError {
	override name = 'EngineAbortedError';
	constructor(readonly stage: string) {
		super(`aborted while ${stage}`);
	}
}

/** The engine was used after `dispose()`. */
export class EngineDisposedError extends EngineError {
	override name = 'EngineDisposedError';
	constructor() {
		super('the engine has been disposed');
	}
}

/** A prompt is already running on this engine (one sequence, one prompt at a time). */
export class EngineBusyError extends EngineError {
	override name = 'EngineBusyError';
	constructor(readonly runningPromptId: string) {
		super(`prompt "${runningPromptId}" is still running on this engine`);
	}
}

function formatValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** The message of anything thrown, on one line. */
export function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A model hyperparameter llama.cpp would abort on (GGML_ASSERT) or misuse. */
export class BadHyperparameterError extends EngineError {
	override name = 'BadHyperparameterError';
	constructor(
		readonly path: string,
		readonly key: string,
		readonly value: unknown,
		readonly expected: string,
	) {
		super(`model ${path} has ${key} = ${formatValue(value)}, which llama.cpp cannot load (expected ${expected})`);
	}
}
