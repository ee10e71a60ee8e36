/**
 * The experiment-log entry (Markdown) for one report: date, model and
 * quantization, configuration, results, each criterion met or missed, and
 * the findings of `findings.ts`. Pure: the file side is `learnings-file.ts`.
 */
import {NO_DATA, formatCount, formatCriterionValue} from '../run/format.js';
import {formatValue} from './compare-format.js';
import {findingsOf} from './findings.js';
import type {CriterionReport, Report} from './types.js';

/** Options of {@link learningsEntry}. */
export interface LearningsOptions {
	/**
	 * Date of the entry (`YYYY-MM-DD` text, or a `Date`).
	 * @default the day the run started (`report.startedAt`)
	 */
	date?: string | Date;
}

/** Title of a new experiment log. */
export const LEARNINGS_TITLE = '# llmtop experiment log';

/** One entry, ending with a newline. */
export function learningsEntry(report: Report, options: LearningsOptions = {}): string {
	const lines = [
		`## ${dateOf(report, options.date)} · ${inline(modelName(report))}${report.model.quantization ? ` ${inline(report.model.quantization)}` : ''} · ${inline(report.suite.name)} · ${report.verdict.toUpperCase()}`,
		'',
		...facts(report),
		'',
		'**Results**',
		'',
		'| figure | value |',
		'|---|---|',
		...results(report).map(([name, value]) => `| ${name} | ${value} |`),
		'',
		`**Criteria**: verdict ${report.verdict.toUpperCase()}`,
		'',
		...report.criteria.map(criterionLine),
		'',
		'**Findings**',
		'',
		...findingLines(report),
	];
	return `${lines.join('\n')}\n`;
}

function dateOf(report: Report, date: string | Date | undefined): string {
	if (date instanceof Date) return date.toISOString().slice(0, 10);
	return date ?? report.startedAt.slice(0, 10);
}

function modelName(report: Report): string {
	return report.model.name ?? report.model.ref;
}

/** Text from a report made safe for one Markdown line or table cell. */
function inline(text: string): string {
	return text
		.replace(/[\r\n|]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function facts(report: Report): string[] {
	const m = report.model;
	const c = report.config;
	const h = report.host;
	const model = [
		`${inline(modelName(report))} (\`${inline(m.ref)}\`)`,
		m.architecture,
		m.quantization,
		m.sizeBytes === null ? null : formatValue(m.sizeBytes, 'bytes'),
		m.parameterCount === null ? null : `${formatCount(m.parameterCount)} parameters`,
		m.synthetic ? 'synthetic (random weights)' : null,
	].filter((part): part is string => part !== null && part !== '');
	const levers = [
		`batch ${c.batchSize}`,
		`max tokens ${c.maxTokens}`,
		...(c.nice === undefined ? [] : [`nice ${c.nice}`]),
		...(c.cpuCapPct === undefined ? [] : [`CPU cap ${c.cpuCapPct} %`]),
		...(c.loadWorkers === undefined ? [] : [`${c.loadWorkers} load workers`]),
	];
	const ok = report.prompts.filter((prompt) => prompt.status === 'ok').length;
	const run = report.complete ? 'complete' : `did not complete (${report.endReason ?? 'no run-end'})`;
	return [
		`- **Model**: ${model.map(inline).join(', ')}`,
		`- **Configuration**: threads ${c.threads}, context ${c.contextSize}, GPU layers ${c.gpuLayers}, temperature ${c.temperature}, top-p ${c.topP} (${levers.join(', ')})`,
		`- **Host**: ${inline(h.cpuModel)}, ${h.logicalCores} logical cores, ${formatValue(h.totalMemoryBytes, 'bytes')}; llama.cpp ${inline(h.llamaCppRelease)} (${h.engineBuild})`,
		`- **Run**: ${run}; ${ok} of ${report.prompts.length} prompts ok; suite ${inline(report.suite.name)} (\`${inline(report.suite.path)}\`)`,
	];
}

function results(report: Report): [string, string][] {
	const m = report.metrics;
	const ms = (value: number | null) => formatValue(value, 'ms');
	const pct = (value: number | null) => formatValue(value, '%');
	const ratio = (value: number | null) => formatValue(value, 'ratio');
	const canary = m.canary?.phases.prompts ?? null;
	return [
		['correctness', correctnessText(report)],
		['latency (E2E)', `mean ${ms(m.latency.mean)}, p95 ${ms(m.latency.p95)}, p99 ${ms(m.latency.p99)}; p99/p50 ${ratio(m.latency.p99OverP50)}`],
		['TTFT', `cold ${ms(m.ttft.coldMs)}, warm mean ${ms(m.ttft.warmMean)}`],
		['ITL', `p50 ${ms(m.itl.p50)}, p99 ${ms(m.itl.p99)}; p99/p50 ${ratio(m.itl.p99OverP50)}`],
		['decode', `mean ${formatValue(m.decodeTokensPerSec.mean, 'tok/s')}`],
		['CPU while prompts ran (% of machine)', `mean ${pct(m.cpu.active.mean)}, p99 ${pct(m.cpu.active.p99)}, peak ${pct(m.cpu.active.max)}`],
		['idle CPU (% of machine)', `mean ${pct(m.cpu.idle.mean)} (${pct(m.cpu.idle.meanExcludingObserver)} without llmtop's own thread)`],
		['RSS peak', formatValue(m.rss.peakBytes, 'bytes')],
		['load time', ms(report.loadMs)],
		['interactive delay p99', canary ? `${ms(canary.p99)} while prompts ran (max ${ms(canary.max)})` : 'not measured (no canary data)'],
		['return to idle', m.returnToIdleMs === null ? NO_DATA : `${ms(m.returnToIdleMs)} after the last token`],
	];
}

function correctnessText(report: Report): string {
	const c = report.metrics.correctness;
	if (c.scored === 0) {
		const reason = report.criteria.find((criterion) => criterion.id === 'correctness')?.reason;
		return `not scored${reason ? ` (${inline(reason)})` : ''}`;
	}
	const counts = new Map<string, number>();
	for (const prompt of report.prompts) {
		if (prompt.status !== 'ok' || prompt.score === null) continue;
		const key = prompt.score.toFixed(2);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const distribution = [...counts.entries()].sort(([a], [b]) => Number(b) - Number(a)).map(([score, count]) => `${score} ×${count}`);
	return `mean ${formatValue(c.mean, 'score')}, min ${formatValue(c.min, 'score')} over ${c.scored} prompts; distribution ${distribution.join(', ')}`;
}

function criterionLine(criterion: CriterionReport): string {
	const value = formatCriterionValue(criterion.value, criterion.unit);
	const bound = `${criterion.op} ${formatCriterionValue(criterion.threshold, criterion.unit)}`;
	const name = `${criterion.id} (${criterion.label})`;
	switch (criterion.status) {
		case 'pass':
			return `- ✓ met: ${name} ${value} ${bound}`;
		case 'fail':
			return `- ✗ missed: ${name} ${value}, limit ${bound}`;
		case 'skip':
			return `- – skipped: ${name}${criterion.reason ? `: ${inline(criterion.reason)}` : ''}`;
		case 'pending':
			return `- … not judged: ${name} ${value} ${bound}${criterion.reason ? ` (${inline(criterion.reason)})` : ''}`;
		default:
			return criterion.status satisfies never;
	}
}

function findingLines(report: Report): string[] {
	const findings = findingsOf(report);
	if (findings.length === 0) return ['- No finding: none of the finding rules held for this run.'];
	return findings.map((finding) => `- ${inline(finding.text)}`);
}
