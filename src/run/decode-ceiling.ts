/**
 * The decode rate as a share of what the machine's memory allows. Generating
 * one token reads (about) every weight once, so the fastest possible decode is
 * memory read bandwidth / bytes of weights; a run far below that ceiling is
 * slowed by its configuration (threads, cap, nice, contention), one close to
 * it by the machine.
 */

/** A host's memory read bandwidth as measured once (see `src/sampler/bandwidth.ts`). */
export interface MemoryBandwidthInfo {
	/** Bytes per second read by one thread per core together. */
	readBytesPerSec: number;
	/** Bytes per second read by one thread alone. */
	singleThreadBytesPerSec: number;
	threads: number;
	/** What was measured, in words. */
	method: string;
	measuredAt: string;
}

/** The decode ceiling of one run. */
export interface DecodeCeiling {
	/** Memory read bandwidth of the host, bytes/s (all cores). */
	bandwidthBytesPerSec: number;
	/** Bytes of weights read per generated token: the model file's size (tensor data and a small header). */
	weightBytes: number;
	/** bandwidth / weightBytes: the fastest decode this machine's memory allows, tokens/s. */
	ceilingTokensPerSec: number;
	/** Mean decode rate of the prompts that ended ok, tokens/s (`null` when none did). */
	decodeTokensPerSec: number | null;
	/** decode / ceiling (`null` without a decode rate). */
	fraction: number | null;
}

/**
 * The ceiling from a bandwidth, the model's weight bytes and the run's mean
 * decode rate; `null` when the bandwidth or the model size is unknown or not
 * a positive number.
 */
export function decodeCeiling(
	bandwidthBytesPerSec: number | null | undefined,
	weightBytes: number | null | undefined,
	decodeTokensPerSec: number | null | undefined,
): DecodeCeiling | null {
	if (!isPositive(bandwidthBytesPerSec) || !isPositive(weightBytes)) return null;
	const ceilingTokensPerSec = bandwidthBytesPerSec / weightBytes;
	const decode =
		decodeTokensPerSec !== null && decodeTokensPerSec !== undefined && Number.isFinite(decodeTokensPerSec) && decodeTokensPerSec >= 0
			? decodeTokensPerSec
			: null;
	return {bandwidthBytesPerSec, weightBytes, ceilingTokensPerSec, decodeTokensPerSec: decode, fraction: decode === null ? null : decode / ceilingTokensPerSec};
}

function isPositive(value: number | null | undefined): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** `12 % of the 380 tok/s memory ceiling (3.3 GB/s / 138 MB of weights)`, or `—` for null. */
export function formatDecodeCeiling(ceiling: DecodeCeiling | null): string {
	if (!ceiling) return '—';
	const share = ceiling.fraction === null ? '—' : `${(ceiling.fraction * 100).toFixed(ceiling.fraction < 0.1 ? 1 : 0)} %`;
	const gbs = (ceiling.bandwidthBytesPerSec / 1e9).toFixed(1);
	const mb = (ceiling.weightBytes / 1e6).toFixed(0);
	return `${share} of the ${ceiling.ceilingTokensPerSec.toFixed(0)} tok/s memory ceiling (${gbs} GB/s / ${mb} MB of weights)`;
}
