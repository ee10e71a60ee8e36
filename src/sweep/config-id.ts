/**
 * A configuration's identity: the normalised configuration (defaults filled
 * in, the model reference in its canonical spelling) together with the run
 * flags every configuration shares, hashed. Two sweeps asking for the same
 * run get the same id, so a rerun finds the report of the first.
 */
import {createHash} from 'node:crypto';
import {basename} from 'node:path';
import type {SweepConfig} from './types.js';

/** What a configuration is when it does not say: `run`'s defaults on this machine. */
export interface ConfigDefaults {
	threads: number;
	batchSize: number;
	contextSize: number;
}

/** The configuration with every default filled in and the model spelled canonically. */
export function normaliseConfig(
	config: SweepConfig,
	defaults: ConfigDefaults,
	canonicalModel: (ref: string) => string = (ref) => ref.trim(),
): Required<Pick<SweepConfig, 'model' | 'threads' | 'batchSize' | 'contextSize'>> & SweepConfig {
	return {
		model: canonicalModel(config.model),
		threads: config.threads ?? defaults.threads,
		batchSize: config.batchSize ?? defaults.batchSize,
		contextSize: config.contextSize ?? defaults.contextSize,
		...(config.cpuCap === undefined ? {} : {cpuCap: config.cpuCap}),
		...(config.nice === undefined ? {} : {nice: config.nice}),
	};
}

/**
 * The id of a normalised configuration run with `shared` (the other run
 * flags, as `--flag value` pairs): a readable prefix (model, threads, cap)
 * and 10 hex digits of SHA-256 over both, in a fixed key order.
 */
export function configId(config: SweepConfig, shared: readonly string[]): string {
	const canonical = JSON.stringify([
		config.model,
		config.threads ?? null,
		config.cpuCap ?? null,
		config.nice ?? null,
		config.batchSize ?? null,
		config.contextSize ?? null,
		[...shared],
	]);
	const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 10);
	const prefix = [
		modelSlug(config.model),
		config.threads === undefined ? '' : `t${config.threads}`,
		config.cpuCap === undefined ? 'nocap' : `cap${config.cpuCap}`,
	]
		.filter(Boolean)
		.join('-')
		.replace(/[^A-Za-z0-9._-]+/g, '_');
	return `${prefix}-${hash}`;
}

/** The levers whose values differ between `configs` (the model always counts). */
export function variedLevers(configs: readonly SweepConfig[]): Set<keyof SweepConfig> {
	const keys: (keyof SweepConfig)[] = ['threads', 'cpuCap', 'nice', 'batchSize', 'contextSize'];
	return new Set<keyof SweepConfig>(['model', ...keys.filter((key) => new Set(configs.map((config) => config[key])).size > 1)]);
}

/** A short label for tables: `smollm2-135m:Q4_0 t2 cap35 nice10 b128 c512`, only the levers in `show` (default: all that are set). */
export function configLabel(config: SweepConfig, show?: ReadonlySet<keyof SweepConfig>): string {
	const shown = (key: keyof SweepConfig): boolean => show === undefined || show.has(key);
	return [
		modelName(config.model),
		config.threads === undefined || !shown('threads') ? undefined : `t${config.threads}`,
		!shown('cpuCap') ? undefined : config.cpuCap === undefined ? 'nocap' : `cap${config.cpuCap}`,
		config.nice === undefined || !shown('nice') ? undefined : `nice${config.nice}`,
		config.batchSize === undefined || !shown('batchSize') ? undefined : `b${config.batchSize}`,
		config.contextSize === undefined || !shown('contextSize') ? undefined : `c${config.contextSize}`,
	]
		.filter(Boolean)
		.join(' ');
}

/** `synthetic:smollm2-135m:Q4_0` -> `smollm2-135m:Q4_0`; a path -> its file name without `.gguf`. */
export function modelName(ref: string): string {
	if (ref.startsWith('synthetic:')) return ref.slice('synthetic:'.length);
	if (ref.startsWith('hf:')) return ref.slice(3).split('/').pop() ?? ref;
	return basename(ref).replace(/\.gguf$/i, '');
}

function modelSlug(ref: string): string {
	return modelName(ref).replace(/:/g, '-').slice(0, 48);
}
