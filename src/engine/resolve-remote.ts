import {resolveModelFile} from 'node-llama-cpp';
import {BadModelRefError, EngineAbortedError, NetworkError, oneLine} from './errors.js';
import {HF_EXPECTED} from './model-ref.js';

/** Options for {@link resolveRemoteModel}. */
export interface ResolveRemoteOptions {
	/** Where downloads go. @default node-llama-cpp's models directory (`~/.node-llama-cpp/models`) */
	directory?: string;
	signal?: AbortSignal;
	/**
	 * Give up when the lookup or the download makes no progress for this long.
	 * node-llama-cpp's lookup retries with back-off and does not always honour
	 * its signal, so the engine stops waiting on its own clock.
	 * @default 20000
	 */
	timeoutMs?: number;
	onProgress?: (downloadedBytes: number, totalBytes: number) => void;
}

/** Default no-progress timeout of remote lookups and downloads, ms. */
export const DEFAULT_NETWORK_TIMEOUT_MS = 20_000;

class Stalled extends Error {}

/**
 * Resolves an `hf:` URI or URL to a local file with node-llama-cpp's
 * `resolveModelFile`:
 * 1. a file downloaded before is found in `directory` without any network;
 * 2. else the server is probed once (honouring the timeout and the signal),
 *    so "no network" fails fast and leaves nothing running behind;
 * 3. else the lookup and download run, and are given up on (NetworkError)
 *    after `timeoutMs` without progress — node-llama-cpp's lookup retries with
 *    back-off and does not take a signal, so that work may linger; callers
 *    that exit on error are unaffected.
 *
 * @throws BadModelRefError, NetworkError, EngineAbortedError
 */
export async function resolveRemoteModel(ref: string, options: ResolveRemoteOptions = {}): Promise<string> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS;
	if (options.signal?.aborted) throw new EngineAbortedError('resolving the model');
	const local = await findDownloaded(ref, options.directory);
	if (local != null) return local;
	await probeServer(ref, timeoutMs, options.signal);
	return await resolveWithWatchdog(ref, timeoutMs, options);
}

async function findDownloaded(ref: string, directory: string | undefined): Promise<string | undefined> {
	try {
		return await resolveModelFile(ref, {...(directory == null ? {} : {directory}), cli: false, download: false});
	} catch (error) {
		if (/Invalid Hugging Face URI/i.test(oneLine(error))) throw badUri(ref);
		return undefined;
	}
}

/** The origin the lookup talks to first (node-llama-cpp's default Hugging Face endpoint for `hf:`). */
function serverOf(ref: string): string {
	return /^https?:\/\//i.test(ref) ? new URL(ref).origin : 'https://huggingface.co';
}

async function probeServer(ref: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
	const server = serverOf(ref);
	const timeout = AbortSignal.timeout(timeoutMs);
	try {
		await fetch(server, {method: 'HEAD', redirect: 'manual', signal: signal == null ? timeout : AbortSignal.any([signal, timeout])});
	} catch (error) {
		if (signal?.aborted) throw new EngineAbortedError('resolving the model');
		if (timeout.aborted) throw new NetworkError(ref, `${server} did not answer`, timeoutMs);
		const cause = (error as {cause?: unknown}).cause;
		throw new NetworkError(ref, `${server} is unreachable (${oneLine(cause ?? error)})`);
	}
}

function badUri(ref: string): BadModelRefError {
	return new BadModelRefError(ref, HF_EXPECTED);
}

async function resolveWithWatchdog(ref: string, timeoutMs: number, options: ResolveRemoteOptions): Promise<string> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const arm = (): void => {
		clearTimeout(timer);
		timer = setTimeout(() => controller.abort(new Stalled()), timeoutMs);
	};
	const onCallerAbort = (): void => controller.abort(options.signal?.reason);
	options.signal?.addEventListener('abort', onCallerAbort, {once: true});
	const gaveUp = new Promise<never>((_, reject) => {
		controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {once: true});
	});
	gaveUp.catch(() => undefined);
	arm();
	const work = resolveModelFile(ref, {
		...(options.directory == null ? {} : {directory: options.directory}),
		cli: false,
		signal: controller.signal,
		onProgress: ({downloadedSize, totalSize}) => {
			arm();
			options.onProgress?.(downloadedSize, totalSize);
		},
	});
	work.catch(() => undefined);
	try {
		return await Promise.race([work, gaveUp]);
	} catch (error) {
		if (error instanceof Stalled) throw new NetworkError(ref, 'no network, or the server did not answer', timeoutMs);
		if (options.signal?.aborted) throw new EngineAbortedError('resolving the model');
		const message = oneLine(error);
		if (/Invalid Hugging Face URI/i.test(message)) throw badUri(ref);
		throw new NetworkError(ref, message);
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', onCallerAbort);
		if (!controller.signal.aborted) controller.abort(new Stalled());
	}
}
