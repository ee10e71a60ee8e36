/**
 * The HTML report's static parts as markup strings: verdict and criteria,
 * spikes, prompts, host, model and configuration. Every string from a report
 * goes through {@link escapeHtml}.
 */
import type {PromptReport, Report, Spike} from '../report/types.js';
import {formatBinaryBytes} from '../run/format.js';
import {criterionRows, sharedVerdict, type Judged} from './criteria-rows.js';
import {escapeHtml} from './escape.js';

const JUDGED_TEXT: Readonly<Record<Judged, string>> = {pass: 'pass', fail: 'fail', 'skip-design': 'skip', 'skip-data': 'no data', pending: 'pending'};

/** The verdict line and the criteria table (value, limit, margin, status, reason). */
export function verdictSection(report: Report): string {
	const verdict = sharedVerdict(report.verdict);
	const rows = criterionRows(report)
		.map(
			(row) =>
				`<tr data-criterion="${escapeHtml(row.id)}" class="${row.judged}"><td>${escapeHtml(row.label)}</td><td class="value">${escapeHtml(row.valueText)}</td><td class="limit">${escapeHtml(row.limitText)}</td><td class="margin">${escapeHtml(row.marginText)}</td><td class="status">${JUDGED_TEXT[row.judged]}</td><td>${escapeHtml(row.reason ?? '')}</td></tr>`,
		)
		.join('\n');
	const incomplete = report.complete ? '' : ` <span class="note">(incomplete run${report.endReason ? `: ${escapeHtml(report.endReason)}` : ''})</span>`;
	return `<section><h2>Verdict: <span id="verdict" class="${verdict}">${verdict}</span>${incomplete}</h2>
<table class="criteria"><thead><tr><th>criterion</th><th>value</th><th>limit</th><th>margin</th><th>status</th><th>reason</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

/** Every kept spike with its phase and prompt. */
export function spikesSection(report: Report): string {
	const spikes = report.metrics.spikes;
	const unit = (spike: Spike): string => (spike.metric === 'cpu' ? '%' : 'ms');
	const rows = spikes.items
		.map(
			(spike) =>
				`<tr><td>${spike.metric}</td><td>${(spike.t / 1000).toFixed(2)} s</td><td>${spike.value.toFixed(1)} ${unit(spike)}</td><td>${spike.baseline.toFixed(1)} ${unit(spike)}</td><td>${Math.round(spike.durationMs)} ms</td><td>${escapeHtml(spike.phase)}</td><td>${escapeHtml(spike.promptId ?? '—')}</td></tr>`,
		)
		.join('\n');
	const dropped = spikes.itemsDropped > 0 ? `<p class="note">${spikes.itemsDropped} older spikes counted but not listed.</p>` : '';
	return `<section><h2>Spikes: <span id="spike-count">${spikes.count}</span> (cpu ${spikes.cpu}, itl ${spikes.itl})</h2>${dropped}
<table class="spikes"><thead><tr><th>on</th><th>at</th><th>peak</th><th>baseline</th><th>lasted</th><th>phase</th><th>prompt</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

/** The prompts table: figures, each check met or missed, and the answer (left out when redacted). */
export function promptsSection(report: Report, redacted: boolean): string {
	const rows = report.prompts.map((prompt) => promptRow(prompt, redacted)).join('\n');
	return `<section><h2>Prompts</h2>
<table class="prompts"><thead><tr><th>prompt</th><th>status</th><th>tokens in/out</th><th>TTFT</th><th>E2E</th><th>decode</th><th>score</th><th>checks</th>${redacted ? '' : '<th>answer</th>'}</tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function promptRow(prompt: PromptReport, redacted: boolean): string {
	const checks = prompt.checks
		.map((check) => `<li class="${check.passed ? 'met' : 'missed'}">${check.passed ? '✓ met' : '✗ missed'}: ${escapeHtml(check.description)}</li>`)
		.join('');
	const answer = redacted ? '' : `<td><pre class="answer">${escapeHtml(prompt.response)}</pre></td>`;
	const reason = prompt.reason ? `<div class="note">${escapeHtml(prompt.reason)}</div>` : '';
	return `<tr data-prompt="${escapeHtml(prompt.id)}"><td>${escapeHtml(prompt.id)}</td><td>${escapeHtml(prompt.status)}${reason}</td><td>${prompt.promptTokens ?? '—'} / ${prompt.outputTokens}</td><td>${ms(prompt.ttftMs)}</td><td>${ms(prompt.e2eMs)}</td><td>${prompt.decodeTokensPerSec === null ? '—' : `${prompt.decodeTokensPerSec.toFixed(1)} tok/s`}</td><td>${prompt.score === null ? '—' : prompt.score.toFixed(2)}</td><td><ul class="checks">${checks}</ul></td>${answer}</tr>`;
}

/** Host, model and configuration as key/value tables. */
export function setupSection(report: Report): string {
	const host = report.host;
	const model = report.model;
	const hostRows: [string, unknown][] = [
		['os', `${host.os} ${host.release} (${host.platform}, ${host.arch})`],
		['CPU', `${host.cpuModel}, ${host.logicalCores} logical cores`],
		['memory', formatBinaryBytes(host.totalMemoryBytes)],
		['node', host.node],
		['llama.cpp', `${host.llamaCppRelease} (${host.engineBuild})`],
	];
	const modelRows: [string, unknown][] = [
		['reference', model.ref],
		['path', model.path],
		['name', model.name],
		['architecture', model.architecture],
		['quantization', model.quantization],
		['size', model.sizeBytes === null ? null : formatBinaryBytes(model.sizeBytes)],
		['parameters', model.parameterCount],
		['synthetic', model.synthetic],
		['load', report.loadMs === null ? null : `${Math.round(report.loadMs)} ms`],
	];
	const configRows = Object.entries(report.config) as [string, unknown][];
	return `<section class="setup"><div><h2>Host</h2>${keyValues(hostRows)}</div><div><h2>Model</h2>${keyValues(modelRows)}</div><div><h2>Configuration</h2>${keyValues([...configRows, ['suite name', report.suite.name]])}</div></section>`;
}

function keyValues(rows: readonly [string, unknown][]): string {
	const cells = rows.map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(shown(value))}</td></tr>`).join('');
	return `<table class="kv">${cells}</table>`;
}

function shown(value: unknown): string {
	if (value === null || value === undefined) return '—';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

function ms(value: number | null): string {
	return value === null ? '—' : `${Math.round(value)} ms`;
}
