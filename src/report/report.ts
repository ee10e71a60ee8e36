/**
 * Builds the `llmtop/report@2` report from a run store: a pure function of
 * the events (wall-clock `startedAt` / `finishedAt` come from `run-start` and
 * `run-end`; nothing here reads a clock or a file).
 *
 * An interrupted run (`run-end` with `complete: false`, or no `run-end` at
 * all) gives `complete: false`; criteria are judged from what was measured,
 * those still under their minimum stay `pending` with a reason saying how
 * much data they had, and the verdict is `fail` if any criterion failed, else
 * `pending` if any is still pending, else `pass`.
 */
import {CHART_IDS} from '../run/charts.js';
import {decodeCeiling} from '../run/decode-ceiling.js';
import {selectMetrics} from '../run/metrics.js';
import {isSoak} from '../run/soak-format.js';
import {streamFigures, type StreamFigures} from '../run/stream-figures.js';
import {busyMachineWarning} from '../run/busy-warning.js';
import {selectBusyMachine, selectCriteria, selectPhases, selectPromptRows} from '../run/selectors.js';
import type {RunStore} from '../run/store.js';
import type {PromptRow} from '../run/view-types.js';
import {REPORT_SCHEMA, type PromptReport, type Report, type ReportModel, type ReportTimeline} from './types.js';

/** The events had no `run-start`, so there is nothing to report on. */
export class MissingRunStartError extends Error {
	constructor() {
		super('cannot build a report: the events have no run-start');
		this.name = 'MissingRunStartError';
	}
}

/** The report of the run so far. Throws {@link MissingRunStartError} when no `run-start` was applied. */
export function buildReport(store: RunStore): Report {
	const start = store.runStart;
	if (!start) throw new MissingRunStartError();
	const end = store.runEnd;
	const criteria = selectCriteria(store);
	const metrics = selectMetrics(store);
	const model = reportModel(store);
	const busy = selectBusyMachine(store).run;
	const busyWarning = busyMachineWarning(busy, store.runStart?.config.allowBusy === true);
	return {
		schema: REPORT_SCHEMA,
		tool: {name: start.tool?.name ?? 'llmtop', version: start.tool?.version ?? null},
		complete: end?.complete === true,
		endReason: end?.reason ?? null,
		mode: start.mode,
		startedAt: start.startedAt,
		finishedAt: end?.finishedAt ?? null,
		durationMs: store.now,
		host: {...start.host, ...store.loaded?.engine},
		target: store.target,
		...optionalStream(streamFigures(store.stream)),
		model,
		config: start.config,
		suite: {name: start.suite.name, path: start.suite.path},
		loadMs: store.loaded?.loadMs ?? null,
		engineContext: store.loaded?.context ?? null,
		phases: selectPhases(store),
		prompts: selectPromptRows(store).map((row) => promptReport(row, isSoak(start.config))),
		metrics,
		decodeCeiling: decodeCeiling(start.host.memoryBandwidth?.readBytesPerSec, model.sizeBytes, metrics.decodeTokensPerSec.mean),
		criteria: criteria.results.map((result) => ({...result, reason: result.reason ?? null})),
		verdict: criteria.verdict,
		busyMachine: busy,
		warnings: [...store.warnings.toArray().map(({t, code, message}) => ({t, code, message})), ...(busyWarning ? [{t: store.now, ...busyWarning}] : [])],
		warningsDropped: store.warnings.dropped,
		timeline: reportTimeline(store),
	};
}

function reportTimeline(store: RunStore): ReportTimeline {
	return Object.fromEntries(CHART_IDS.map((id) => [id, store.charts[id].overview.toSeries()])) as ReportTimeline;
}

function reportModel(store: RunStore): ReportModel {
	const model = store.model;
	const start = store.runStart;
	const known: ReportModel = {
		ref: model?.ref ?? start?.model.ref ?? '',
		path: model?.path ?? start?.model.path ?? '',
		name: model?.name ?? null,
		architecture: model?.architecture ?? null,
		quantization: model?.quantization ?? null,
		sizeBytes: model?.sizeBytes ?? null,
		parameterCount: model?.parameterCount ?? null,
		synthetic: model?.synthetic ?? null,
	};
	if (model?.preset !== undefined) known.preset = model.preset;
	if (model?.trainContextSize !== undefined) known.trainContextSize = model.trainContextSize;
	if (model?.vocabularySize !== undefined) known.vocabularySize = model.vocabularySize;
	return known;
}

function promptReport(row: PromptRow, soak: boolean): PromptReport {
	return {
		id: row.id,
		index: row.index,
		...(soak ? {pass: row.pass} : {}),
		status: row.state === 'pending' ? 'not-run' : row.state,
		tags: row.tags,
		promptTokens: row.promptTokens,
		outputTokens: row.outputTokens,
		ttftMs: row.ttftMs,
		cold: row.cold,
		e2eMs: row.e2eMs,
		tpotMs: row.tpotMs,
		decodeTokensPerSec: row.decodeTokensPerSec,
		prefillTokensPerSec: row.prefillTokensPerSec,
		itlMs: row.itl ?? {p50: null, p95: null, p99: null, max: null},
		score: row.score,
		checks: row.checks,
		response: row.response,
		reason: row.reason,
		startMs: row.startMs,
		endMs: row.endMs,
	};
}

function optionalStream(stream: StreamFigures | null): {stream?: StreamFigures} {
	return stream ? {stream} : {};
}
