import {mkdir, open, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import {removeStaleTempFiles} from '../files/atomic-file.js';
import {InvalidSyntheticRefError, OutputPathError} from './errors.js';
import type {ModelPlan} from './model-plan.js';
import {WRITER_VERSION} from './model-plan.js';
import {DEFAULT_SEED, resolvePreset, resolveQuant} from './preset-options.js';
import {planPreset} from './write-model.js';
import {writePlan} from './write-plan.js';

/** The prefix of synthetic model references. */
export const SYNTHETIC_PREFIX = 'synthetic:';

/** A parsed `synthetic:PRESET[:QUANT]` reference. */
export interface SyntheticRef {
	preset: string;
	quant: string;
}

/** Options for {@link ensureSyntheticModel}. */
export interface EnsureOptions {
	/**
	 * Where cached models live.
	 * @default `$LLMTOP_CACHE_DIR`, else `$XDG_CACHE_HOME/llmtop`, else `~/.cache/llmtop`
	 */
	cacheDir?: string;
	signal?: AbortSignal;
	onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

/** Is `ref` a synthetic model reference (starts with `synthetic:`)? */
export function isSyntheticRef(ref: string): boolean {
	return ref.startsWith(SYNTHETIC_PREFIX);
}

/**
 * Parses `synthetic:PRESET[:QUANT]`; the quant defaults to the preset's.
 * Throws `InvalidSyntheticRefError`, `UnknownPresetError` or `UnknownQuantError`.
 */
export function parseSyntheticRef(ref: string): SyntheticRef {
	if (!isSyntheticRef(ref)) throw new InvalidSyntheticRefError(ref);
	const parts = ref.slice(SYNTHETIC_PREFIX.length).split(':');
	if (parts.length > 2 || parts[0] === '') throw new InvalidSyntheticRefError(ref);
	const preset = resolvePreset(parts[0]!);
	return {preset: preset.name, quant: resolveQuant(preset, parts[1])};
}

/** The directory synthetic models are cached in (see {@link EnsureOptions.cacheDir}). */
export function syntheticCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env.LLMTOP_CACHE_DIR) return resolve(env.LLMTOP_CACHE_DIR);
	if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'llmtop');
	return join(homedir(), '.cache', 'llmtop');
}

/** The cache file name of a preset at a quant and seed, versioned by the writer. */
export function cachedModelFileName(preset: string, quant: string, seed = DEFAULT_SEED): string {
	return `synthetic-${preset}-${quant}-seed${seed}-w${WRITER_VERSION}.gguf`;
}

async function matchesPlan(path: string, plan: ModelPlan): Promise<boolean> {
	const info = await stat(path).catch(() => undefined);
	if (!info?.isFile() || info.size !== plan.layout.totalBytes) return false;
	const file = await open(path, 'r');
	try {
		const header = new Uint8Array(plan.layout.header.length);
		const {bytesRead} = await file.read(header, 0, header.length, 0);
		return bytesRead === header.length && Buffer.from(header).equals(plan.layout.header);
	} finally {
		await file.close();
	}
}

/**
 * Resolves a `synthetic:` reference to a GGUF file in the cache, writing it
 * (atomically) unless one with the same name (preset, quant, seed, writer
 * version), size and header is already there. `created` tells whether it was
 * written now. Temporary files of writers that died are removed.
 */
export async function ensureSyntheticModel(ref: string, opts: EnsureOptions = {}): Promise<{path: string; preset: string; quant: string; created: boolean}> {
	const {preset, quant} = parseSyntheticRef(ref);
	const plan = planPreset(preset, quant, DEFAULT_SEED);
	const dir = opts.cacheDir === undefined ? syntheticCacheDir() : resolve(opts.cacheDir);
	await mkdir(dir, {recursive: true}).catch((error: unknown) => {
		throw new OutputPathError(dir, `cannot create the cache directory (${(error as Error).message})`);
	});
	await removeStaleTempFiles(dir);
	const path = join(dir, cachedModelFileName(preset, quant, DEFAULT_SEED));
	if (await matchesPlan(path, plan)) return {path, preset, quant, created: false};
	await writePlan(path, plan, {signal: opts.signal, onProgress: opts.onProgress});
	return {path, preset, quant, created: true};
}
