/**
 * Named errors of the endpoint engine. Each extends `EngineError`, so the
 * CLI prints the message as one line and exits 2 (bad input).
 */
import {EngineError} from '../errors.js';

/** Nothing answers at the URL (connection refused, no route, DNS, or no answer within the bound). */
export class EndpointUnreachableError extends EngineError {
	override name = 'EndpointUnreachableError';
	constructor(
		readonly url: string,
		readonly detail: string,
	) {
		super(`endpoint ${url} is unreachable: ${detail}`);
	}
}

/** Something answers, but not as an OpenAI-compatible chat server. */
export class NotOpenAiEndpointError extends EngineError {
	override name = 'NotOpenAiEndpointError';
	constructor(
		readonly url: string,
		readonly detail: string,
	) {
		super(`${url} is not an OpenAI-compatible endpoint: ${detail}`);
	}
}

/** The URL itself is malformed or not http(s). */
export class BadEndpointUrlError extends EngineError {
	override name = 'BadEndpointUrlError';
	constructor(
		readonly url: string,
		readonly detail: string,
	) {
		super(`bad --endpoint URL '${url}': ${detail}`);
	}
}

/** `--launch` could not start the server, or it exited before it was ready. */
export class LaunchFailedError extends EngineError {
	override name = 'LaunchFailedError';
	constructor(
		readonly command: string,
		readonly detail: string,
		readonly stderrTail: readonly string[] = [],
	) {
		super(`--launch ${command}: ${detail}${stderrSuffix(stderrTail)}`);
	}
}

/** The launched server did not become ready within `--launch-timeout`. */
export class LaunchTimeoutError extends EngineError {
	override name = 'LaunchTimeoutError';
	constructor(
		readonly command: string,
		readonly timeoutMs: number,
		readonly stderrTail: readonly string[] = [],
	) {
		super(`--launch ${command}: not ready after ${timeoutMs / 1000} s (raise --launch-timeout)${stderrSuffix(stderrTail)}`);
	}
}

/** `--launch` command line that cannot be used (empty, unknown placeholder, unbalanced quote). */
export class BadLaunchCommandError extends EngineError {
	override name = 'BadLaunchCommandError';
	constructor(
		readonly command: string,
		readonly detail: string,
	) {
		super(`bad --launch command '${command}': ${detail}`);
	}
}

/** The server process died (before the first prompt this is bad input, exit 2; during prompts the verdict decides). */
export class ServerDiedError extends EngineError {
	override name = 'ServerDiedError';
	constructor(readonly description: string) {
		super(`the server died: ${description}`);
	}
}

/** `--pid` names no running process, or one llmtop cannot read. */
export class PidError extends EngineError {
	override name = 'PidError';
	constructor(
		readonly pid: number,
		readonly detail: string,
	) {
		super(`--pid ${pid}: ${detail}`);
	}
}

/** ` — its stderr ended: a | b` from a launched server's last stderr lines, or nothing. */
function stderrSuffix(tail: readonly string[]): string {
	return tail.length > 0 ? ` — its stderr ended: ${tail.join(' | ')}` : '';
}
