/**
 * `--metrics-port`: serves `GET /metrics` in the Prometheus text format from
 * a {@link RunMetricsExporter}, refreshed on each scrape.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {formatListenAddress, type ListenAddress} from './listen-address.js';
import type {RunMetricsExporter} from './metrics.js';

/** The metrics server could not listen (port in use, address not on this machine, no permission). */
export class MetricsServerError extends Error {
	override name = 'MetricsServerError';
	constructor(
		readonly address: ListenAddress,
		readonly code: string | undefined,
		problem: string,
	) {
		super(`--metrics-port ${formatListenAddress(address)}: ${problem}`);
	}
}

/** A listening metrics server. */
export interface MetricsServer {
	/** Where it listens (the real port when 0 was asked). */
	readonly address: ListenAddress;
	close(): Promise<void>;
}

/** Starts listening; resolves once it does, rejects with {@link MetricsServerError} when it cannot. */
export function startMetricsServer(exporter: RunMetricsExporter, address: ListenAddress): Promise<MetricsServer> {
	const server = createServer((request, response) => {
		const path = (request.url ?? '/').split('?')[0];
		if (request.method !== 'GET' || path !== '/metrics') {
			response.writeHead(404, {'content-type': 'text/plain'}).end('llmtop serves /metrics\n');
			return;
		}
		exporter.metricsText().then(
			(text) => response.writeHead(200, {'content-type': exporter.registry.contentType}).end(text),
			(error: unknown) => response.writeHead(500, {'content-type': 'text/plain'}).end(`${(error as Error).message}\n`),
		);
	});
	return new Promise((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => reject(new MetricsServerError(address, error.code, problemOf(error))));
		server.listen(address.port, address.host, () => {
			const bound = server.address() as AddressInfo;
			resolve(wrap(server, {host: address.host, port: bound.port}));
		});
	});
}

function wrap(server: Server, address: ListenAddress): MetricsServer {
	server.unref();
	return {
		address,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function problemOf(error: NodeJS.ErrnoException): string {
	switch (error.code) {
		case 'EADDRINUSE':
			return 'the port is in use';
		case 'EADDRNOTAVAIL':
			return "the address is not one of this machine's";
		case 'EACCES':
			return 'no permission to listen there (ports below 1024 need privileges)';
		default:
			return error.message;
	}
}
