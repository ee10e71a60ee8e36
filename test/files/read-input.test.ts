import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {FileError} from '../../src/files/errors.js';
import {findPathConflict} from '../../src/files/path-conflicts.js';
import {forEachLine, readTextInput, type LineRead} from '../../src/files/read-input.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-read-'));

describe('readTextInput', () => {
	it.each([
		['/dev/zero', 'is a character device, not a suite file'],
		['/dev/null', 'is a character device, not a suite file'],
		[dir, 'is a directory, not a suite file'],
		[join(dir, 'missing.yaml'), 'no such file'],
	])('%s: %s', (path, problem) => {
		expect(() => readTextInput(path, 'suite file', 1024)).toThrow(FileError);
		expect(() => readTextInput(path, 'suite file', 1024)).toThrow(`${path}: ${problem}`);
	});

	it('refuses a FIFO without blocking', () => {
		const fifo = join(dir, 'f');
		if (spawnSync('mkfifo', [fifo]).status !== 0) return console.log('mkfifo unavailable: FIFO case skipped');
		expect(() => readTextInput(fifo, 'report', 1024)).toThrow('is a FIFO (named pipe) or a pipe, not a report');
	});

	it('refuses a file over the cap and reads one under it', () => {
		const path = join(dir, 'big.txt');
		writeFileSync(path, 'x'.repeat(2048));
		expect(() => readTextInput(path, 'report', 1024)).toThrow(/larger than the 0.00 MiB a report may be/);
		expect(readTextInput(path, 'report', 4096)).toHaveLength(2048);
	});
});

describe('forEachLine', () => {
	it('streams lines, skips an over-long one with its length, passes an unterminated last line', () => {
		const path = join(dir, 'lines.jsonl');
		writeFileSync(path, `one\n${'y'.repeat(100)}\nthree\nfour`);
		const lines: LineRead[] = [];
		forEachLine(path, 'events file', 50, (line) => lines.push(line));
		expect(lines).toEqual([
			{line: 1, text: 'one'},
			{line: 2, tooLong: 100},
			{line: 3, text: 'three'},
			{line: 4, text: 'four', unterminated: true},
		]);
	});
});

describe('findPathConflict', () => {
	it('finds an output that is an input under another spelling, ignores devices and inputs read twice', () => {
		const model = join(dir, 'm.gguf');
		writeFileSync(model, 'x');
		expect(
			findPathConflict([
				{flag: '--model', path: model, role: 'input'},
				{flag: '--events', path: `${dir}/./m.gguf`, role: 'output'},
			]),
		).toMatch(/--events .* is the same file as --model/);
		expect(
			findPathConflict([
				{flag: '--report', path: join(dir, 'new.json'), role: 'output'},
				{flag: '--events', path: join(dir, 'new.json'), role: 'output'},
			]),
		).toMatch(/--report .* is the same file as --events/);
		expect(
			findPathConflict([
				{flag: '--report', path: '/dev/null', role: 'output'},
				{flag: '--events', path: '/dev/null', role: 'output'},
			]),
		).toBeUndefined();
		expect(
			findPathConflict([
				{flag: 'A', path: model, role: 'input'},
				{flag: 'B', path: model, role: 'input'},
			]),
		).toBeUndefined();
	});
});
