import {describe, expect, it} from 'vitest';
import {formatFlags, parseFlags, parseSize} from '../../src/cli/args.js';
import {UsageError} from '../../src/cli/errors.js';
import {RUN_FLAGS} from '../../src/cli/commands/run.js';

describe('parseFlags', () => {
	it('reads typed values', () => {
		const {flags, positionals} = parseFlags(['--threads', '3', '--top-p', '0.9', '--tags', 'a, b', '--headless', 'x'], RUN_FLAGS, 1);
		expect(flags).toEqual({threads: 3, 'top-p': 0.9, tags: ['a', 'b'], headless: true});
		expect(positionals).toEqual(['x']);
	});

	it.each([
		[['--threads', '0'], '--threads must be >= 1; got 0'],
		[['--threads', '-2'], '--threads must be >= 1; got -2'],
		[['--threads', '1.5'], "--threads must be an integer; got '1.5'"],
		[['--threads', 'many'], "--threads must be an integer; got 'many'"],
		[['--top-p', '2'], '--top-p must be <= 1; got 2'],
		[['--bogus'], "unknown option '--bogus'"],
		[['--model'], "option '-m, --model <value>' needs a value"],
		[['--build', 'fast'], "--build must be one of prebuilt, local, auto; got 'fast'"],
		[['a', 'b'], "unexpected argument 'b'"],
	])('rejects %j', (argv, message) => {
		expect(() => parseFlags(argv, RUN_FLAGS, 1)).toThrow(UsageError);
		expect(() => parseFlags(argv, RUN_FLAGS, 1)).toThrow(message);
	});
});

describe('parseSize', () => {
	it.each([
		['6GiB', 6 * 1024 ** 3],
		['512MB', 512e6],
		['1024', 1024],
		['1.5kib', 1536],
		['6 GiB', 6 * 1024 ** 3],
	])('%s', (text, bytes) => expect(parseSize(text)).toBe(bytes));

	it.each(['', 'GiB', '6XB', '-1GiB'])('rejects %j', (text) => expect(parseSize(text)).toBeNaN());
});

describe('llama.cpp spellings (issue 15 item 8)', () => {
	it('reads -m -t -c -b -n -s -ngl as llama.cpp spells them', () => {
		const argv = ['-m', 'x.gguf', '-t', '2', '-c', '512', '-b', '64', '-n', '16', '-s', '7', '-ngl', '0'];
		expect(parseFlags(argv, RUN_FLAGS, 0).flags).toEqual({
			model: 'x.gguf',
			threads: 2,
			'context-size': 512,
			'batch-size': 64,
			'max-tokens': 16,
			seed: 7,
			'gpu-layers': 0,
		});
	});

	it('reads -ngl=N and --no-color', () => {
		expect(parseFlags(['-ngl=3', '--no-color'], RUN_FLAGS, 0).flags).toEqual({'gpu-layers': 3, 'no-color': true});
	});

	it('checks a short flag by its long name', () => {
		expect(() => parseFlags(['-t', '-2'], RUN_FLAGS, 0)).toThrow('--threads must be >= 1; got -2');
		expect(() => parseFlags(['-t', 'x'], RUN_FLAGS, 0)).toThrow("--threads must be an integer; got 'x'");
	});

	it('lists the short spellings in --help', () => {
		const help = formatFlags(RUN_FLAGS);
		expect(help).toContain('-m, --model REF');
		expect(help).toContain('-ngl, --gpu-layers N');
		expect(help).toContain('--no-color');
	});
});
