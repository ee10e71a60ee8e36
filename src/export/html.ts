/**
 * `--html FILE`: the report as one self-contained HTML file that works
 * offline (uPlot inlined, no request of any kind): the verdict with each
 * criterion's value, limit and margin; CPU, RSS, ITL, tokens/s and
 * interactive-delay charts over time with phases shaded, limits drawn and
 * spikes marked; the spikes with their phase and prompt; the prompts with
 * answers and checks; host, model and configuration.
 */
import type {Report} from '../report/types.js';
import {escapeHtml} from './escape.js';
import {HTML_CHARTS, reportCharts} from './html-charts.js';
import {chartSlots, renderPage} from './html-page.js';
import {promptsSection, setupSection, spikesSection, verdictSection} from './html-sections.js';
import {redactReport} from './redact.js';

/** Options of the HTML renderers. */
export interface HtmlOptions {
	/**
	 * Leave out answers, prompts, paths and host names.
	 * @default false
	 */
	redact?: boolean;
}

/** The HTML report of one run. */
export function renderHtmlReport(input: Report, options: HtmlOptions = {}): string {
	const redacted = options.redact === true;
	const report = redacted ? redactReport(input) : input;
	const charts = reportCharts(report);
	const model = report.model.name ?? report.model.ref;
	const title = `llmtop: ${model} ${report.model.quantization ?? ''}, ${report.config.threads} threads`;
	const noTimeline = report.timeline ? '' : '<p class="note">This report has no timeline (written before llmtop kept one): no charts.</p>';
	const body = [
		`<h1>${escapeHtml(title)}</h1>`,
		`<p>Started ${escapeHtml(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s, suite ${escapeHtml(report.suite.name)}, ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version ?? '')}</p>`,
		redacted ? '<p class="redacted">Redacted: answers, prompts, paths and host names are left out.</p>' : '',
		verdictSection(report),
		'<section><h2>Over time</h2>',
		noTimeline,
		chartSlots(HTML_CHARTS, charts),
		'</section>',
		spikesSection(report),
		promptsSection(report, redacted),
		setupSection(report),
	].join('\n');
	return renderPage({title, body, charts});
}
