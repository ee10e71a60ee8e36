import type {Engine, EngineOptions} from '../engine/index.js';
import {openEndpointEngine, placeholdersOf, type EndpointOptions} from '../engine/endpoint/index.js';
import type {TargetInfo} from '../run/types.js';
import type {FlagValue} from './args.js';
import {UsageError} from './errors.js';

/** Flags of llmtop's own engine that cannot apply to a server, and why. */
const IN_PROCESS_ONLY: Readonly<Record<string, string>> = {
	'cpu-cap': "llmtop cannot pace a server's decode loop",
	nice: "llmtop does not own a server's threads (renice the server yourself)",
	build: 'the server is its own binary',
	'wait-policy': "set OMP_WAIT_POLICY in the server's environment",
	'gpu-layers': 'pass the server its own flag (e.g. -ngl) in --launch',
};

/** What `run`/`try` need to profile a server instead of the in-process engine. */
export interface EndpointSetup {
	target: TargetInfo;
	/** The model ref (`{model}`'s file); undefined when none applies. */
	modelRef: string | undefined;
	openEngine(options: EngineOptions): Promise<Engine>;
}

/**
 * `--endpoint URL [--pid N] [--endpoint-model NAME]` or `--launch 'CMD'`,
 * checked before anything starts; undefined when neither is given (the
 * in-process engine). Throws {@link UsageError} for flags that conflict or
 * cannot apply to a server.
 */
export function endpointSetup(
	flags: Record<string, FlagValue | undefined>,
	defaults: {model: string; threads: number; contextSize: number; batchSize: number},
): EndpointSetup | undefined {
	const endpoint = flags['endpoint'] as string | undefined;
	const launch = flags['launch'] as string | undefined;
	const pid = flags['pid'] as number | undefined;
	const endpointModel = flags['endpoint-model'] as string | undefined;
	const launchTimeout = flags['launch-timeout'] as number | undefined;
	if (endpoint === undefined && launch === undefined) {
		for (const name of ['pid', 'endpoint-model', 'launch-timeout']) {
			if (flags[name] !== undefined) throw new UsageError(`--${name} needs --endpoint${name === 'launch-timeout' ? ' or --launch' : ''}`);
		}
		return undefined;
	}
	if (endpoint !== undefined && launch !== undefined)
		throw new UsageError('--endpoint and --launch are exclusive (--launch picks the port and talks to the server it starts)');
	if (launch !== undefined && pid !== undefined) throw new UsageError('--pid is for --endpoint: with --launch llmtop samples the server it starts');
	if (endpoint !== undefined && launchTimeout !== undefined) throw new UsageError('--launch-timeout is for --launch');
	for (const [name, why] of Object.entries(IN_PROCESS_ONLY)) {
		if (flags[name] !== undefined) throw new UsageError(`--${name} cannot apply to a server (--${endpoint !== undefined ? 'endpoint' : 'launch'}): ${why}`);
	}
	const explicitModel = flags['model'] as string | undefined;
	const modelRef = launch !== undefined && placeholdersOf(launch).has('model') ? (explicitModel ?? defaults.model) : explicitModel;
	const target: TargetInfo = {
		kind: 'endpoint',
		...(endpoint === undefined ? {} : {url: endpoint}),
		...(pid === undefined ? {} : {pid}),
		launched: launch !== undefined,
	};
	const options: EndpointOptions = {
		...(endpoint === undefined ? {} : {endpoint}),
		...(launch === undefined ? {} : {launch}),
		...(pid === undefined ? {} : {pid}),
		...(endpointModel === undefined ? {} : {endpointModel}),
		...(modelRef === undefined ? {} : {model: modelRef}),
		...(launchTimeout === undefined ? {} : {launchTimeoutMs: launchTimeout * 1000}),
		threads: defaults.threads,
		contextSize: defaults.contextSize,
		batchSize: defaults.batchSize,
		...(process.env['LLMTOP_CACHE_DIR'] ? {cacheDir: process.env['LLMTOP_CACHE_DIR']} : {}),
	};
	return {
		target,
		modelRef,
		openEngine: (engineOptions) =>
			openEndpointEngine({
				...options,
				...(engineOptions.signal ? {signal: engineOptions.signal} : {}),
				...(engineOptions.onProgress ? {onProgress: engineOptions.onProgress} : {}),
				...(engineOptions.onProcess ? {onProcess: engineOptions.onProcess} : {}),
			}),
	};
}
