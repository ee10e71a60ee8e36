/**
 * `--pushgateway URL`: at the end of a batch run, the final figures are
 * PUT to a Prometheus Pushgateway, grouped by job `llmtop` and the run's
 * labels (host, model, quantization, threads), so a later run of the same
 * configuration on the same host replaces it. A failed push is a warning
 * for the caller: it never changes the verdict.
 */
import type {RunMetricsExporter} from './metrics.js';

/** A push that did not succeed. */
export class PushgatewayError extends Error {
	override name = 'PushgatewayError';
	constructor(
		readonly url: string,
		readonly problem: string,
	) {
		super(`could not push to the Pushgateway at ${url}: ${problem}`);
	}
}

/** A `--pushgateway` value that is not an http(s) URL. */
export class PushgatewayUrlError extends Error {
	override name = 'PushgatewayUrlError';
	constructor(readonly text: string) {
		super(`--pushgateway ${JSON.stringify(text)}: expected an http:// or https:// URL`);
	}
}

/** Checks a `--pushgateway` value; returns it without a trailing slash. Throws {@link PushgatewayUrlError}. */
export function parsePushgatewayUrl(text: string): string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new PushgatewayUrlError(text);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PushgatewayUrlError(text);
	return text.replace(/\/+$/, '');
}

/** The Pushgateway path of a group: `/metrics/job/llmtop/host@base64/…` (base64url values, so any character is safe). */
export function groupPath(labels: Readonly<Record<string, string>>): string {
	const parts = Object.entries(labels).map(([key, value]) => `/${key}@base64/${Buffer.from(value).toString('base64url') || '='}`);
	return `/metrics/job/llmtop${parts.join('')}`;
}

/** Pushes the exporter's figures (replacing the group's). Throws {@link PushgatewayError}. */
export async function pushFinalFigures(exporter: RunMetricsExporter, baseUrl: string, timeoutMs = 5000): Promise<string> {
	const text = await exporter.metricsText();
	const target = `${baseUrl}${groupPath(exporter.labels)}`;
	let response: Response;
	try {
		response = await fetch(target, {method: 'PUT', body: text, headers: {'content-type': 'text/plain; version=0.0.4'}, signal: AbortSignal.timeout(timeoutMs)});
	} catch (error) {
		const cause = (error as {cause?: {code?: string; message?: string}}).cause;
		throw new PushgatewayError(baseUrl, cause?.code ?? cause?.message ?? (error as Error).message);
	}
	if (!response.ok) {
		const body = (await response.text().catch(() => '')).trim().split('\n')[0] ?? '';
		throw new PushgatewayError(baseUrl, `HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
	}
	return target;
}
