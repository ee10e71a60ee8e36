import {describe, expect, it} from 'vitest';
import {parseSuite} from '../../src/suite/load.js';
import {testRegex} from '../../src/suite/regex-runner.js';
import {SuiteError} from '../../src/suite/errors.js';
import {aliasBomb} from '../helpers/alias-bomb.js';

describe('suite regexes run with a time bound', () => {
	it('stops catastrophic backtracking and says so; ordinary patterns (lookaheads too) answer', () => {
		expect(testRegex('^(a+)+$', '', `${'a'.repeat(40)}b`, 100)).toBe('timeout');
		expect(testRegex('^(?=.*paris)', 'i', 'It is Paris.')).toBe('match');
		expect(testRegex('\\d{3}', '', 'no digits')).toBe('no-match');
	});
});

describe('YAML limits', () => {
	it('refuses deep nesting with one line instead of a stack overflow', () => {
		const deep = `prompts:\n  - ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
		expect(() => parseSuite(deep, 'deep.yaml')).toThrow(SuiteError);
		expect(() => parseSuite(deep, 'deep.yaml')).toThrow(/nested (too deeply|more than 64 levels)/);
	});

	it('refuses more than 100 aliases (resolution is quadratic)', () => {
		const lines = ['x: &a0 [1, 2]'];
		for (let i = 1; i <= 120; i++) lines.push(`y${i}: &a${i} [*a${i - 1}]`);
		expect(() => parseSuite(`${lines.join('\n')}\n`, 'alias.yaml')).toThrow(/uses more than 100 YAML aliases/);
	});

	it('refuses a billion laughs that stays under the alias count, before validating, at its line', () => {
		const suite = `name: laughs\ndescription: x\nprompts:\n  - id: a\n    prompt: hi\n    checks: [{contains: hi}]\n${aliasBomb(9, 10)}`;
		expect(() => parseSuite(suite, 'laughs.yaml')).toThrow(/^laughs\.yaml:16: YAML aliases \(\*name\) expand to more than 10000 values \(an alias bomb\)/);
	});
});
