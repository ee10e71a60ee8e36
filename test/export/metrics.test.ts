import {readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {describe, expect, it} from 'vitest';
import {parseListenAddress} from '../../src/export/listen-address.js';
import {METRIC_LIST} from '../../src/export/metric-names.js';
import {startMetricsServer} from '../../src/export/metrics-server.js';
import {RunMetricsExporter} from '../../src/export/metrics.js';
import {groupPath, parsePushgatewayUrl, pushFinalFigures} from '../../src/export/pushgateway.js';
import {buildReport} from '../../src/report/report.js';
import {RunStore} from '../../src/run/store.js';
import {hostileEvents} from './hostile-report.js';

function fedExporter(options: {redact?: boolean; host?: string} = {}): {exporter: RunMetricsExporter; store: RunStore} {
	const store = new RunStore();
	const exporter = new RunMetricsExporter({store, host: options.host ?? 'test-host', redact: options.redact});
	for (const event of hostileEvents()) {
		store.apply(event);
		exporter.onEvent(event);
	}
	return {exporter, store};
}

/** `name{labels} value` lines of the exposition text. */
function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number | null {
	for (const line of text.split('\n')) {
		if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
		if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
	}
	return null;
}

describe('Prometheus exporter', () => {
	it('every metric is llmtop_*, documented in docs/fleet.md and exported with the run labels', async () => {
		const {exporter} = fedExporter();
		const text = await exporter.metricsText();
		const docs = readFileSync(new URL('../../docs/fleet.md', import.meta.url), 'utf8');
		const names = [...new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1] as string))];
		expect(names.sort()).toEqual(METRIC_LIST.map((doc) => doc.name).sort());
		for (const name of names) {
			expect(name).toMatch(/^llmtop_/);
			expect(docs).toContain(name);
		}
		for (const line of text.split('\n').filter((line) => line.startsWith('llmtop_')))
			expect(line).toMatch(/host="test-host",model="[^"]*",quantization="Q8_0",threads="1"/);
	});

	it("the figures equal the report's", async () => {
		const {exporter, store} = fedExporter();
		const report = buildReport(store);
		const text = await exporter.metricsText();
		const tokens = report.prompts.reduce((sum, prompt) => sum + prompt.outputTokens, 0);
		expect(sampleOf(text, 'llmtop_tokens_total')).toBe(tokens);
		expect(sampleOf(text, 'llmtop_prompts_total', {status: 'ok'})).toBe(report.prompts.filter((prompt) => prompt.status === 'ok').length);
		expect(sampleOf(text, 'llmtop_e2e_seconds_count')).toBe(report.prompts.filter((prompt) => prompt.status === 'ok').length);
		expect(sampleOf(text, 'llmtop_itl_seconds_count')).toBe(tokens - report.prompts.length);
		expect(sampleOf(text, 'llmtop_spikes_total', {metric: 'cpu'})).toBe(report.metrics.spikes.cpu);
		for (const criterion of report.criteria) {
			expect(sampleOf(text, 'llmtop_criterion_status', {criterion: criterion.id, status: criterion.status})).toBe(1);
			expect(sampleOf(text, 'llmtop_criterion_threshold', {criterion: criterion.id})).toBe(criterion.threshold);
			if (criterion.value !== null) expect(sampleOf(text, 'llmtop_criterion_value', {criterion: criterion.id})).toBeCloseTo(criterion.value, 9);
		}
		expect(sampleOf(text, 'llmtop_verdict', {verdict: report.verdict === 'pending' ? 'inconclusive' : report.verdict})).toBe(1);
		expect(sampleOf(text, 'llmtop_process_rss_peak_bytes')).toBe(report.metrics.rss.peakBytes);
		// A second scrape does not count anything twice.
		expect(sampleOf(await exporter.metricsText(), 'llmtop_tokens_total')).toBe(tokens);
	});

	it('label values are escaped; --redact replaces the host name and a model path', async () => {
		const {exporter} = fedExporter({redact: true, host: 'alice-laptop'});
		const text = await exporter.metricsText();
		expect(text).not.toContain('alice-laptop');
		expect(text).toMatch(/host="host-[0-9a-f]{10}"/);
		expect(text).not.toContain('/home/alice');
	});

	it.each([
		['9464', {host: '127.0.0.1', port: 9464}],
		['0.0.0.0:9464', {host: '0.0.0.0', port: 9464}],
		['localhost:0', {host: 'localhost', port: 0}],
		['[::1]:9464', {host: '::1', port: 9464}],
	])('--metrics-port %s', (text, expected) => {
		expect(parseListenAddress(text)).toEqual(expected);
	});

	it.each(['', 'abc', '9464x', '70000', 'host:', ':9464', 'a:b:9464'])('--metrics-port %j is refused in one line', (text) => {
		expect(() => parseListenAddress(text)).toThrow(/^--metrics-port ".*": /);
	});

	it('serves /metrics; a port in use is one clear error', async () => {
		const {exporter} = fedExporter();
		const server = await startMetricsServer(exporter, {host: '127.0.0.1', port: 0});
		try {
			const response = await fetch(`http://127.0.0.1:${server.address.port}/metrics`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('text/plain');
			expect(await response.text()).toContain('llmtop_verdict');
			expect((await fetch(`http://127.0.0.1:${server.address.port}/`)).status).toBe(404);
			await expect(startMetricsServer(exporter, server.address)).rejects.toThrow(`--metrics-port 127.0.0.1:${server.address.port}: the port is in use`);
		} finally {
			await server.close();
		}
	});

	it('Pushgateway: URL checked, group path safe for any value, a gateway that is down is a named error', async () => {
		expect(parsePushgatewayUrl('http://127.0.0.1:9091/')).toBe('http://127.0.0.1:9091');
		expect(() => parsePushgatewayUrl('ftp://x')).toThrow(/expected an http/);
		expect(() => parsePushgatewayUrl('nope')).toThrow(/expected an http/);
		expect(groupPath({host: 'a/b', model: ''})).toBe('/metrics/job/llmtop/host@base64/YS9i/model@base64/=');
		const closed = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const {port} = probe.address() as {port: number};
				probe.close(() => resolve(port));
			});
		});
		const {exporter} = fedExporter();
		await expect(pushFinalFigures(exporter, `http://127.0.0.1:${closed}`)).rejects.toThrow(
			`could not push to the Pushgateway at http://127.0.0.1:${closed}: ECONNREFUSED`,
		);
	});
});
