/**
 * What the Prometheus exporter (`--metrics-port`) costs the run, side by
 * side in one process: the same recorded-shape event stream applied to a
 * store alone, and to a store plus the exporter (per event it only counts
 * into plain bucket counts); then the cost of one scrape. Rounds alternate; the ratio is the
 * figure. Not part of `npm run bench`'s sections yet:
 * `npm run build && node dist/bench/metrics-exporter.js [--tokens N] [--rounds N]`.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {RunMetricsExporter} from '../src/export/metrics.js';
import {parseEvents} from '../src/report/events-file.js';
import type {RunEvent} from '../src/run/events.js';
import {RunStore} from '../src/run/store.js';
import {ROOT} from './lib/cli-run.js';
import {mulberry32} from './lib/mulberry32.js';

function eventStream(tokens: number): RunEvent[] {
	const fixture = parseEvents('fixture', readFileSync(join(ROOT, 'test', 'fixtures', 'events', 'tiny-smoke.jsonl'), 'utf8')).events;
	const head = fixture.filter((event) => event.type === 'run-start' || event.type === 'model-loaded');
	const sample = fixture.find((event) => event.type === 'sample');
	const random = mulberry32(7);
	const events: RunEvent[] = [...head, {type: 'phase', t: 1, name: 'prompts'}];
	let t = 10;
	let nextSample = 100;
	for (let prompt = 0; tokens > 0; prompt++) {
		const id = `p${prompt}`;
		events.push({type: 'prompt-start', t, promptId: id, index: prompt, total: 0, promptTokens: 20});
		const count = Math.min(tokens, 128);
		for (let index = 0; index < count; index++) {
			t += 4 + random() * 4;
			events.push({type: 'token', t, promptId: id, index});
			if (t >= nextSample && sample) {
				events.push({...sample, t, phase: 'prompts', promptId: id} as RunEvent);
				nextSample += 100;
			}
		}
		events.push({type: 'prompt-end', t, promptId: id, status: 'ok', response: '', outputTokens: count});
		tokens -= count;
	}
	return events;
}

function timeApply(events: readonly RunEvent[], withExporter: boolean): {ms: number; scrapeMs: number} {
	const store = new RunStore();
	const exporter = withExporter ? new RunMetricsExporter({store, host: 'bench'}) : undefined;
	const started = performance.now();
	for (const event of events) {
		store.apply(event);
		exporter?.onEvent(event);
	}
	const ms = performance.now() - started;
	const scrapeStarted = performance.now();
	if (exporter) {
		exporter.refresh();
		void exporter.registry.metrics();
	}
	return {ms, scrapeMs: performance.now() - scrapeStarted};
}

const {values} = parseArgs({options: {tokens: {type: 'string'}, rounds: {type: 'string'}}});
const events = eventStream(Number(values.tokens ?? 200_000));
const rounds = Number(values.rounds ?? 5);
const ratios: number[] = [];
const perEvent: number[] = [];
const scrapes: number[] = [];
for (let round = 0; round < rounds; round++) {
	const first = round % 2 === 0;
	const a = first ? timeApply(events, false) : timeApply(events, true);
	const b = first ? timeApply(events, true) : timeApply(events, false);
	const [plain, exported] = first ? [a, b] : [b, a];
	ratios.push(exported.ms / plain.ms);
	perEvent.push(((exported.ms - plain.ms) * 1e6) / events.length);
	scrapes.push(exported.scrapeMs);
}
const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(
	`${events.length} events; store + exporter / store alone: median ${median(ratios).toFixed(3)} (rounds ${ratios.map((r) => r.toFixed(3)).join(' ')}); the exporter's own cost: median ${median(perEvent).toFixed(0)} ns per event; one scrape (refresh): median ${median(scrapes).toFixed(2)} ms`,
);
