/**
 * The bench's results: `results.json` and `results.md`, rewritten (each
 * atomically: a temporary file renamed over the old one) after every section,
 * so an interrupted bench keeps every section that finished.
 */
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {writeFileAtomic} from '../../src/files/atomic-file.js';
import {formatLoad, type LoadWindow} from './machine-load.js';
import type {BenchRow} from './table.js';

/** One section's outcome. */
export interface SectionOutcome {
	status: 'done' | 'failed';
	durationS: number;
	load: LoadWindow;
	rows: BenchRow[];
	data?: unknown;
	error?: string;
}

/** What results.json holds. */
export interface BenchResults {
	schema: 'llmtop/bench@2';
	startedAt: string;
	/** `running` until the end; `interrupted` carries the signal. */
	state: 'running' | 'finished' | 'interrupted';
	signal?: string;
	durationS: number;
	quick: boolean;
	rounds: number;
	host: Record<string, unknown>;
	planned: string[];
	sections: Record<string, SectionOutcome>;
}

/** The Markdown summary: a header with the host and state, then one table per section with its load. */
export function resultsMarkdown(results: BenchResults): string {
	const out = [
		`# llmtop bench — ${results.state}${results.signal ? ` (${results.signal})` : ''}`,
		'',
		`${results.startedAt}, ${String(results.host.cpuModel ?? '')}, ${String(results.host.logicalCores ?? '?')} logical cores; ${results.quick ? '--quick' : 'full'}; ${results.rounds} rotated rounds per comparison; ${results.durationS.toFixed(0)} s`,
		'',
	];
	const done = Object.keys(results.sections);
	const pending = results.planned.filter((name) => !done.includes(name));
	for (const [name, section] of Object.entries(results.sections)) {
		out.push(`## ${name} — ${section.status}, ${section.durationS.toFixed(0)} s, ${formatLoad(section.load)}`, '');
		if (section.error) out.push(`error: ${cell(section.error)}`, '');
		if (section.rows.length > 0) {
			out.push('| group | figure | value | target | status | spread / note |', '|---|---|---|---|---|---|');
			for (const row of section.rows)
				out.push(`| ${cell(row.section)} | ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.target)} | ${row.status} | ${cell(row.spread)} |`);
			out.push('');
		}
	}
	if (pending.length > 0) out.push(`not run: ${pending.join(', ')}`, '');
	return `${out.join('\n')}`;
}

function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Writes results.json and results.md into `dir`, each atomically; returns their paths. */
export function writeResults(dir: string, results: BenchResults): {json: string; markdown: string} {
	mkdirSync(dir, {recursive: true});
	const json = join(dir, 'results.json');
	const markdown = join(dir, 'results.md');
	writeFileAtomic(json, `${JSON.stringify(results, null, '\t')}\n`);
	writeFileAtomic(markdown, resultsMarkdown(results));
	return {json, markdown};
}
