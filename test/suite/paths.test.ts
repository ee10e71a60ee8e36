import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {builtinSuiteNames, builtinSuitePath, defaultSuitePath, packageRoot} from '../../src/suite/index.js';

describe('suite paths', () => {
	it('finds the package root holding package.json and prompts/', () => {
		expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true);
		expect(existsSync(join(packageRoot(), 'prompts'))).toBe(true);
	});

	it('the default suite is prompts/endpoint-security.yaml', () => {
		expect(defaultSuitePath()).toBe(join(packageRoot(), 'prompts', 'endpoint-security.yaml'));
		expect(existsSync(defaultSuitePath())).toBe(true);
	});

	it('resolves built-in suites by name', () => {
		expect(builtinSuitePath('smoke')).toBe(join(packageRoot(), 'prompts', 'smoke.yaml'));
		expect(builtinSuitePath('endpoint-security')).toBe(defaultSuitePath());
		expect(builtinSuitePath('nope')).toBeUndefined();
		expect(builtinSuitePath('../package')).toBeUndefined();
		expect(builtinSuiteNames()).toEqual(expect.arrayContaining(['endpoint-security', 'smoke']));
	});
});
