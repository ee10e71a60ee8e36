/**
 * Reading version 1 files (`llmtop/report@1`, `llmtop/events@1`) as version 2.
 * Version 2 closed the configuration: `config` holds only the fields
 * {@link RunConfig} declares. A version 1 writer put the same fields there
 * under the same names, but nothing promised it, so the optional levers are
 * kept only when they have the declared type (anything else reads as a run
 * that did not record that lever), and keys version 2 does not know are
 * dropped. Pure functions: the input is not changed.
 */
import type {RunConfig} from '../run/types.js';

/** How to recognise each optional lever of a version 1 `config`. */
const OPTIONAL_LEVERS: {readonly [K in keyof RunConfig]-?: undefined extends RunConfig[K] ? (value: unknown) => boolean : null} = {
	threads: null,
	contextSize: null,
	batchSize: null,
	gpuLayers: null,
	temperature: null,
	topP: null,
	maxTokens: null,
	intervalMs: null,
	idleSeconds: null,
	suite: null,
	seed: isNumber,
	build: (value) => value === 'prebuilt' || value === 'local' || value === 'auto',
	waitPolicy: (value) => value === 'default' || value === 'active' || value === 'passive',
	nice: isNumber,
	cpuCapPct: isNumber,
	loadWorkers: isNumber,
	canary: (value) => typeof value === 'boolean',
	observerNice: isNumber,
	allowBusy: (value) => typeof value === 'boolean',
	repeat: isNumber,
	durationMs: isNumber,
};

function isNumber(value: unknown): boolean {
	return typeof value === 'number' && Number.isFinite(value);
}

/** A version 1 `config` as version 2 has it: the declared fields only, optional ones only when well typed. */
export function upgradeConfigV1(config: unknown): unknown {
	if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
	const upgraded: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(config)) {
		if (!Object.hasOwn(OPTIONAL_LEVERS, key)) continue;
		const check = OPTIONAL_LEVERS[key as keyof RunConfig];
		if (check === null || check(value)) upgraded[key] = value;
	}
	return upgraded;
}

/** Metrics added to `@1` after its first release: a report written before them reads as a run without that data. */
const LATE_METRICS = ['returnToIdleMs', 'canary', 'psi', 'loadWorkers'] as const;

/** A parsed `llmtop/report@1` object as `llmtop/report@2`. */
export function upgradeReportV1(report: Record<string, unknown>): Record<string, unknown> {
	const upgraded: Record<string, unknown> = {...report, schema: 'llmtop/report@2'};
	if ('config' in report) upgraded['config'] = upgradeConfigV1(report['config']);
	const metrics = report['metrics'];
	if (typeof metrics === 'object' && metrics !== null && !Array.isArray(metrics)) {
		const filled: Record<string, unknown> = {...metrics};
		for (const key of LATE_METRICS) filled[key] ??= null;
		upgraded['metrics'] = filled;
	}
	return upgraded;
}

/** The `run-start` event of an `llmtop/events@1` file as `llmtop/events@2` (later events need no change). */
export function upgradeRunStartV1(event: Record<string, unknown>): Record<string, unknown> {
	return {...event, schema: 'llmtop/events@2', config: upgradeConfigV1(event['config'])};
}
