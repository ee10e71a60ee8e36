/**
 * The shape of each event of an events file (`llmtop/events@2`), in the
 * schema subset {@link firstSchemaProblem} checks, so a hand-edited or
 * corrupted line is dropped with the path of what is wrong instead of
 * reaching the store. `t` is a time in the run: 0 to {@link MAX_EVENT_T_MS}.
 */
import {CRITERION_IDS} from '../run/criteria.js';
import type {RunEventType} from '../run/events.js';
import {firstSchemaProblem, type SchemaNode} from './schema-check.js';

/** Latest `t` an event may have: a year, ms (a run is hours; `1e308` is corruption). */
export const MAX_EVENT_T_MS = 365 * 24 * 3600 * 1000;

const num: SchemaNode = {type: 'number'};
const count: SchemaNode = {type: 'integer', minimum: 0};
const str: SchemaNode = {type: 'string'};
const bool: SchemaNode = {type: 'boolean'};
const t: SchemaNode = {type: 'number', minimum: 0, maximum: MAX_EVENT_T_MS};
const phase: SchemaNode = {enum: ['load', 'idle-before', 'prompts', 'idle-after', 'done']};
const obj = (required: string[], properties: Record<string, SchemaNode>): SchemaNode => ({type: 'object', required, properties});

const host = obj(['os', 'arch', 'cpuModel', 'logicalCores', 'totalMemoryBytes', 'node'], {
	os: str,
	platform: str,
	release: str,
	arch: str,
	cpuModel: str,
	logicalCores: {type: 'integer', minimum: 1, maximum: 1_000_000},
	totalMemoryBytes: num,
	node: str,
	llamaCppRelease: str,
	engineBuild: str,
	engineVariant: str,
	psi: bool,
	psiReason: str,
});

const config = obj(['threads', 'contextSize', 'batchSize', 'gpuLayers', 'temperature', 'topP', 'maxTokens', 'intervalMs', 'idleSeconds', 'suite'], {
	threads: count,
	contextSize: count,
	batchSize: count,
	gpuLayers: {type: 'integer'},
	temperature: num,
	topP: num,
	maxTokens: count,
	intervalMs: {type: 'number', minimum: 1},
	idleSeconds: {type: 'number', minimum: 0},
	suite: str,
	seed: {type: 'integer'},
	nice: {type: 'integer'},
	cpuCapPct: num,
	loadWorkers: count,
	canary: bool,
	observerNice: {type: 'integer'},
	allowBusy: bool,
	repeat: {type: 'integer', minimum: 1},
	durationMs: {type: 'number', minimum: 0},
});

const criterion = obj(['id', 'label', 'op', 'threshold', 'unit', 'enabled'], {
	id: {enum: [...CRITERION_IDS]},
	label: str,
	op: {enum: ['<=', '<', '>=', '>']},
	threshold: num,
	unit: str,
	enabled: bool,
});

const model = obj(['ref', 'path', 'name', 'architecture', 'quantization', 'sizeBytes', 'parameterCount', 'synthetic'], {
	ref: str,
	path: str,
	name: str,
	architecture: str,
	quantization: str,
	sizeBytes: num,
	parameterCount: num,
	synthetic: bool,
	preset: str,
	trainContextSize: num,
	vocabularySize: num,
	chatTemplate: str,
});

const check = obj(['kind', 'description', 'weight', 'passed'], {kind: str, description: str, weight: num, passed: bool});

/** Each event type's shape. */
export const EVENT_SCHEMAS: Readonly<Record<RunEventType, SchemaNode>> = {
	'run-start': obj(['t', 'schema', 'startedAt', 'mode', 'host', 'model', 'config', 'criteria', 'suite'], {
		t: {const: 0},
		schema: str,
		startedAt: str,
		mode: {enum: ['run', 'try']},
		host,
		model: obj(['ref', 'path'], {ref: str, path: str}),
		config,
		criteria: {type: 'array', items: criterion},
		suite: obj(['name', 'path', 'prompts'], {
			name: str,
			path: str,
			prompts: {type: 'array', items: obj(['id', 'prompt'], {id: str, prompt: str, tags: {type: 'array', items: str}, weight: num})},
		}),
		tool: obj(['name', 'version'], {name: str, version: str}),
	}),
	'model-loaded': obj(['t', 'model', 'loadMs'], {
		t,
		model,
		loadMs: {type: 'number', minimum: 0},
		rssBeforeBytes: num,
		rssAfterBytes: num,
		engine: obj([], {llamaCppRelease: str, engineBuild: str, engineVariant: str, cpuMathCores: num, binaryPath: str, systemInfo: str}),
		context: obj(['threads', 'contextSize', 'batchSize', 'gpuLayers'], {threads: count, contextSize: count, batchSize: count, gpuLayers: {type: 'integer'}}),
	}),
	phase: obj(['t', 'name'], {t, name: phase}),
	sample: obj(['t', 'phase', 'cpuPct', 'cores', 'rssBytes', 'systemCpuPct'], {
		t,
		phase,
		promptId: str,
		intervalMs: {type: 'number', minimum: 0},
		cpuPct: num,
		cores: num,
		rssBytes: num,
		peakRssBytes: num,
		systemCpuPct: num,
		systemMemUsedBytes: num,
		observerCpuPct: num,
		inferenceCpuPct: num,
		canaryLateMs: {type: 'array', items: num},
		canaryCpuPct: num,
		psiSomeTotalUs: num,
		loadOps: num,
	}),
	'prompt-start': obj(['t', 'promptId', 'index', 'total', 'promptTokens'], {
		t,
		promptId: str,
		index: count,
		total: count,
		promptTokens: count,
		prompt: str,
		pass: {type: 'integer', minimum: 1},
	}),
	token: obj(['t', 'promptId', 'index'], {t, promptId: str, index: count, text: str}),
	'prompt-end': obj(['t', 'promptId', 'status', 'response', 'outputTokens'], {
		t,
		promptId: str,
		status: {enum: ['ok', 'aborted', 'skipped', 'error']},
		response: str,
		outputTokens: count,
		score: {type: ['number', 'null'], minimum: 0, maximum: 1},
		checks: {type: 'array', items: check},
		reason: str,
	}),
	pause: obj(['t', 'paused'], {t, paused: bool}),
	warning: obj(['t', 'code', 'message'], {t, code: str, message: str}),
	'run-end': obj(['t', 'complete', 'reason', 'finishedAt'], {
		t,
		complete: bool,
		reason: {enum: ['done', 'interrupted', 'terminated', 'error']},
		finishedAt: str,
		message: str,
	}),
};

/** What is wrong with one parsed line as an event (`sample.cpuPct: expected number, got string`), or undefined. */
export function eventProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an llmtop event (not a JSON object)';
	const type = (value as {type?: unknown}).type;
	if (typeof type !== 'string' || !Object.hasOwn(EVENT_SCHEMAS, type)) return `not an llmtop event (type ${JSON.stringify(type) ?? 'missing'})`;
	const problem = firstSchemaProblem(value, EVENT_SCHEMAS[type as RunEventType]);
	return problem === undefined ? undefined : `${type} event: ${problem}`;
}
