import {describe, expect, it} from 'vitest';
import {parseFlags} from '../../src/cli/args.js';
import {argvOf} from '../../src/cli/commands/detach.js';
import {RUN_FLAGS} from '../../src/cli/commands/run.js';
import {UsageError} from '../../src/cli/errors.js';
import {parseDuration, soakPlanOf} from '../../src/cli/soak-flags.js';
import {runInProcess} from './in-process.js';

describe('parseDuration', () => {
	it.each([
		['90s', 90_000],
		['30m', 1_800_000],
		['2h', 7_200_000],
		['1h30m', 5_400_000],
		['1.5h', 5_400_000],
		['500ms', 500],
		['1d', 86_400_000],
		['3', 3000],
		[' 2H ', 7_200_000],
		['0s', 0],
	])('%s = %d ms', (text, ms) => {
		expect(parseDuration(text)).toBe(ms);
	});

	it.each(['', 'soon', '2 h', '2x', 'h', '-5s', '1h-30m', '1e3s', '2h!'])('%j is not a duration', (text) => {
		expect(parseDuration(text)).toBeNaN();
	});
});

describe('soakPlanOf', () => {
	const plan = (argv: string[]) => soakPlanOf(parseFlags(argv, RUN_FLAGS, 0).flags);

	it('reads --repeat and --duration', () => {
		expect(plan([])).toEqual({});
		expect(plan(['--repeat', '3'])).toEqual({repeat: 3});
		expect(plan(['--duration', '2h'])).toEqual({durationMs: 7_200_000});
	});

	it.each([
		[['--repeat', '2', '--duration', '3s'], '--repeat and --duration cannot be used together'],
		[['--duration', 'soon'], "--duration must be a time such as 90s, 30m, 2h or 1h30m; got 'soon'"],
		[['--duration', '0s'], "--duration must be more than 0; got '0s'"],
		[['--duration', '31d'], "--duration must be at most 30 days; got '31d'"],
	])('refuses %j', (argv, message) => {
		expect(() => plan(argv)).toThrow(UsageError);
		expect(() => plan(argv)).toThrow(message);
	});

	it.each([
		[['--repeat', '0'], '--repeat must be >= 1; got 0'],
		[['--repeat', '1.5'], "--repeat must be an integer; got '1.5'"],
		[['--repeat'], 'needs a value'],
		[['--duration'], 'needs a value'],
	])('the flag parser refuses %j', (argv, message) => {
		expect(() => parseFlags(argv, RUN_FLAGS, 0)).toThrow(message);
	});
});

describe('a detached soak', () => {
	it.each([
		[['--repeat', '20'], {repeat: 20}],
		[['--duration', '1h30m'], {durationMs: 5_400_000}],
	])('%j reaches the background run unchanged', (soak, expected) => {
		const parsed = parseFlags(['--model', 'synthetic:tiny', '--detach', ...soak], RUN_FLAGS, 0);
		expect(soakPlanOf(parseFlags(argvOf(parsed.flags), RUN_FLAGS, 0).flags)).toEqual(expected);
	});
});

describe('llmtop run with a bad soak', () => {
	it.each([
		[['--repeat', '2', '--duration', '3s'], /^llmtop: --repeat and --duration cannot be used together/],
		[['--duration', '3 s'], /^llmtop: --duration must be a time such as/],
		[['--repeat', '0'], /^llmtop: --repeat must be >= 1; got 0/],
		[['--duration'], /needs a value/],
		// Refused before anything is started in the background.
		[['--detach', '--repeat', '2', '--duration', '3s'], /^llmtop: --repeat and --duration cannot be used together/],
	])('%j: one line on stderr, exit 2', async (argv, message) => {
		const result = await runInProcess(['run', '--model', 'synthetic:tiny', '--suite', 'smoke', ...argv]);
		expect(result.code).toBe(2);
		expect(result.stderr).toHaveLength(1);
		expect(result.stderr[0]).toMatch(message);
		expect(result.stdout).toEqual([]);
	});
});
