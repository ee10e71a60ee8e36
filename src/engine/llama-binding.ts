import {readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {getLlama, LlamaLogLevel, type Llama, type LlamaOptions} from 'node-llama-cpp';
import {BindingNotFoundError, oneLine} from './errors.js';
import {lastLocalBuildDir} from './local-build.js';

/**
 * Which llama.cpp binary to load.
 * - `prebuilt`: the binary shipped in `@node-llama-cpp/<platform>`, even when a local build exists;
 * - `local`: a build made on this machine (`llmtop engine build`, `node-llama-cpp source download`);
 * - `auto`: a local build if one exists, else the prebuilt binary.
 * None of them ever compiles: a missing binary is a {@link BindingNotFoundError}.
 */
export type EngineBuild = 'prebuilt' | 'local' | 'auto';

/** Facts about the loaded llama.cpp binary, for the report. */
export interface EngineFacts {
	/** llama.cpp release the binary was built from, as node-llama-cpp reports it. */
	llamaCppRelease: string;
	llamaCppRepo: string;
	/** What was loaded (`server`: an endpoint engine, the binary is the server's). */
	build: 'prebuilt' | 'localBuild' | 'server';
	/** What was asked for. */
	requestedBuild: EngineBuild;
	/** e.g. `@node-llama-cpp/linux-x64 (cpu: zen4)` or `localBuilds/linux-x64 (cpu: native)`, when discoverable. */
	variant?: string;
	/** Path of the loaded `llama-addon.node`, when discoverable (Linux). */
	binaryPath?: string;
	/** CMake options of the build (empty for the prebuilt binary). */
	cmakeOptions: Record<string, string>;
	/** `false` on CPU, else the GPU backend. */
	gpu: string | false;
	cpuMathCores: number;
	/** llama.cpp's system info line (CPU features compiled in). */
	systemInfo: string;
}

/** Options for {@link loadBinding}. */
export interface BindingOptions {
	build: EngineBuild;
	/** Use a GPU backend if one is available (only when layers are offloaded). */
	gpu: boolean;
	/** CMake options of the local build to select. @default those of the last local build */
	cmakeOptions?: Record<string, string>;
	/** Receives llama.cpp log lines at warn level and above. */
	onLog?: (level: string, message: string) => void;
}

/**
 * A CMake option no build uses: local builds are looked up by a folder name
 * that hashes the CMake options, so with it no local build matches, while the
 * prebuilt binary is looked up without custom options. This is how `prebuilt`
 * is selected even after a local build exists (getLlama prefers local builds).
 */
const PREBUILT_ONLY_OPTION = {LLMTOP_SELECT_PREBUILT: '1'} as const;

/** Loads the llama.cpp binding as asked, without ever building from source. */
export async function loadBinding(options: BindingOptions): Promise<{llama: Llama; facts: EngineFacts}> {
	const common: LlamaOptions = {
		gpu: options.gpu ? 'auto' : false,
		build: 'never',
		skipDownload: true,
		progressLogs: false,
		maxThreads: 0,
		logLevel: LlamaLogLevel.warn,
		logger: (level, message) => options.onLog?.(String(level), message.trimEnd()),
	};
	let llama: Llama;
	try {
		switch (options.build) {
			case 'prebuilt':
				llama = await getLlama({...common, cmakeOptions: PREBUILT_ONLY_OPTION});
				break;
			case 'local':
				llama = await getLlama({
					...common,
					usePrebuiltBinaries: false,
					cmakeOptions: options.cmakeOptions ?? (await lastLocalBuildCmakeOptions()),
				});
				break;
			case 'auto':
				llama = await getLlama({...common, cmakeOptions: options.cmakeOptions ?? (await lastLocalBuildCmakeOptions())});
				break;
			default:
				throw new Error(`unknown build ${String(options.build satisfies never)}`);
		}
	} catch (error) {
		const hint = options.build === 'local' ? 'build one with `llmtop engine build`' : oneLine(error);
		throw new BindingNotFoundError(options.build === 'local' ? 'locally built' : options.build, hint);
	}
	if (options.build === 'prebuilt' && llama.buildType !== 'prebuilt') {
		await llama.dispose();
		throw new BindingNotFoundError('prebuilt', `node-llama-cpp loaded a ${llama.buildType} instead`);
	}
	return {llama, facts: await bindingFacts(llama, options.build)};
}

async function bindingFacts(llama: Llama, requestedBuild: EngineBuild): Promise<EngineFacts> {
	const facts: EngineFacts = {
		llamaCppRelease: llama.llamaCppRelease.release,
		llamaCppRepo: llama.llamaCppRelease.repo,
		build: llama.buildType,
		requestedBuild,
		cmakeOptions: {...llama.cmakeOptions},
		gpu: llama.gpu,
		cpuMathCores: llama.cpuMathCores,
		systemInfo: llama.systemInfo.trim(),
	};
	const mapped = await loadedBinaries(llama.buildType);
	if (mapped.binaryPath != null) facts.binaryPath = mapped.binaryPath;
	if (mapped.variant != null) facts.variant = mapped.variant;
	return facts;
}

/**
 * Which addon and CPU backend library the process mapped (Linux `/proc/self/maps`).
 * The prebuilt package ships one CPU library per micro-architecture
 * (`libggml-cpu-zen4.so`, ...) and llama.cpp picks one at load time.
 */
export async function loadedBinaries(buildType: 'prebuilt' | 'localBuild'): Promise<{binaryPath?: string; variant?: string}> {
	let maps: string;
	try {
		maps = await readFile('/proc/self/maps', 'utf8');
	} catch {
		return {};
	}
	const paths = new Set(
		maps
			.split('\n')
			.map((line) => line.split(/\s+/).slice(5).join(' '))
			.filter((p) => p.startsWith('/')),
	);
	const wanted = buildType === 'prebuilt' ? '/@node-llama-cpp/' : '/localBuilds/';
	const addon = [...paths].find((p) => p.endsWith('/llama-addon.node') && p.includes(wanted));
	if (addon == null) return {};
	const folder = dirname(addon);
	const cpuLib = [...paths].find((p) => dirname(p) === folder && /libggml-cpu(-[\w-]+)?\.so/.test(p));
	// A per-CPU variant library (prebuilt: libggml-cpu-zen4.so), or one built for this CPU (libggml-cpu.so: native).
	const cpu = cpuLib == null ? 'built in' : (/libggml-cpu-([\w-]+)\.so/.exec(cpuLib)?.[1] ?? 'native');
	const packageMatch = /(@node-llama-cpp\/[^/]+)|(localBuilds\/[^/]+)/.exec(addon);
	const where = packageMatch?.[0] ?? folder;
	return {binaryPath: addon, variant: `${where} (cpu: ${cpu})`};
}

/** CMake options of the last local build, read best-effort from node-llama-cpp's build records. */
async function lastLocalBuildCmakeOptions(): Promise<Record<string, string> | undefined> {
	try {
		const last = lastLocalBuildDir();
		if (!last) return undefined;
		const metadataPath = join(last.dir, 'Release', '_nlcBuildMetadata.json');
		const metadata = JSON.parse(await readFile(metadataPath, 'utf8')) as {
			buildOptions?: {customCmakeOptions?: Record<string, string>};
		};
		return metadata.buildOptions?.customCmakeOptions;
	} catch {
		return undefined;
	}
}
