/**
 * The sweep's summary, `DIR/sweep.json` and `DIR/sweep.md`: the table of
 * configurations x criteria, the Pareto front, the recommendation and the
 * exit code. Pure: building and rendering; writing is the runner's.
 */
import {DEFAULT_CRITERIA} from '../run/criteria.js';
import {formatCriterionValue} from '../run/format.js';
import type {MemoryBandwidthInfo} from '../run/decode-ceiling.js';
import {paretoFront, recommend, sweepExitCode} from './rank.js';
import type {ConfigCriterion, ConfigResult, Recommendation} from './types.js';

/** Schema id of `sweep.json`. */
export const SWEEP_SCHEMA = 'llmtop/sweep@1';

/** `DIR/sweep.json`. */
export interface SweepSummary {
	schema: typeof SWEEP_SCHEMA;
	startedAt: string;
	finishedAt: string | null;
	/** False when the sweep was interrupted before every configuration ran. */
	complete: boolean;
	/** The run flags every configuration shared (`--suite smoke --idle 2 ...`). */
	shared: string[];
	/** The host's memory read bandwidth the decode ceilings are figured against. */
	bandwidth: MemoryBandwidthInfo | null;
	configurations: ConfigResult[];
	/** Ids on the Pareto front (E2E p95, active CPU mean, correctness). */
	pareto: string[];
	recommendation: Recommendation;
	exitCode: 0 | 1 | 3;
}

/** Builds the summary of the configurations so far. */
export function summarise(input: Pick<SweepSummary, 'startedAt' | 'finishedAt' | 'complete' | 'shared' | 'bandwidth' | 'configurations'>): SweepSummary {
	return {
		schema: SWEEP_SCHEMA,
		...input,
		pareto: paretoFront(input.configurations),
		recommendation: recommend(input.configurations),
		exitCode: sweepExitCode(input.configurations),
	};
}

const MARK: Readonly<Record<ConfigCriterion['status'], string>> = {pass: '✓', fail: '✗', pending: '?', inconclusive: '?', skip: '–'};

/** One criterion cell: `12.3 % ✓`. */
function cell(criterion: ConfigCriterion | undefined): string {
	if (!criterion) return '';
	const value = formatCriterionValue(criterion.value, criterion.unit);
	return `${value} ${MARK[criterion.status]}`;
}

/** The table of configurations x criteria as Markdown rows (header first). */
export function summaryTable(summary: SweepSummary): string[] {
	const ids = [...new Set(summary.configurations.flatMap((result) => result.criteria.map((criterion) => criterion.id)))];
	const labels = new Map<string, string>(
		summary.configurations.flatMap((result) => result.criteria.map((criterion) => [criterion.id, criterion.label] as const)),
	);
	for (const spec of DEFAULT_CRITERIA) if (labels.has(spec.id)) labels.set(spec.id, spec.label);
	const header = ['configuration', 'status', ...ids.map((id) => labels.get(id) ?? id), 'decode tok/s', '% of ceiling', 'machine'];
	const rows = summary.configurations.map((result) => {
		const f = result.figures;
		const pareto = summary.pareto.includes(result.id) ? ' ◆' : '';
		const chosen = summary.recommendation.kind !== 'none' && summary.recommendation.id === result.id ? ' ★' : '';
		return [
			`${result.label}${chosen}${pareto}`,
			result.status + (result.error ? ` (${result.error})` : ''),
			...ids.map((id) => cell(result.criteria.find((criterion) => criterion.id === id))),
			f?.decodeTokensPerSec == null ? '—' : f.decodeTokensPerSec.toFixed(1),
			f?.decodeCeilingFraction == null ? '—' : `${(f.decodeCeilingFraction * 100).toFixed(1)} % of ${f.ceilingTokensPerSec?.toFixed(0) ?? '—'}`,
			result.quiet === null
				? '—'
				: result.quiet.quiet
					? 'quiet'
					: `noisy (others ${pct(result.quiet.othersCpuPct)}, pressure ${pct(result.quiet.pressurePct)})`,
		];
	});
	return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map((text) => text.replace(/\|/g, '\\|')).join(' | ')} |`);
}

/** The recommendation in words (a few lines). */
export function recommendationLines(summary: SweepSummary): string[] {
	const rec = summary.recommendation;
	const label = (id: string): string => summary.configurations.find((result) => result.id === id)?.label ?? id;
	switch (rec.kind) {
		case 'pass':
			return [`Recommended: **${label(rec.id)}** (${rec.id}) — ${rec.why}.`];
		case 'closest': {
			const lines = [`No configuration passes every criterion. Closest: **${label(rec.id)}** (${rec.id}) — ${rec.why}.`];
			for (const miss of rec.misses) {
				const by = formatCriterionValue(miss.by, miss.unit);
				const rel = miss.relative === null ? '' : ` (${(miss.relative * 100).toFixed(0)} %)`;
				lines.push(
					`- ${miss.label}: ${formatCriterionValue(miss.value, miss.unit)}, must be ${miss.op} ${formatCriterionValue(miss.threshold, miss.unit)}: misses by ${by}${rel}`,
				);
			}
			for (const item of rec.notJudged) lines.push(`- ${item.id}: not judged (${item.reason})`);
			return lines;
		}
		case 'none':
			return [`No recommendation: ${rec.why}.`];
		default:
			return rec satisfies never;
	}
}

/** `DIR/sweep.md`. */
export function summaryMarkdown(summary: SweepSummary): string {
	const notJudged = summary.configurations.filter((result) => result.notJudged.length > 0);
	const bw = summary.bandwidth;
	const lines = [
		`# llmtop sweep${summary.complete ? '' : ' (interrupted: partial)'}`,
		'',
		`Started ${summary.startedAt}${summary.finishedAt ? `, finished ${summary.finishedAt}` : ''}. ${summary.configurations.length} configurations; shared run flags: \`${summary.shared.join(' ') || '(none)'}\`.`,
		bw
			? `Memory read bandwidth ${(bw.readBytesPerSec / 1e9).toFixed(2)} GB/s (${bw.method}; measured ${bw.measuredAt}): the decode ceiling of a model is this / its size in bytes.`
			: 'Memory read bandwidth: not measured (no decode ceiling).',
		'',
		...summaryTable(summary),
		'',
		'✓ pass, ✗ fail, ? not judged (too little data), – skipped by design; ★ recommended, ◆ on the Pareto front (E2E p95, active CPU mean, correctness).',
		'',
		'## Recommendation',
		'',
		...recommendationLines(summary),
		'',
		`Pareto front: ${summary.pareto.map((id) => summary.configurations.find((result) => result.id === id)?.label ?? id).join('; ') || '(empty)'}.`,
	];
	if (notJudged.length > 0) {
		lines.push('', '## Criteria that could not be judged', '');
		for (const result of notJudged) lines.push(`- ${result.label}: ${result.notJudged.map((item) => `${item.id} (${item.reason})`).join('; ')}`);
	}
	return `${lines.join('\n')}\n`;
}

function pct(value: number | null): string {
	return value === null ? '—' : `${value.toFixed(0)} %`;
}
