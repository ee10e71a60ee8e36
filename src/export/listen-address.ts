/** `--metrics-port [HOST:]PORT`: where the metrics server listens. */

/** A host and port to listen on. */
export interface ListenAddress {
	host: string;
	port: number;
}

/** The host used when only a port is given: loopback, so nothing is exposed by accident. */
export const DEFAULT_METRICS_HOST = '127.0.0.1';

/** A `--metrics-port` value that is not `[HOST:]PORT`. */
export class ListenAddressError extends Error {
	override name = 'ListenAddressError';
	constructor(
		readonly text: string,
		readonly problem: string,
	) {
		super(`--metrics-port ${JSON.stringify(text)}: ${problem}`);
	}
}

/** Parses `PORT`, `HOST:PORT` or `[IPV6]:PORT` (port 0 to 65535; 0 lets the system choose). Throws {@link ListenAddressError}. */
export function parseListenAddress(text: string): ListenAddress {
	const match = /^(?:\[([0-9a-fA-F:.]+)\]:|([^:[\]\s]+):)?(\d{1,5})$/.exec(text.trim());
	if (!match) throw new ListenAddressError(text, 'expected [HOST:]PORT, e.g. 9464 or 0.0.0.0:9464');
	const port = Number(match[3]);
	if (port > 65_535) throw new ListenAddressError(text, `port ${port} is above 65535`);
	return {host: match[1] ?? match[2] ?? DEFAULT_METRICS_HOST, port};
}

/** `host:port` as shown to people (IPv6 in brackets). */
export function formatListenAddress(address: ListenAddress): string {
	return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
