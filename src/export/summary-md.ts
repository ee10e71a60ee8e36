/**
 * `--summary-md FILE`: a short Markdown summary fit for a CI job summary
 * (GitHub's `$GITHUB_STEP_SUMMARY`): the verdict, the criteria with value,
 * limit and margin, and a line of counts. Every untrusted string is escaped.
 */
import type {Comparison} from '../report/compare-types.js';
import {formatValue} from '../report/compare-format.js';
import type {Report} from '../report/types.js';
import {criterionRows, sharedVerdict, type Judged} from './criteria-rows.js';
import {escapeMarkdown} from './escape.js';
import type {NamedRun, ShareOptions} from './junit.js';
import {redactReport, redactRef} from './redact.js';

const MARK: Readonly<Record<Judged, string>> = {
	pass: '✅ pass',
	fail: '❌ fail',
	'skip-design': '⏭️ skip',
	'skip-data': '⚠️ no data',
	pending: '⚠️ pending',
};

/** Markdown for one or more runs (a section each). */
export function renderSummaryMarkdown(runs: readonly NamedRun[], options: ShareOptions = {}): string {
	return `${runs.map(({name, report}) => runSection(options.redact ? redactRef(name) : name, options.redact ? redactReport(report) : report)).join('\n')}`;
}

function runSection(name: string, report: Report): string {
	const verdict = sharedVerdict(report.verdict).toUpperCase();
	const model = report.model.name ?? report.model.ref;
	const lines = [
		`### llmtop: ${verdict} — ${escapeMarkdown(model)} ${escapeMarkdown(report.model.quantization ?? '')}, ${report.config.threads} threads`,
		'',
		`${escapeMarkdown(name)}${report.complete ? '' : ' (incomplete run)'}`,
		'',
		'| criterion | value | limit | margin | status |',
		'|---|---:|---:|---:|---|',
		...criterionRows(report).map(
			(row) => `| ${escapeMarkdown(row.label)} | ${row.valueText} | ${escapeMarkdown(row.limitText)} | ${row.marginText} | ${MARK[row.judged]} |`,
		),
		'',
		countsLine(report),
		'',
	];
	return lines.join('\n');
}

function countsLine(report: Report): string {
	const byStatus = new Map<string, number>();
	for (const prompt of report.prompts) byStatus.set(prompt.status, (byStatus.get(prompt.status) ?? 0) + 1);
	const prompts = [...byStatus].map(([status, count]) => `${count} ${status}`).join(', ') || 'none';
	const spikes = report.metrics.spikes;
	return `Prompts: ${prompts}. Spikes: ${spikes.count} (cpu ${spikes.cpu}, itl ${spikes.itl}).`;
}

/** Markdown for a comparison: regressions first, then each criterion across the reports. */
export function renderCompareSummaryMarkdown(comparison: Comparison, options: ShareOptions = {}): string {
	const names = comparison.reports.map((report) => escapeMarkdown(options.redact ? redactRef(report.name) : report.name));
	const regressions = comparison.regressions;
	const lines = [
		`### llmtop compare: ${regressions.length === 0 ? 'no regression' : `${regressions.length} regression${regressions.length === 1 ? '' : 's'}`} (tolerance ${comparison.tolerancePct} %)`,
		'',
		...regressions.map(
			(regression) =>
				`- ❌ ${names[regression.report] ?? ''}: ${escapeMarkdown(options.redact && regression.kind === 'prompt-score' ? `prompt score of ${regression.id}` : regression.message)}`,
		),
		...(regressions.length > 0 ? [''] : []),
		`| criterion | ${names.join(' | ')} |`,
		`|---|${names.map(() => '---:').join('|')}|`,
		...comparison.criteria.map((criterion) => {
			const cells = criterion.values.map(
				(value, index) => `${formatValue(value, criterion.unit)} ${criterion.statuses[index] ?? ''}${criterion.regressed[index] ? ' ❌' : ''}`,
			);
			return `| ${escapeMarkdown(criterion.label)} | ${cells.join(' | ')} |`;
		}),
		'',
	];
	return lines.join('\n');
}
