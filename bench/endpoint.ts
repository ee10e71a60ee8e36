/**
 * In-process engine vs llama-server, side by side: the same model, threads,
 * prompts and sampling, each side run through the real `llmtop run` (the
 * server by `--launch`, so its process tree is sampled), configurations
 * rotated round by round so neither always runs first on a warm machine.
 * Prints one Markdown table: decode tok/s, warm TTFT, ITL p50/p99 (medians
 * over generations), active CPU, peak RSS, idle CPU (means over the run,
 * medians over rounds), and how many streamed events carried more than one token.
 *
 * Run after `npm run build`:
 * `node dist/bench/endpoint.js [--model REF] [--server PATH] [--threads 1,2]
 * [--rounds N] [--prompts N] [--max-tokens N] [--idle S]`.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {nativeBuildLayout} from '../src/engine/native-build.js';
import type {Report} from '../src/report/types.js';
import {runHeadless} from './lib/cli-run.js';
import {reportFigures, type RunFigures} from './lib/run-figures.js';
import {median} from './lib/stats.js';
import {benchRunArgs, writeBenchSuite} from './lib/suite.js';

interface Side {
	id: string;
	threads: number;
	kind: 'in-process' | 'server';
}

interface Figures extends RunFigures {
	rssPeakBytes: number | null;
	idleCpuMean: number | null;
	multiTokenEvents: number | null;
}

const {values} = parseArgs({
	options: {
		model: {type: 'string', default: '/root/.cache/llmtop/models/SmolLM2-135M-Instruct.Q4_1.gguf'},
		server: {type: 'string'},
		threads: {type: 'string', default: '1,2'},
		rounds: {type: 'string', default: '2'},
		prompts: {type: 'string', default: '3'},
		'max-tokens': {type: 'string', default: '64'},
		idle: {type: 'string', default: '2'},
	},
});
const server = values.server ?? nativeBuildLayout().server;
const dir = mkdtempSync(join(tmpdir(), 'llmtop-bench-endpoint-'));
const maxTokens = Number(values['max-tokens']);
const suitePath = writeBenchSuite(dir, Number(values.prompts), maxTokens);
const sides: Side[] = values.threads
	.split(',')
	.map(Number)
	.flatMap((threads) => [
		{id: `in-process t=${threads}`, threads, kind: 'in-process' as const},
		{id: `llama-server t=${threads}`, threads, kind: 'server' as const},
	]);
const launch = `'${server}' -m {model} --host {host} --port {port} -t {threads} -c {ctx} -b {batch} -np 1 --no-webui`;
const results = new Map<string, Figures[]>(sides.map((side) => [side.id, []]));
const rounds = Number(values.rounds);

for (let round = 0; round < rounds; round++) {
	const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
	for (const side of order) {
		const args = [...benchRunArgs({model: values.model, suitePath, threads: side.threads, maxTokens, idleSeconds: Number(values.idle)}), '--no-canary'];
		if (side.kind === 'server') args.push('--launch', launch);
		const name = `${side.id.replace(/\W+/g, '-')}-r${round}`;
		process.stderr.write(`round ${round + 1}/${rounds}: ${side.id}\n`);
		try {
			const run = await runHeadless({args, dir, name});
			results.get(side.id)!.push(figuresOf(run.report));
		} catch (error) {
			process.stderr.write(`  failed: ${(error as Error).message}\n`);
		}
	}
}

const fmt = (value: number | null | undefined, digits = 1): string =>
	value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);
const pick = (id: string, get: (f: Figures) => number | null | undefined): number | null => median((results.get(id) ?? []).map((f) => get(f) ?? null));
console.log(`model ${values.model}; ${values.prompts} prompts x ${maxTokens} tokens; ${rounds} rounds rotated; server ${server}`);
console.log('');
console.log('| target | decode tok/s | TTFT ms (warm) | ITL p50 ms | ITL p99 ms | active CPU % | RSS peak MiB | idle CPU % | multi-token events | runs |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const side of sides) {
	const id = side.id;
	console.log(
		`| ${id} | ${fmt(pick(id, (f) => f.decodeTokPerSec))} | ${fmt(pick(id, (f) => f.ttftMs))} | ${fmt(
			pick(id, (f) => f.itlP50Ms),
			2,
		)} | ${fmt(
			pick(id, (f) => f.itlP99Ms),
			2,
		)} | ${fmt(pick(id, (f) => f.cpuActiveMean))} | ${fmt(pick(id, (f) => (f.rssPeakBytes === null ? null : f.rssPeakBytes / 1024 ** 2)))} | ${fmt(
			pick(id, (f) => f.idleCpuMean),
			2,
		)} | ${
			side.kind === 'server'
				? fmt(
						pick(id, (f) => f.multiTokenEvents),
						0,
					)
				: 'n/a'
		} | ${results.get(id)?.length ?? 0} |`,
	);
}

function figuresOf(report: Report): Figures {
	return {
		...reportFigures(report),
		rssPeakBytes: report.metrics.rss.peakBytes,
		idleCpuMean: report.metrics.cpu.idle.mean,
		multiTokenEvents: report.stream?.multiTokenEvents ?? null,
	};
}
