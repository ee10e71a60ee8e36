import {parseDocument} from 'yaml';
import {describe, expect, it} from 'vitest';
import {checkYamlLimits, YAML_LIMITS} from '../../src/run/yaml-limits.js';
import {aliasBomb} from '../helpers/alias-bomb.js';

const check = (text: string) => checkYamlLimits(parseDocument(text));

describe('YAML limits', () => {
	it.each([
		['no aliases', 'a: [1, 2, 3]\nb: {c: d}\n'],
		['a few small aliases', 'base: &b {max: 2}\none: *b\ntwo: *b\n'],
		['an empty document', ''],
		[
			'aliases that add exactly the bound',
			`big: &b [${Array<number>(YAML_LIMITS.expansion / 2)
				.fill(1)
				.join(',')}]\nx: *b\ny: *b\n`,
		],
	])('accepts %s', (_name, text) => {
		expect(check(text)).toBeUndefined();
	});

	it('refuses a billion laughs with fewer aliases than the count bound, at the largest alias', () => {
		const text = aliasBomb(9, 10);
		expect(text.match(/\*l/g)?.length).toBeLessThan(YAML_LIMITS.aliases);
		const issue = check(text);
		expect(issue?.message).toMatch(/YAML aliases \(\*name\) expand to more than 10000 values \(an alias bomb\)/);
		expect(text.slice(issue?.offset).startsWith('*l8')).toBe(true);
	});

	it('refuses a 2-wide bomb of 50 levels (2^50 values) without building it', () => {
		expect(check(aliasBomb(50, 2))?.message).toMatch(/alias bomb/);
	});

	it('refuses one value past the expansion bound', () => {
		const text = `big: &b [${Array<number>(YAML_LIMITS.expansion / 2)
			.fill(1)
			.join(',')}]\nx: *b\ny: *b\nz: *b\n`;
		expect(check(text)?.message).toMatch(/alias bomb/);
	});

	it('refuses more aliases than the count bound and nesting deeper than the depth bound', () => {
		const many = ['x: &a [1]', ...Array.from({length: YAML_LIMITS.aliases + 1}, (_, i) => `y${i}: *a`)].join('\n');
		expect(check(many)?.message).toMatch(/uses more than 100 YAML aliases/);
		expect(check(`a: ${'['.repeat(70)}${']'.repeat(70)}\n`)?.message).toMatch(/nested more than 64 levels deep/);
	});
});
