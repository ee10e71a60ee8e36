import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A free loopback port (closed again before it is returned: a tiny race, fine for tests). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
			.once('error', reject)
			.listen(0, '127.0.0.1', () => {
				const {port} = probe.address() as {port: number};
				probe.close(() => resolve(port));
			});
	});
}

/** A server process started by a test, on a loopback port, with its own data folder. */
export interface TestServer {
	url: string;
	port: number;
	stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
	for (let attempt = 0; attempt < 300; attempt++) {
		if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${log()}`);
		try {
			if ((await fetch(`${url}/-/ready`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`not ready after 30 s: ${log()}`);
}

async function startServer(binary: string, args: (dir: string, port: number) => string[]): Promise<TestServer> {
	const dir = mkdtempSync(join(tmpdir(), 'llmtop-prom-'));
	const port = await freePort();
	let output = '';
	const child = spawn(binary, args(dir, port), {stdio: ['ignore', 'pipe', 'pipe']});
	child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
	child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
	const url = `http://127.0.0.1:${port}`;
	const stop = async (): Promise<void> => {
		if (child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(dir, {recursive: true, force: true});
	};
	try {
		await waitReady(url, child, () => output);
	} catch (error) {
		await stop();
		throw error;
	}
	return {url, port, stop};
}

/** Debian's `prometheus` scraping `targets` every second (and the Pushgateway with honor_labels). */
export function startPrometheus(targets: {llmtop: string[]; pushgateway: string[]}): Promise<TestServer> {
	return startServer('/usr/bin/prometheus', (dir, port) => {
		const config = join(dir, 'prometheus.yml');
		writeFileSync(
			config,
			[
				'global:',
				'  scrape_interval: 1s',
				'  evaluation_interval: 1s',
				'scrape_configs:',
				'  - job_name: llmtop',
				`    static_configs: [{targets: ${JSON.stringify(targets.llmtop)}}]`,
				'  - job_name: pushgateway',
				'    honor_labels: true',
				`    static_configs: [{targets: ${JSON.stringify(targets.pushgateway)}}]`,
				'',
			].join('\n'),
		);
		return [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'];
	});
}

/**
 * Debian's `prometheus-pushgateway`, in memory only: Debian's build persists to
 * /var/lib/prometheus/pushgateway.data by default, so without the empty
 * `--persistence.file` every test server started with the pushes of earlier runs
 * (a stale host "fails" a criterion the current report passes).
 */
export function startPushgateway(): Promise<TestServer> {
	return startServer('/usr/bin/prometheus-pushgateway', (_dir, port) => [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=warn']);
}

/** One PromQL instant query; the result vector (throws on an error status). */
export async function promQuery(prometheus: string, query: string, time?: number): Promise<{metric: Record<string, string>; value: [number, string]}[]> {
	const params = new URLSearchParams({query});
	if (time !== undefined) params.set('time', String(time));
	const response = await fetch(`${prometheus}/api/v1/query?${params}`);
	const body = (await response.json()) as {
		status: string;
		error?: string;
		data: {resultType: string; result: {metric: Record<string, string>; value: [number, string]}[]};
	};
	if (body.status !== 'success') throw new Error(`${query}: ${body.error ?? body.status}`);
	return body.data.result;
}
