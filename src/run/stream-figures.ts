import type {StreamCounts} from './types.js';

/** An endpoint's stream counts over the run, and whether they distort the ITL figures. */
export interface StreamFigures extends StreamCounts {
	/** True when chunking distorts ITL p50/p99 (see {@link itlDistorted}). */
	itlDistorted: boolean;
}

/**
 * Whether chunking distorts a run's ITL figures: tokens that arrived merged
 * make 0 ms gaps beside gaps as long as all the merged tokens took, so p50
 * falls and p99 rises. Distorted when more than 1 % of the tokens arrived
 * merged (one in a hundred gaps is what moves a p99).
 */
export function itlDistorted(counts: Pick<StreamCounts, 'tokens' | 'mergedTokens'>): boolean {
	return counts.tokens > 0 && counts.mergedTokens / counts.tokens > 0.01;
}

/** The report's `stream` figures, or `null` when no prompt was streamed from an endpoint. */
export function streamFigures(counts: Readonly<StreamCounts> | null): StreamFigures | null {
	return counts ? {...counts, itlDistorted: itlDistorted(counts)} : null;
}

/** The warning for a run whose ITL figures chunking distorts, or undefined. */
export function chunkingWarning(counts: Readonly<StreamCounts>): string | undefined {
	if (!itlDistorted(counts)) return undefined;
	const how =
		counts.countedBy === 'server-timings'
			? `${counts.multiTokenEvents} of ${counts.events} streamed events carried more than one token`
			: `${counts.mergedTokens} of ${counts.tokens + counts.mergedTokens} tokens arrived merged into other events (from usage)`;
	return `${how}: merged tokens give 0 ms gaps beside long ones, so ITL p50 reads low and p99 high (the endpoint batches its stream)`;
}

/**
 * The warning for a server whose sampled RSS is below its model file's size
 * while prompts run (every weight is read per token, so a server holding the
 * model has at least that much resident), or undefined. The likely mistake:
 * `--pid` names another process (a client, a wrapper script, a shell).
 */
export function rssBelowModelWarning(rssBytes: number, modelBytes: number, pid: number | undefined): string | undefined {
	if (!(modelBytes > 0) || !(rssBytes >= 0) || rssBytes >= modelBytes) return undefined;
	const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
	return `the measured process${pid === undefined ? '' : ` (PID ${pid})`} holds ${mib(rssBytes)} resident while prompts run, less than the model file (${mib(modelBytes)}): it is probably not the process that runs the model (a client, a wrapper or a shell?) — give --pid of the server itself`;
}
