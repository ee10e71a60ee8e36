import fs from 'node:fs';

/**
 * The Linux thread id of the calling thread (from `/proc/thread-self`), e.g.
 * for a worker thread to tell the sampler it is an observer thread;
 * undefined elsewhere.
 */
export function currentThreadId(): number | undefined {
	try {
		const link = fs.readlinkSync('/proc/thread-self');
		const tid = Number(link.slice(link.lastIndexOf('/') + 1));
		return Number.isInteger(tid) && tid > 0 ? tid : undefined;
	} catch {
		return undefined;
	}
}
