import {writeSync} from 'node:fs';

/**
 * Writes every byte of `data` to `fd`, looping on short writes (a nearly full
 * disk accepts part of a buffer and reports how much). A write that accepts
 * nothing is reported as ENOSPC instead of looping forever.
 */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
	const bytes = typeof data === 'string' ? Buffer.from(data) : data;
	let offset = 0;
	while (offset < bytes.length) {
		const written = writeSync(fd, bytes, offset, bytes.length - offset);
		if (written <= 0) throw Object.assign(new Error('no space left on device, write'), {code: 'ENOSPC'});
		offset += written;
	}
}
