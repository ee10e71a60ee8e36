/**
 * `--load N` both ways (issue 8): how much the model slowed the background
 * workers (their throughput while prompts ran vs while idle, from the
 * report's `metrics.loadWorkers`), and how much the workers slowed the model
 * (tokens/s, TTFT, ITL and E2E latency vs a baseline report of a run without
 * load, `--baseline REPORT.json`). Pure; figures plus lines for printing.
 */
import {NO_DATA} from '../run/format.js';
import {compareConfig} from './compare-config.js';
import {formatPctChange, formatValue} from './compare-format.js';
import type {CompareUnit, Direction} from './compare-metrics.js';
import type {Report} from './types.js';

/** How the model affected the workers. */
export interface WorkerImpact {
	/** Workers started (`config.loadWorkers`), when recorded. */
	workers: number | null;
	idleOpsPerSec: number | null;
	activeOpsPerSec: number | null;
	/** active / idle: below 1 when the model slowed them. */
	activeOverIdle: number | null;
	/** (1 - active / idle) x 100: how much slower the workers ran while prompts ran, %. */
	slowdownPct: number | null;
}

/** One model figure under load vs the baseline. */
export interface ModelImpactFigure {
	id: 'decodeTokensPerSec' | 'prefillTokensPerSec' | 'ttftP50' | 'ttftMean' | 'itlP50' | 'itlP99' | 'latencyP50';
	label: string;
	unit: CompareUnit;
	direction: Direction;
	baseline: number | null;
	loaded: number | null;
	/** (loaded - baseline) / baseline x 100. */
	pct: number | null;
	/** How many times slower under load (> 1 slower, < 1 faster): baseline/loaded for rates, loaded/baseline for times. */
	slowdown: number | null;
}

/** Both directions of the load's effect. */
export interface LoadImpact {
	/** `null` when the report has no load-worker figures. */
	workers: WorkerImpact | null;
	/** `null` without a baseline. */
	model: ModelImpactFigure[] | null;
	/** What makes the figures less than like for like. */
	notes: string[];
	/** Everything above as lines for the headless output. */
	lines: string[];
}

/** Options of {@link loadImpact}. */
export interface LoadImpactOptions {
	/**
	 * How to name the baseline in lines.
	 * @default 'the baseline'
	 */
	baselineName?: string;
}

const MODEL_FIGURES: readonly {id: ModelImpactFigure['id']; label: string; unit: CompareUnit; direction: Direction; read(report: Report): number | null}[] = [
	{id: 'decodeTokensPerSec', label: 'decode tokens/s mean', unit: 'tok/s', direction: 'higher', read: (r) => r.metrics.decodeTokensPerSec.mean},
	{id: 'prefillTokensPerSec', label: 'prefill tokens/s mean', unit: 'tok/s', direction: 'higher', read: (r) => r.metrics.prefillTokensPerSec.mean},
	{id: 'ttftP50', label: 'TTFT p50', unit: 'ms', direction: 'lower', read: (r) => r.metrics.ttft.p50},
	{id: 'ttftMean', label: 'TTFT mean', unit: 'ms', direction: 'lower', read: (r) => r.metrics.ttft.mean},
	{id: 'itlP50', label: 'ITL p50', unit: 'ms', direction: 'lower', read: (r) => r.metrics.itl.p50},
	{id: 'itlP99', label: 'ITL p99', unit: 'ms', direction: 'lower', read: (r) => r.metrics.itl.p99},
	{id: 'latencyP50', label: 'E2E latency p50', unit: 'ms', direction: 'lower', read: (r) => r.metrics.latency.p50},
];

/** Settings that must match for "the same run without load". */
const LIKE_FOR_LIKE = new Set([
	'model.ref',
	'model.quantization',
	'config.threads',
	'config.contextSize',
	'config.batchSize',
	'config.gpuLayers',
	'config.maxTokens',
	'config.nice',
	'config.cpuCapPct',
	'suite.name',
	'host.cpuModel',
	'host.logicalCores',
]);

/** The load's effect on the workers (from `report`) and on the model (vs `baseline`, when given). */
export function loadImpact(report: Report, baseline?: Report | null, options: LoadImpactOptions = {}): LoadImpact {
	const name = options.baselineName ?? 'the baseline';
	const workers = workerImpact(report);
	const model = baseline ? MODEL_FIGURES.map((figure) => modelFigure(figure, figure.read(baseline), figure.read(report))) : null;
	const notes = notesOf(report, baseline ?? null, name);
	return {workers, model, notes, lines: linesOf(workers, model, notes, name)};
}

function workerImpact(report: Report): WorkerImpact | null {
	const figures = report.metrics.loadWorkers;
	if (!figures) return null;
	const ratio = figures.activeOverIdle;
	return {
		workers: report.config.loadWorkers ?? null,
		idleOpsPerSec: figures.idleOpsPerSec,
		activeOpsPerSec: figures.activeOpsPerSec,
		activeOverIdle: ratio,
		slowdownPct: ratio === null ? null : (1 - ratio) * 100,
	};
}

function modelFigure(figure: (typeof MODEL_FIGURES)[number], baseline: number | null, loaded: number | null): ModelImpactFigure {
	const known = baseline !== null && loaded !== null && baseline > 0 && loaded > 0;
	return {
		id: figure.id,
		label: figure.label,
		unit: figure.unit,
		direction: figure.direction,
		baseline,
		loaded,
		pct: known ? ((loaded - baseline) / baseline) * 100 : null,
		slowdown: known ? (figure.direction === 'higher' ? baseline / loaded : loaded / baseline) : null,
	};
}

function notesOf(report: Report, baseline: Report | null, name: string): string[] {
	const notes: string[] = [];
	if (!report.metrics.loadWorkers) notes.push('this run has no load-worker figures (it ran without --load, or the workers reported nothing)');
	if (!baseline) return notes;
	if (baseline.metrics.loadWorkers || (baseline.config.loadWorkers ?? 0) > 0) {
		notes.push(`${name} ran with --load workers too: this is load against load, not against a quiet machine`);
	}
	const differences = compareConfig([baseline, report]).filter((row) => row.differs && LIKE_FOR_LIKE.has(row.key));
	if (differences.length > 0) {
		notes.push(
			`${name} differs in ${differences.map((row) => `${row.label} (${row.values[0] ?? NO_DATA} vs ${row.values[1] ?? NO_DATA})`).join(', ')}: not only the load changed`,
		);
	}
	if (!baseline.complete || !report.complete) notes.push('a run did not complete: its figures are partial');
	return notes;
}

function linesOf(workers: WorkerImpact | null, model: ModelImpactFigure[] | null, notes: readonly string[], name: string): string[] {
	const lines: string[] = [];
	if (workers) {
		const ops = (value: number | null) => (value === null ? NO_DATA : `${Math.round(value)} ops/s`);
		const effect =
			workers.slowdownPct === null
				? 'no ratio (no idle throughput)'
				: workers.slowdownPct > 0
					? `the model slowed them by ${workers.slowdownPct.toFixed(1)} %`
					: `they ran ${(-workers.slowdownPct).toFixed(1)} % faster`;
		lines.push(
			`load workers${workers.workers === null ? '' : ` (${workers.workers})`}: ${ops(workers.idleOpsPerSec)} while idle, ${ops(workers.activeOpsPerSec)} while prompts ran: ${effect}`,
		);
	}
	if (model) {
		lines.push(`the workers' effect on the model (vs ${name}, without load):`);
		for (const figure of model) {
			const slower =
				figure.slowdown === null ? '' : `, ${figure.slowdown >= 1 ? `${figure.slowdown.toFixed(2)}x slower` : `${(1 / figure.slowdown).toFixed(2)}x faster`}`;
			lines.push(
				`  ${figure.label}: ${formatValue(figure.baseline, figure.unit)} → ${formatValue(figure.loaded, figure.unit)} (${figure.pct === null ? NO_DATA : formatPctChange(figure.pct)}${slower})`,
			);
		}
	}
	for (const note of notes) lines.push(`note: ${note}`);
	return lines;
}
