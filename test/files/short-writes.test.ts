import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';

// A fault-injecting seam beside the real /dev/full tests (test/e2e/reliability.test.ts):
// writeSync accepts at most 3 bytes per call, then nothing once `budget` bytes went through.
const state = vi.hoisted(() => ({budget: Infinity, written: 0}));
vi.mock('node:fs', async (importOriginal) => {
	const fs = await importOriginal<typeof import('node:fs')>();
	const writeSync = (fd: number, buffer: Uint8Array, offset = 0, length = buffer.length - offset): number => {
		const room = Math.min(3, length, state.budget - state.written);
		if (room <= 0) return 0;
		state.written += room;
		return fs.writeSync(fd, buffer, offset, room);
	};
	return {...fs, default: {...fs, writeSync}, writeSync};
});

const {writeFileAtomic} = await import('../../src/files/atomic-file.js');
const {FileError} = await import('../../src/files/errors.js');
const dir = mkdtempSync(join(tmpdir(), 'llmtop-short-'));

describe('writeFileAtomic on short writes', () => {
	it('loops until every byte is written', () => {
		state.budget = Infinity;
		const path = join(dir, 'whole.json');
		writeFileAtomic(path, 'a report of some length\n');
		expect(readFileSync(path, 'utf8')).toBe('a report of some length\n');
	});

	it('a disk that stops accepting bytes is ENOSPC, one FileError, and the old file stays', () => {
		const path = join(dir, 'old.json');
		state.budget = Infinity;
		writeFileAtomic(path, 'the good old report');
		state.written = 0;
		state.budget = 10;
		expect(() => writeFileAtomic(path, 'a new report that does not fit')).toThrow(FileError);
		expect(() => writeFileAtomic(path, 'a new report that does not fit')).toThrow(/no space left on the device \(ENOSPC\)/);
		expect(readFileSync(path, 'utf8')).toBe('the good old report');
	});
});
