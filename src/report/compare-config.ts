/**
 * The configuration side of `compare`: model, run configuration, suite and
 * engine/host facts of each report, as display strings, and which differ.
 */
import {formatBinaryBytes} from '../run/format.js';
import type {RunConfig} from '../run/types.js';
import type {Report} from './types.js';

/** One configuration setting across the compared reports. */
export interface ConfigComparison {
	key: string;
	label: string;
	/** One per report; `null` when the report does not say. */
	values: (string | null)[];
	/** True when some report's value differs from the baseline's. */
	differs: boolean;
}

interface Setting {
	key: string;
	label: string;
	read(report: Report): unknown;
}

function bytes(value: unknown): string | null {
	return typeof value === 'number' ? formatBinaryBytes(value) : null;
}

/** Reports older than the `target` field ran in-process. */
function targetOf(report: Report): Report['target'] {
	return report.target ?? {kind: 'in-process'};
}

/** What ran the prompts, first: `in-process`, or `server: llama.cpp server b6000-80fb11a`. */
const TARGET_SETTINGS: readonly Setting[] = [
	{
		key: 'target.kind',
		label: 'target',
		read: (r) => {
			const target = targetOf(r);
			if (target.kind === 'in-process') return 'in-process';
			return `server: ${target.server ? `${target.server.name}${target.server.version ? ` ${target.server.version}` : ''}` : 'unknown'}`;
		},
	},
	{
		key: 'target.how',
		label: 'server started',
		read: (r) => {
			const target = targetOf(r);
			if (target.kind === 'in-process') return null;
			return target.launched ? 'by llmtop (--launch)' : target.pid === undefined ? 'attached, no PID (latency only)' : 'attached (--pid)';
		},
	},
	{key: 'target.command', label: 'server command', read: (r) => targetOf(r).command?.join(' ') ?? null},
];

const MODEL_SETTINGS: readonly Setting[] = [
	{key: 'model.ref', label: 'model', read: (r) => r.model.ref},
	{key: 'model.name', label: 'model name', read: (r) => r.model.name},
	{key: 'model.quantization', label: 'quantization', read: (r) => r.model.quantization},
	{key: 'model.sizeBytes', label: 'model size', read: (r) => bytes(r.model.sizeBytes)},
	{key: 'model.parameterCount', label: 'parameters', read: (r) => r.model.parameterCount},
	{key: 'model.synthetic', label: 'synthetic model', read: (r) => r.model.synthetic},
];

/** Every run configuration key (but the suite, shown with the suite) with its label, in display order. */
const CONFIG_LABELS: {readonly [K in Exclude<keyof RunConfig, 'suite'>]-?: string} = {
	threads: 'threads',
	contextSize: 'context size',
	batchSize: 'batch size',
	gpuLayers: 'GPU layers',
	temperature: 'temperature',
	topP: 'top-p',
	maxTokens: 'max tokens',
	seed: 'seed',
	nice: 'nice',
	cpuCapPct: 'CPU cap %',
	loadWorkers: 'load workers',
	canary: 'canary',
	intervalMs: 'sampling interval ms',
	idleSeconds: 'idle seconds',
	build: 'engine binary',
	waitPolicy: 'waitPolicy',
	observerNice: 'observerNice',
	allowBusy: 'allow busy',
	repeat: 'passes (--repeat)',
	durationMs: 'soak duration ms',
};

const CONFIG_KEYS = Object.keys(CONFIG_LABELS) as (keyof typeof CONFIG_LABELS)[];

const SUITE_SETTINGS: readonly Setting[] = [
	{key: 'suite.name', label: 'suite', read: (r) => r.suite.name},
	{key: 'suite.path', label: 'suite file', read: (r) => r.suite.path},
];

const HOST_SETTINGS: readonly Setting[] = [
	{key: 'host.llamaCppRelease', label: 'llama.cpp release', read: (r) => r.host.llamaCppRelease},
	{key: 'host.engineBuild', label: 'engine build', read: (r) => r.host.engineBuild},
	{key: 'host.engineVariant', label: 'engine variant', read: (r) => r.host.engineVariant},
	{key: 'host.cpuModel', label: 'CPU', read: (r) => r.host.cpuModel},
	{key: 'host.logicalCores', label: 'logical cores', read: (r) => r.host.logicalCores},
	{key: 'host.totalMemoryBytes', label: 'memory', read: (r) => bytes(r.host.totalMemoryBytes)},
	{key: 'host.os', label: 'OS', read: (r) => r.host.os},
	{key: 'host.node', label: 'Node.js', read: (r) => r.host.node},
];

/** Every setting of every report (the union of their `config` keys), baseline first. */
export function compareConfig(reports: readonly Report[]): ConfigComparison[] {
	const configSettings: Setting[] = CONFIG_KEYS.map((key) => ({key: `config.${key}`, label: CONFIG_LABELS[key], read: (r) => r.config[key]}));
	const settings = [...TARGET_SETTINGS, ...MODEL_SETTINGS, ...configSettings, ...SUITE_SETTINGS, ...HOST_SETTINGS];
	return settings
		.map(({key, label, read}) => {
			const values = reports.map((report) => display(read(report)));
			return {key, label, values, differs: values.some((value) => value !== values[0])};
		})
		.filter((row) => row.values.some((value) => value !== null));
}

function display(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}
