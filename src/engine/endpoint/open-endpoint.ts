import {statSync} from 'node:fs';
import type {ModelInfo} from '../../run/types.js';
import {resolveModel} from '../resolve-model.js';
import type {Engine, LoadStage} from '../types.js';
import {EndpointEngine, checkPid} from './endpoint-engine.js';
import {connectionAgent} from './http.js';
import {identifyServer, parseEndpointUrl, type ServerFacts} from './identify.js';
import {launchArgv} from './launch-command.js';
import {freePort, launchServer, type LaunchedServer} from './launch.js';

/** Options of {@link openEndpointEngine}: exactly one of `endpoint` and `launch`. */
export interface EndpointOptions {
	/** Base URL of a running server, with or without `/v1`. */
	endpoint?: string;
	/** A server command line with placeholders (`{model}` `{threads}` `{ctx}` `{batch}` `{host}` `{port}`). */
	launch?: string;
	/** The PID of a running server to sample (never stopped). */
	pid?: number;
	/** The model name prompts ask for, where the server wants one (ollama). @default the first `/v1/models` lists */
	endpointModel?: string;
	/** `--model`: the file `{model}` stands for (synthetic refs written first); also the model facts. */
	model?: string;
	threads: number;
	contextSize: number;
	batchSize: number;
	/** Bound on a launched server's start to ready, ms. @default 120000 */
	launchTimeoutMs?: number;
	/** Bound on reaching the endpoint (each request's connection and first byte), ms. @default 10000 */
	connectTimeoutMs?: number;
	cacheDir?: string;
	signal?: AbortSignal;
	onProgress?: (stage: LoadStage, fraction?: number) => void;
	/** Called with the server's PID once known (`--pid` at once, `--launch` when it runs). */
	onProcess?: (pid: number) => void;
}

/**
 * Opens an endpoint engine: resolves `--model` (for `{model}` and the
 * model's facts), launches the server on a free loopback port and waits for
 * it (`--launch`) or checks `--pid`, then identifies the server. Throws an
 * `EngineError` subclass for every bad input (unreachable or non-OpenAI URL,
 * missing PID, a launch that fails or times out); a launched server is
 * stopped before the error is thrown.
 */
export async function openEndpointEngine(options: EndpointOptions): Promise<Engine> {
	const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
	options.onProgress?.('resolve');
	if (options.pid !== undefined) checkPid(options.pid);
	const resolved =
		options.model === undefined
			? undefined
			: await resolveModel(options.model, {
					...(options.cacheDir ? {cacheDir: options.cacheDir} : {}),
					...(options.signal ? {signal: options.signal} : {}),
					onProgress: (stage, fraction) => options.onProgress?.(stage, fraction),
				});
	let launched: LaunchedServer | undefined;
	let argv: string[] | undefined;
	let url;
	if (options.launch !== undefined) {
		const host = '127.0.0.1';
		const port = await freePort(host);
		argv = launchArgv(options.launch, {
			...(resolved ? {model: resolved.facts.path} : {}),
			threads: options.threads,
			ctx: options.contextSize,
			batch: options.batchSize,
			host,
			port,
		});
		url = parseEndpointUrl(`http://${host}:${port}`);
		options.onProgress?.('model');
		launched = await launchServer({
			argv,
			root: url.root,
			timeoutMs: options.launchTimeoutMs ?? 120_000,
			...(options.signal ? {signal: options.signal} : {}),
			onSpawn: (pid) => options.onProcess?.(pid),
		});
	} else {
		url = parseEndpointUrl(options.endpoint ?? '');
		if (options.pid !== undefined) options.onProcess?.(options.pid);
	}
	const agent = connectionAgent(url.root);
	try {
		const server = await identifyServer(url, {
			timeoutMs: connectTimeoutMs,
			...(options.endpointModel ? {model: options.endpointModel} : {}),
			...(options.signal ? {signal: options.signal} : {}),
			agent,
		});
		const model = resolved?.facts ?? (await serverModelFacts(server, url.root.href));
		options.onProgress?.('ready');
		const pid = launched?.pid ?? options.pid;
		return new EndpointEngine({
			url,
			server,
			model,
			threads: options.threads,
			contextSize: options.contextSize,
			batchSize: options.batchSize,
			...(launched ? {launched, loadMs: launched.readyMs} : {loadMs: 0}),
			...(argv ? {launchArgv: argv} : {}),
			...(pid === undefined ? {} : {pid}),
			agent,
			connectTimeoutMs,
		});
	} catch (error) {
		agent.destroy();
		await launched?.stop();
		throw error;
	}
}

/** The model's facts when no `--model` was given: from the file the server names (when it is readable here), else its name only. */
async function serverModelFacts(server: ServerFacts, url: string): Promise<ModelInfo> {
	if (server.modelPath) {
		try {
			statSync(server.modelPath);
			const resolved = await resolveModel(server.modelPath);
			return {...resolved.facts, ref: `${url}#${server.model}`};
		} catch {
			// Not on this machine (or not readable): the name only.
		}
	}
	return {
		ref: `${url}#${server.model}`,
		path: server.modelPath ?? '',
		name: server.model,
		architecture: 'unknown',
		quantization: 'unknown',
		sizeBytes: 0,
		parameterCount: 0,
		synthetic: false,
	};
}
