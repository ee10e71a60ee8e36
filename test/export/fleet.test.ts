/**
 * The fleet end to end against Debian's real `prometheus` and
 * `prometheus-pushgateway`, started here on loopback ports with their own
 * data folders: Prometheus scrapes `llmtop run --metrics-port` during a real
 * run on the tiny synthetic model, the run pushes its final figures to the
 * Pushgateway, and the PromQL of docs/fleet.md returns the run's values.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RunMetricsExporter} from '../../src/export/metrics.js';
import {pushFinalFigures} from '../../src/export/pushgateway.js';
import type {Report} from '../../src/report/types.js';
import {RunStore} from '../../src/run/store.js';
import {ROOT, runCli, tempDir} from '../e2e/helpers.js';
import {hostileEvents} from './hostile-report.js';
import {freePort, promQuery, startPrometheus, startPushgateway, type TestServer} from './prom-servers.js';
import {requireExecutable} from './required-tool.js';
import {needsBuild} from '../setup/skip.js';

const present = requireExecutable('/usr/bin/prometheus', 'Prometheus fleet') && requireExecutable('/usr/bin/prometheus-pushgateway', 'Pushgateway fleet');
const PEER = 'fleet-peer';

/** The ```promql blocks of docs/fleet.md. */
function docQueries(): string[] {
	const text = readFileSync(join(ROOT, 'docs', 'fleet.md'), 'utf8');
	return [...text.matchAll(/```promql\n([\s\S]*?)```/g)].map((match) => (match[1] as string).trim());
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
	let last: T | undefined;
	for (let attempt = 0; attempt < 100; attempt++) {
		last = await read();
		if (done(last)) return last;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

describe.skipIf(!present || needsBuild())('a fleet in Prometheus (real prometheus and pushgateway)', () => {
	let prometheus: TestServer;
	let pushgateway: TestServer;
	let metricsPort: number;
	let report: Report;
	let stderr = '';
	const dir = tempDir('llmtop-fleet-');
	const host = hostname();

	beforeAll(async () => {
		pushgateway = await startPushgateway();
		metricsPort = await freePort();
		prometheus = await startPrometheus({llmtop: [`127.0.0.1:${metricsPort}`], pushgateway: [`127.0.0.1:${pushgateway.port}`]});
		const reportPath = join(dir, 'run.json');
		const result = await runCli([
			'run',
			'--headless',
			'--idle',
			'2',
			'--model',
			'synthetic:tiny',
			'--suite',
			'smoke',
			'--metrics-port',
			`127.0.0.1:${metricsPort}`,
			'--pushgateway',
			pushgateway.url,
			'--report',
			reportPath,
		]);
		stderr = result.stderr;
		expect([0, 1, 3]).toContain(result.code);
		report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
	}, 180_000);

	afterAll(async () => {
		await prometheus?.stop();
		await pushgateway?.stop();
	});

	it("Prometheus scraped llmtop during the run: its query API returns the run's values", async () => {
		expect(stderr).not.toMatch(/could not push/);
		const up = await promQuery(prometheus.url, 'max_over_time(up{job="llmtop"}[10m])');
		expect(up.map((sample) => sample.value[1])).toEqual(['1']);
		// Before the model loads, the series carry the reference given and quantization "unknown" (docs/fleet.md): select the loaded model's.
		const tokens = await promQuery(
			prometheus.url,
			`last_over_time(llmtop_tokens_total{job="llmtop", instance!="", quantization="${report.model.quantization}"}[10m])`,
		);
		expect(tokens).toHaveLength(1);
		expect(tokens[0]?.metric).toMatchObject({
			host,
			model: report.model.name ?? '',
			quantization: report.model.quantization ?? '',
			threads: String(report.config.threads),
		});
		expect(Number(tokens[0]?.value[1])).toBe(report.prompts.reduce((sum, prompt) => sum + prompt.outputTokens, 0));
		const latency = report.criteria.find((criterion) => criterion.id === 'latency-p95');
		const scraped = await promQuery(
			prometheus.url,
			`last_over_time(llmtop_criterion_value{job="llmtop", instance!="", quantization="${report.model.quantization}", criterion="latency-p95"}[10m])`,
		);
		expect(Number(scraped[0]?.value[1])).toBeCloseTo(latency?.value ?? Number.NaN, 6);
		const threshold = await promQuery(
			prometheus.url,
			`last_over_time(llmtop_criterion_threshold{job="llmtop", instance!="", quantization="${report.model.quantization}", criterion="rss-peak"}[10m])`,
		);
		expect(Number(threshold[0]?.value[1])).toBe(report.criteria.find((criterion) => criterion.id === 'rss-peak')?.threshold);
	});

	it('the pushed run is in the Pushgateway, with the final verdict', async () => {
		const text = await (await fetch(`${pushgateway.url}/metrics`)).text();
		const verdict = report.verdict === 'pending' ? 'inconclusive' : report.verdict;
		const line = text
			.split('\n')
			.find((candidate) => candidate.startsWith('llmtop_verdict{') && candidate.includes(`verdict="${verdict}"`) && candidate.includes(`host="${host}"`));
		expect(line).toMatch(/ 1$/);
		expect(text).toMatch(
			new RegExp(
				`llmtop_tokens_total\\{[^}]*host="${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^}]*\\} ${report.prompts.reduce((sum, prompt) => sum + prompt.outputTokens, 0)}`,
			),
		);
	});

	it('the PromQL of docs/fleet.md across two hosts: worst ITL p99, hosts failing a criterion', async () => {
		const store = new RunStore();
		const peer = new RunMetricsExporter({store, host: PEER});
		for (const event of hostileEvents()) {
			store.apply(event);
			peer.onEvent(event);
		}
		await pushFinalFigures(peer, pushgateway.url);
		await eventually(
			() => promQuery(prometheus.url, 'count(count by (host) (llmtop_verdict{instance=""}))'),
			(result) => result[0]?.value[1] === '2',
			'hosts seen through the Pushgateway',
		);

		const queries = docQueries();
		expect(queries.length).toBeGreaterThanOrEqual(5);
		const lines: string[] = [];
		const results = new Map<string, Awaited<ReturnType<typeof promQuery>>>();
		for (const query of queries) {
			const result = await promQuery(prometheus.url, query);
			results.set(query, result);
			lines.push(`$ ${query}`, ...result.map((sample) => `${JSON.stringify(sample.metric)} => ${sample.value[1]}`), '');
		}
		mkdirSync(join(ROOT, 'test-artifacts'), {recursive: true});
		writeFileSync(join(ROOT, 'test-artifacts', 'promql-results.txt'), lines.join('\n'));
		console.log(lines.join('\n'));

		const [worst, perHost, failing] = queries.map((query) => results.get(query) ?? []);
		expect(perHost?.map((sample) => sample.metric['host']).sort()).toEqual([host, PEER].sort());
		const perHostValues = (perHost ?? []).map((sample) => Number(sample.value[1]));
		expect(Number(worst?.[0]?.value[1])).toBe(Math.max(...perHostValues));
		expect(perHostValues[0]).toBe(Math.max(...perHostValues));

		const failingHere = (failing ?? [])
			.filter((sample) => sample.metric['host'] === host)
			.map((sample) => sample.metric['criterion'])
			.sort();
		expect(failingHere).toEqual(
			report.criteria
				.filter((criterion) => criterion.status === 'fail')
				.map((criterion) => criterion.id)
				.sort(),
		);
		const peerReport = store.runEnd ? (await import('../../src/report/report.js')).buildReport(store) : undefined;
		const failingPeer = (failing ?? [])
			.filter((sample) => sample.metric['host'] === PEER)
			.map((sample) => sample.metric['criterion'])
			.sort();
		expect(failingPeer).toEqual(
			peerReport?.criteria
				.filter((criterion) => criterion.status === 'fail')
				.map((criterion) => criterion.id)
				.sort(),
		);
		expect(failingPeer.length).toBeGreaterThan(0);
	});

	it('every query of the Grafana dashboard is valid PromQL and finds the fleet', async () => {
		const dashboard = JSON.parse(readFileSync(join(ROOT, 'docs', 'grafana-llmtop.json'), 'utf8')) as {
			panels: {targets: {expr: string}[]}[];
			templating: {list: {query: string}[]};
		};
		const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
		expect(exprs.length).toBeGreaterThan(5);
		for (const expr of exprs) {
			const query = expr.replaceAll('$__rate_interval', '1m').replaceAll('$host', '.*');
			await expect(promQuery(prometheus.url, query)).resolves.toBeDefined();
		}
		// The live series may still be current right after the run (until Prometheus marks them stale): count hosts, not series.
		const verdicts = await promQuery(prometheus.url, exprs[0]?.replaceAll('$host', '.*') ?? '');
		expect([...new Set(verdicts.map((sample) => sample.metric['host']))].sort()).toEqual([hostname(), PEER].sort());
		// The failing-criteria panel reads the pushed final figures only (docs/fleet.md): this host's are the final report's.
		const failing = await promQuery(prometheus.url, exprs[1]?.replaceAll('$host', '.*') ?? '');
		expect(
			failing
				.filter((sample) => sample.metric['host'] === hostname())
				.map((sample) => sample.metric['criterion'])
				.sort(),
		).toEqual(
			report.criteria
				.filter((criterion) => criterion.status === 'fail')
				.map((criterion) => criterion.id)
				.sort(),
		);
	});
});
