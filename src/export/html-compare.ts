/**
 * `llmtop compare A B … --html FILE`: the runs overlaid on the same charts
 * (each run's max per bucket, one colour each, the baseline's phases and
 * limits), regressions listed first, then criteria and metrics side by side.
 */
import {describeChange, formatValue} from '../report/compare-format.js';
import type {Comparison} from '../report/compare-types.js';
import type {Report} from '../report/types.js';
import {escapeHtml} from './escape.js';
import {HTML_CHARTS, RUN_COLORS, overlayCharts} from './html-charts.js';
import {chartSlots, renderPage} from './html-page.js';
import type {HtmlOptions} from './html.js';
import {redactReport, redactRef} from './redact.js';

/** The comparison page; `reports` are the compared reports in the comparison's order (baseline first). */
export function renderCompareHtml(comparison: Comparison, reports: readonly Report[], options: HtmlOptions = {}): string {
	const redacted = options.redact === true;
	const shared = redacted ? reports.map(redactReport) : reports;
	const names = comparison.reports.map((report) => (redacted ? redactRef(report.name) : report.name));
	const charts = overlayCharts(shared, names);
	const body = [
		`<h1>llmtop compare: ${comparison.reports.length} runs</h1>`,
		redacted ? '<p class="redacted">Redacted: answers, prompts, paths and host names are left out.</p>' : '',
		regressionsSection(comparison, names, redacted),
		runsSection(comparison, names),
		"<section><h2>Over time (max per bucket of each run; the baseline's phases and limits)</h2>",
		chartSlots(HTML_CHARTS, charts),
		'</section>',
		criteriaSection(comparison, names),
		metricsSection(comparison, names),
		comparison.notes.length > 0 ? `<section><h2>Notes</h2><ul>${comparison.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul></section>` : '',
	].join('\n');
	return renderPage({title: `llmtop compare: ${names.join(' vs ')}`, body, charts});
}

function regressionsSection(comparison: Comparison, names: readonly string[], redacted: boolean): string {
	const regressions = comparison.regressions;
	if (regressions.length === 0) return `<section><h2 id="regressions" class="pass">No regression (tolerance ${comparison.tolerancePct} %)</h2></section>`;
	const items = regressions
		.map((regression) => {
			const message = redacted && regression.kind === 'prompt-score' ? `a prompt's score fell` : regression.message;
			return `<li class="fail" data-kind="${escapeHtml(regression.kind)}">${escapeHtml(names[regression.report] ?? '')}: ${escapeHtml(message)}</li>`;
		})
		.join('\n');
	return `<section><h2 id="regressions" class="fail">${regressions.length} regression${regressions.length === 1 ? '' : 's'} (tolerance ${comparison.tolerancePct} %)</h2><ul>${items}</ul></section>`;
}

function runsSection(comparison: Comparison, names: readonly string[]): string {
	const rows = comparison.reports
		.map((report, index) => {
			const swatch = `<span style="color:${RUN_COLORS[index % RUN_COLORS.length]}">■</span>`;
			return `<tr><td>${swatch} ${escapeHtml(names[index] ?? '')}${index === 0 ? ' (baseline)' : ''}</td><td>${escapeHtml(report.model)}</td><td>${escapeHtml(report.quantization ?? '—')}</td><td>${escapeHtml(report.startedAt)}</td><td class="${report.verdict === 'pending' ? 'inconclusive' : escapeHtml(report.verdict)}">${escapeHtml(report.verdict === 'pending' ? 'inconclusive' : report.verdict)}</td></tr>`;
		})
		.join('\n');
	return `<section><h2>Runs</h2><table><thead><tr><th>run</th><th>model</th><th>quantization</th><th>started</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function criteriaSection(comparison: Comparison, names: readonly string[]): string {
	const rows = comparison.criteria
		.map((criterion) => {
			const cells = criterion.values.map((value, index) => {
				const status = criterion.statuses[index] ?? '';
				return `<td class="${criterion.regressed[index] ? 'fail' : escapeHtml(status)}">${escapeHtml(formatValue(value, criterion.unit))} ${escapeHtml(status)}</td>`;
			});
			return `<tr><td>${escapeHtml(criterion.label)}</td>${cells.join('')}</tr>`;
		})
		.join('\n');
	return `<section><h2>Criteria</h2><table><thead><tr><th>criterion</th>${names.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function metricsSection(comparison: Comparison, names: readonly string[]): string {
	const rows = comparison.metrics
		.map((metric) => {
			const cells = metric.values.map((value, index) => {
				const change = metric.changes[index] ?? null;
				const base = metric.values[0] ?? null;
				const text = index === 0 || !change ? formatValue(value, metric.unit) : describeChange(base, value, change, metric.unit);
				return `<td class="${!metric.context && change?.judgement === 'worse' ? 'fail' : ''}">${escapeHtml(text)}</td>`;
			});
			return `<tr><td>${escapeHtml(metric.label)}</td>${cells.join('')}</tr>`;
		})
		.join('\n');
	return `<section><h2>Metrics</h2><table><thead><tr><th>metric</th>${names.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></section>`;
}
