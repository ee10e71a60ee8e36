/**
 * Messages between {@link openEngineInWorker} (the JS main thread) and the
 * engine worker thread. Everything here is structured-clone safe: no
 * functions, no signals.
 */
import type {EngineOptions, EngineSnapshot, LoadStage, PromptInput, PromptResult, RunPromptOptions} from './types.js';

/** Engine options without the callbacks and signal, which become messages. */
export type WorkerEngineOptions = Omit<EngineOptions, 'signal' | 'onProgress' | 'onLog'>;

/** Prompt options without the callbacks, clock and signal, which become messages. */
export type WorkerRunOptions = Omit<RunPromptOptions, 'signal' | 'onPromptTokens' | 'onToken' | 'pace' | 'now' | 'stall'>;

/** An error crossing the thread boundary: its class name, message and own fields. */
export interface SerializedError {
	name: string;
	message: string;
	fields: Record<string, unknown>;
}

export type ToWorker =
	| {type: 'open'; options: WorkerEngineOptions}
	| {type: 'abort-open'}
	| {type: 'run'; prompt: PromptInput; options: WorkerRunOptions}
	| {type: 'abort-run'}
	| {type: 'dispose'};

export type FromWorker =
	| {type: 'progress'; stage: LoadStage; fraction?: number}
	| {type: 'log'; level: string; message: string}
	| {type: 'opened'; snapshot: EngineSnapshot}
	| {type: 'open-failed'; error: SerializedError}
	| {type: 'prompt-tokens'; n: number}
	/** `t` is `performance.now()` in the worker: threads of one process share its time origin. */
	| {type: 'token'; index: number; text: string; t: number}
	| {type: 'result'; result: PromptResult}
	| {type: 'run-failed'; error: SerializedError};

/** Copies an error's class name, message and own enumerable fields. */
export function serializeError(error: unknown): SerializedError {
	if (!(error instanceof Error)) return {name: 'Error', message: String(error), fields: {}};
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(error)) {
		if (key !== 'name' && key !== 'message' && isCloneable(value)) fields[key] = value;
	}
	return {name: error.name, message: error.message, fields};
}

function isCloneable(value: unknown): boolean {
	const type = typeof value;
	return value === null || type === 'string' || type === 'number' || type === 'boolean';
}
