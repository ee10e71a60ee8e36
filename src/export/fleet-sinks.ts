/**
 * The Prometheus side of a run for a command to wire: an exporter fed with
 * every event, the `/metrics` server when `--metrics-port` is given (started
 * before the run, so a port in use stops it before it begins), and the push
 * of the final figures when `--pushgateway` is given.
 */
import type {RunEvent} from '../run/events.js';
import type {RunStore} from '../run/store.js';
import {formatListenAddress, parseListenAddress} from './listen-address.js';
import {startMetricsServer, type MetricsServer} from './metrics-server.js';
import {RunMetricsExporter} from './metrics.js';
import {parsePushgatewayUrl, pushFinalFigures} from './pushgateway.js';

/** What the command line asked for. */
export interface FleetOptions {
	/** `--metrics-port` as given (`[HOST:]PORT`). */
	metricsPort?: string;
	/** `--pushgateway` as given. */
	pushgateway?: string;
	redact?: boolean;
}

/** True when a fleet output is asked for. */
export function wantsFleet(options: FleetOptions): boolean {
	return options.metricsPort !== undefined || options.pushgateway !== undefined;
}

/** Checks the values before anything starts. Throws `ListenAddressError` or `PushgatewayUrlError` (bad usage). */
export function checkFleetOptions(options: FleetOptions): void {
	if (options.metricsPort !== undefined) parseListenAddress(options.metricsPort);
	if (options.pushgateway !== undefined) parsePushgatewayUrl(options.pushgateway);
}

/** The exporter, server and push of one run. */
export class FleetSinks {
	readonly exporter: RunMetricsExporter;
	readonly #server: MetricsServer | undefined;
	readonly #pushgateway: string | undefined;

	private constructor(exporter: RunMetricsExporter, server: MetricsServer | undefined, pushgateway: string | undefined) {
		this.exporter = exporter;
		this.#server = server;
		this.#pushgateway = pushgateway;
	}

	/**
	 * Starts what was asked for, before the run exists (attach its store with {@link attach}).
	 * Rejects with `MetricsServerError` when the port cannot be listened on, `ListenAddressError` / `PushgatewayUrlError` on bad values.
	 */
	static async open(options: FleetOptions): Promise<FleetSinks> {
		checkFleetOptions(options);
		const exporter = new RunMetricsExporter({redact: options.redact});
		const server = options.metricsPort === undefined ? undefined : await startMetricsServer(exporter, parseListenAddress(options.metricsPort));
		return new FleetSinks(exporter, server, options.pushgateway === undefined ? undefined : parsePushgatewayUrl(options.pushgateway));
	}

	/** Where `/metrics` is served, as `host:port`, if it is. */
	get listening(): string | undefined {
		return this.#server ? formatListenAddress(this.#server.address) : undefined;
	}

	/** The run's store, once it exists. */
	attach(store: RunStore): void {
		this.exporter.attach(store);
	}

	/** Feed every event here after the store applied it. */
	readonly onEvent = (event: RunEvent): void => this.exporter.onEvent(event);

	/** Pushes the final figures when `--pushgateway` was given; resolves to a warning line when the push failed, else `null`. */
	async push(): Promise<string | null> {
		if (this.#pushgateway === undefined) return null;
		try {
			await pushFinalFigures(this.exporter, this.#pushgateway);
			return null;
		} catch (error) {
			return `warning: ${(error as Error).message} (the verdict is unchanged)`;
		}
	}

	/** Stops serving `/metrics`. */
	async close(): Promise<void> {
		await this.#server?.close();
	}
}
