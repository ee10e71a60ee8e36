/**
 * Which server answers at an `--endpoint` URL: the OpenAI model list
 * (`/v1/models`), llama-server's `/props` (build, model path, context) and
 * ollama's `/api/version`, each read once with a time bound.
 */
import type http from 'node:http';
import {EngineError} from '../errors.js';
import {BadEndpointUrlError, NotOpenAiEndpointError} from './errors.js';
import {httpGet, type HttpResponse} from './http.js';

/** An endpoint's base URL and the URLs derived from it. */
export interface EndpointUrl {
	/** The server's root (the URL given, without a trailing `/v1`). */
	root: URL;
	/** `<root>/v1/`. */
	v1: URL;
	/** `<root>/v1/chat/completions`. */
	chat: URL;
}

/** Parses `--endpoint`: an http(s) URL, with or without `/v1`. Throws {@link BadEndpointUrlError}. */
export function parseEndpointUrl(text: string): EndpointUrl {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new BadEndpointUrlError(text, 'not a URL (e.g. http://127.0.0.1:8080)');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new BadEndpointUrlError(text, `'${url.protocol}' is not http: or https: (write http://HOST:PORT)`);
	if (url.search || url.hash) throw new BadEndpointUrlError(text, 'a base URL has no query or fragment');
	const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
	const root = new URL(`${url.origin}${path}/`);
	const v1 = new URL('v1/', root);
	return {root, v1, chat: new URL('chat/completions', v1)};
}

/** What llmtop learned about the server. */
export interface ServerFacts {
	/** e.g. `llama.cpp server`, `ollama`, or the model list's `owned_by`. */
	name: string;
	/** e.g. llama-server's `build_info` (`b6000-80fb11a`), ollama's version. */
	version?: string;
	/** Model ids of `/v1/models`. */
	models: string[];
	/** The model prompts name (`--endpoint-model`, else the first listed). */
	model: string;
	/** The model file the server loaded, where it says (llama-server `/props`). */
	modelPath?: string;
	/** Context size per slot, where it says. */
	contextSize?: number;
}

/** The server does not serve the model `--endpoint-model` names. */
export class EndpointModelError extends EngineError {
	override name = 'EndpointModelError';
	constructor(
		readonly model: string,
		readonly served: readonly string[],
	) {
		super(`the endpoint does not serve model '${model}'${served.length > 0 ? ` (it serves: ${served.slice(0, 8).join(', ')})` : ''}`);
	}
}

/**
 * Reads the server's facts. Throws `EndpointUnreachableError` (no answer
 * within `timeoutMs`), {@link NotOpenAiEndpointError} (no OpenAI model
 * list) or {@link EndpointModelError}.
 */
export async function identifyServer(
	url: EndpointUrl,
	options: {timeoutMs: number; model?: string; signal?: AbortSignal; agent?: http.Agent},
): Promise<ServerFacts> {
	const get = (target: URL): Promise<HttpResponse> =>
		httpGet(target, {timeoutMs: options.timeoutMs, ...(options.signal ? {signal: options.signal} : {}), ...(options.agent ? {agent: options.agent} : {})});
	const list = await get(new URL('models', url.v1));
	const listed = modelList(list);
	if (typeof listed === 'string') throw new NotOpenAiEndpointError(url.v1.href.replace(/\/$/, ''), listed);
	const props = await get(new URL('props', url.root)).then(parseJson, () => undefined);
	const facts: ServerFacts = {name: listed.ownedBy ?? 'OpenAI-compatible server', models: listed.ids, model: options.model ?? listed.ids[0] ?? 'default'};
	if (options.model !== undefined && listed.ids.length > 0 && !listed.ids.includes(options.model)) throw new EndpointModelError(options.model, listed.ids);
	if (isObject(props) && typeof props['build_info'] === 'string') {
		facts.name = 'llama.cpp server';
		facts.version = props['build_info'];
		if (typeof props['model_path'] === 'string') facts.modelPath = props['model_path'];
		const settings = props['default_generation_settings'];
		const nCtx = isObject(settings) ? settings['n_ctx'] : undefined;
		if (typeof nCtx === 'number') facts.contextSize = nCtx;
		return facts;
	}
	const ollama = await get(new URL('api/version', url.root)).then(parseJson, () => undefined);
	if (isObject(ollama) && typeof ollama['version'] === 'string') {
		facts.name = 'ollama';
		facts.version = ollama['version'];
	}
	return facts;
}

function modelList(response: HttpResponse): {ids: string[]; ownedBy?: string} | string {
	if (response.status === 404) return 'GET /v1/models answered 404 (wrong path or port?)';
	if (response.status === 401 || response.status === 403) return `GET /v1/models answered ${response.status} (an API key is needed; llmtop does not send one)`;
	if (response.status !== 200) return `GET /v1/models answered HTTP ${response.status}`;
	const body = parseJson(response);
	if (!isObject(body)) return `GET /v1/models did not answer JSON (${response.contentType || 'no content type'})`;
	const data = body['data'];
	if (!Array.isArray(data)) return 'GET /v1/models has no data array';
	const ids = data
		.map((item: unknown) => (isObject(item) && typeof item['id'] === 'string' ? item['id'] : undefined))
		.filter((id): id is string => id !== undefined);
	const first: unknown = data[0];
	const ownedBy = isObject(first) && typeof first['owned_by'] === 'string' ? first['owned_by'] : undefined;
	return {ids, ...(ownedBy ? {ownedBy} : {})};
}

function parseJson(response: HttpResponse): unknown {
	if (response.status !== 200) return undefined;
	try {
		return JSON.parse(response.text) as unknown;
	} catch {
		return undefined;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
