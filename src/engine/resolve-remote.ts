import {resolveModelFile} from 'node-llama-cpp';
import {BadModelRefError, EngineAbortedError, NetworkError, oneLine} from './errors.js';

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
 * `resolveModelFile` (a file already downloaded is found without network).
 * Never waits forever: without progress for `timeoutMs` it rejects with
 * {@link NetworkError}, even if the lookup underneath has not returned.
 *
 * @throws BadModelRefError, NetworkError, EngineAbortedError
 */
export async function resolveRemoteModel(ref: string, options: ResolveRemoteOptions = {}): Promise<string> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS;
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const arm = (): void => {
		clearTimeout(timer);
		timer = setTimeout(() => controller.abort(new Stalled()), timeoutMs);
	};
	const onCallerAbort = (): void => controller.abort(options.signal?.reason);
	if (options.signal?.aborted) throw new EngineAbortedError('resolving the model');
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
		if (/Invalid Hugging Face URI/i.test(message)) {
			throw new BadModelRefError(ref, '"hf:OWNER/REPO[:QUANT]" or "hf:OWNER/REPO/FILE.gguf[#BRANCH]"');
		}
		throw new NetworkError(ref, message);
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', onCallerAbort);
		if (!controller.signal.aborted) controller.abort(new Stalled());
	}
}
