/**
 * Small HTTP helpers over `node:http`/`node:https` (no dependency): a GET of a
 * bounded JSON body with a time bound, and a POST whose response body is
 * handed over chunk by chunk, each stamped on arrival.
 */
import http from 'node:http';
import https from 'node:https';
import {EndpointUnreachableError} from './errors.js';

/** A response read whole (bounded). */
export interface HttpResponse {
	status: number;
	contentType: string;
	text: string;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * An agent for `url`'s protocol with one connection per request (no
 * keep-alive: a server may close a streamed answer's connection, and a
 * reused dead socket would fail the next prompt). Destroy it when done.
 */
export function connectionAgent(url: URL): http.Agent {
	return url.protocol === 'https:' ? new https.Agent({keepAlive: false}) : new http.Agent({keepAlive: false});
}

function transport(url: URL, agent: http.Agent | undefined): {request: typeof http.request; agent: http.Agent | false} {
	return {request: url.protocol === 'https:' ? https.request : http.request, agent: agent ?? false};
}

/** GETs `url` and reads its body (at most 4 MiB). Rejects with {@link EndpointUnreachableError} on a network error or after `timeoutMs`. */
export function httpGet(
	url: URL,
	options: {timeoutMs: number; signal?: AbortSignal; headers?: Record<string, string>; agent?: http.Agent},
): Promise<HttpResponse> {
	return new Promise((resolve, reject) => {
		const {request, agent} = transport(url, options.agent);
		const req = request(
			url,
			{method: 'GET', agent, headers: {accept: 'application/json', ...options.headers}, ...(options.signal ? {signal: options.signal} : {})},
			(res) => {
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > MAX_BODY_BYTES) {
						req.destroy(new Error(`the answer is larger than ${MAX_BODY_BYTES} bytes`));
						return;
					}
					chunks.push(chunk);
				});
				res.on('end', () => {
					clearTimeout(timer);
					resolve({status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8')});
				});
				res.on('error', fail);
			},
		);
		const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
		timer.unref();
		function fail(error: Error): void {
			clearTimeout(timer);
			reject(new EndpointUnreachableError(url.origin, networkDetail(error)));
		}
		req.on('error', fail);
		req.end();
	});
}

/** Options of {@link httpStream}. */
export interface StreamOptions {
	body: string;
	headers?: Record<string, string>;
	signal?: AbortSignal;
	/** Keep-alive agent; none: one connection per request. */
	agent?: http.Agent;
	/** Connection and first-byte bound, ms (a prompt's own length is not bounded). */
	connectTimeoutMs: number;
	/** Monotonic clock for arrival stamps. */
	now(): number;
	/** One call per chunk of the body as it arrives, with the time it arrived. */
	onData(text: string, t: number): void;
}

/** The status of a streamed POST, and its body when it was not a 2xx (bounded). */
export interface StreamEnd {
	status: number;
	contentType: string;
	/** The body of a non-2xx answer (the error the server gave). */
	errorBody?: string;
}

/**
 * POSTs a JSON body and streams the answer through `onData`. Resolves when
 * the body ended (or the request was aborted through `signal`: the promise
 * then rejects with the abort error); rejects with the network error when the
 * connection fails or breaks mid-answer.
 */
export function httpStream(url: URL, options: StreamOptions): Promise<StreamEnd> {
	return new Promise((resolve, reject) => {
		const {request, agent} = transport(url, options.agent);
		const headers = {'content-type': 'application/json', accept: 'text/event-stream', ...options.headers};
		const req = request(url, {method: 'POST', agent, headers, ...(options.signal ? {signal: options.signal} : {})}, (res) => {
			clearTimeout(timer);
			const status = res.statusCode ?? 0;
			const contentType = String(res.headers['content-type'] ?? '');
			res.setEncoding('utf8');
			if (status < 200 || status >= 300) {
				let body = '';
				res.on('data', (chunk: string) => {
					if (body.length < 4096) body += chunk;
				});
				res.on('end', () => resolve({status, contentType, errorBody: body.slice(0, 4096)}));
				res.on('error', reject);
				return;
			}
			res.on('data', (chunk: string) => options.onData(chunk, options.now()));
			res.on('end', () => (res.complete ? resolve({status, contentType}) : reject(new Error('the connection closed before the answer ended'))));
			res.on('aborted', () => reject(new Error('the connection closed before the answer ended')));
			res.on('error', reject);
		});
		const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.connectTimeoutMs / 1000} s`)), options.connectTimeoutMs);
		timer.unref();
		req.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		req.end(options.body);
	});
}

/** A network error as a short phrase (`connection refused`, `no such host`...). */
export function networkDetail(error: Error): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ECONNREFUSED':
			return 'connection refused (is the server running on that port?)';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'no such host';
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return 'no route to the host';
		case 'ECONNRESET':
			return 'the connection was reset';
		case 'EPROTO':
		case 'ERR_SSL_WRONG_VERSION_NUMBER':
			return 'TLS failed (http:// vs https://?)';
		default:
			return error.message || String(code ?? error);
	}
}
