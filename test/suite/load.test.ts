import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loadSuite, parseSuite, PromptSelectionError, SuiteError} from '../../src/suite/index.js';
import {thrown} from './helpers.js';

/** The SuiteError that parsing `yaml` throws. */
function errorOf(yaml: string): SuiteError {
	const error = thrown(() => parseSuite(yaml, 'bad.yaml'));
	expect(error).toBeInstanceOf(SuiteError);
	return error as SuiteError;
}

const GOOD = `name: demo
description: A demo suite
system: Be brief.
defaults:
  maxTokens: 64
  temperature: 0.2
prompts:
  - id: one
    prompt: Is this bad?
    tags: [Windows, decision]
    weight: 2
    maxTokens: 32
    checks:
      - one-of: [allow, block]
        expect: BLOCK
      - icontains: reason
`;

describe('parseSuite: a valid suite', () => {
	it('reads every field with defaults filled in', () => {
		expect(parseSuite(GOOD, 'demo.yaml')).toEqual({
			name: 'demo',
			description: 'A demo suite',
			path: 'demo.yaml',
			warnings: [],
			system: 'Be brief.',
			defaults: {maxTokens: 64, temperature: 0.2},
			prompts: [
				{
					id: 'one',
					prompt: 'Is this bad?',
					tags: ['windows', 'decision'],
					weight: 2,
					maxTokens: 32,
					checks: [
						{kind: 'one-of', labels: ['allow', 'block'], expect: 'block', at: 'first-line', weight: 1},
						{kind: 'icontains', values: ['reason'], mode: 'any', weight: 1},
					],
				},
			],
		});
	});

	it('needs only name and prompts[].id/prompt/checks', () => {
		const suite = parseSuite('name: n\nprompts:\n  - id: a\n    prompt: p\n    checks: [{contains: x}]\n', 'min.yaml');
		expect(suite).toMatchObject({name: 'n', defaults: {}, prompts: [{id: 'a', prompt: 'p', tags: [], weight: 1}]});
		expect(suite.system).toBeUndefined();
	});

	it('follows YAML anchors', () => {
		const suite = parseSuite(
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks: &c [{contains: x}]\n  - id: b\n    prompt: q\n    checks: *c\n',
			'a.yaml',
		);
		expect(suite.prompts[1]?.checks).toEqual([{kind: 'contains', values: ['x'], mode: 'any', weight: 1}]);
	});
});

describe('parseSuite: errors name the file and line', () => {
	it.each([
		[
			'unknown top-level key',
			'name: n\nsytem: be brief\nprompts:\n  - id: a\n    prompt: p\n    checks: [{contains: x}]\n',
			2,
			'unknown key "sytem" in the suite (did you mean "system"?)',
		],
		[
			'unknown key in defaults',
			'name: n\ndefaults:\n  max_tokens: 5\nprompts:\n  - id: a\n    prompt: p\n    checks: [{contains: x}]\n',
			3,
			'unknown key "max_tokens" in defaults (did you mean "maxTokens"?)',
		],
		[
			'unknown key in a prompt',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    tag: [x]\n    checks: [{contains: x}]\n',
			5,
			'unknown key "tag" in prompt #1',
		],
		[
			'unknown key in a check',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - contains: x\n        weigth: 2\n',
			7,
			'unknown key "weigth" in a check of prompt "a" (did you mean "weight"?)',
		],
		[
			'modifier of another check type',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - contains: x\n        flags: i\n',
			7,
			'"flags" does not apply to a contains check',
		],
		['empty prompt text', 'name: n\nprompts:\n  - id: a\n    prompt: "  "\n    checks: [{contains: x}]\n', 4, 'the text of prompt "a" is empty'],
		['null prompt text', 'name: n\nprompts:\n  - id: a\n    prompt:\n    checks: [{contains: x}]\n', 4, 'the text of prompt "a" is empty'],
		['missing prompt text', 'name: n\nprompts:\n  - id: a\n    checks: [{contains: x}]\n', 3, 'prompt "a" is missing "prompt"'],
		['missing id', 'name: n\nprompts:\n  - prompt: p\n    checks: [{contains: x}]\n', 3, 'prompt #1 is missing "id"'],
		['bad id', 'name: n\nprompts:\n  - id: has space\n    prompt: p\n    checks: [{contains: x}]\n', 3, 'prompt id "has space" may only use'],
		[
			'bad regex',
			"name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - icontains: x\n      - regex: 'T1059(\\.001'\n",
			7,
			'bad regex: Invalid regular expression',
		],
		['bad regex flag', "name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - regex: 'x'\n        flags: ig\n", 7, 'bad regex flag "g"'],
		[
			'duplicate ids',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks: [{contains: x}]\n  - id: b\n    prompt: p\n    checks: [{contains: x}]\n  - id: a\n    prompt: q\n    checks: [{contains: y}]\n',
			9,
			'duplicate prompt id "a" (first used at line 3)',
		],
		['check without values', 'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - icontains: []\n', 6, 'icontains has no values'],
		['check with no value', 'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - not:\n      - contains: x\n', 6, 'not has no values'],
		['check with an empty string', 'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - contains: [x, ""]\n', 6, 'a value of contains is empty'],
		['check with no type', 'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - weight: 2\n', 6, 'names no check type'],
		[
			'check with two types',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - contains: x\n        regex: y\n',
			6,
			'has two types, "contains" and "regex"',
		],
		['prompt with no checks', 'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks: []\n', 5, 'prompt "a" has no checks'],
		['prompt missing checks', 'name: n\nprompts:\n  - id: a\n    prompt: p\n', 3, 'prompt "a" is missing "checks"'],
		[
			'only negative checks',
			"name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - not: BLOCK\n      - regex: '^(?!.*ALLOW)'\n",
			5,
			'has only negative checks',
		],
		['suite with no prompts', 'name: n\nprompts: []\n', 2, 'the suite has no prompts'],
		['suite missing prompts', 'name: n\ndescription: d\n', 1, 'the suite has no prompts (missing "prompts")'],
		['missing name', 'prompts:\n  - id: a\n    prompt: p\n    checks: [{contains: x}]\n', 1, 'the suite is missing "name"'],
		['wrong type: name', 'name: [a]\nprompts:\n  - id: a\n    prompt: p\n    checks: [{contains: x}]\n', 1, 'name must be a string, got a list'],
		['wrong type: prompts', 'name: n\nprompts:\n  id: a\n', 2, 'prompts must be a list, got a mapping'],
		['wrong type: a prompt', 'name: n\nprompts:\n  - just text\n', 3, 'prompt #1 must be a mapping'],
		[
			'wrong type: number value',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - icontains: [4624]\n',
			6,
			'a value of icontains must be a string, got number 4624 (quote it to make it a string)',
		],
		[
			'wrong type: weight',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    weight: heavy\n    checks: [{contains: x}]\n',
			5,
			'weight of prompt "a" must be a number, got a string',
		],
		[
			'zero weight',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - contains: x\n        weight: 0\n',
			7,
			'check weight must be greater than 0',
		],
		['fractional maxTokens', 'name: n\ndefaults:\n  maxTokens: 1.5\nprompts: []\n', 3, 'defaults.maxTokens must be a whole number'],
		['negative temperature', 'name: n\ndefaults:\n  temperature: -1\nprompts: []\n', 3, 'defaults.temperature must be at least 0'],
		[
			'bad mode',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - icontains: [x, y]\n        mode: both\n',
			7,
			'mode must be one of any, all, got "both"',
		],
		[
			'bad json mode',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - json: loose\n',
			6,
			'json must be true or one of strict, fenced, embedded',
		],
		['one-of with one label', 'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - one-of: [BLOCK]\n', 6, 'one-of needs at least two labels'],
		[
			'one-of expect not a label',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - one-of: [ALLOW, BLOCK]\n        expect: DENY\n',
			7,
			'expect "DENY" is not one of the labels',
		],
		[
			'tag with a comma',
			'name: n\nprompts:\n  - id: a\n    prompt: p\n    tags: ["a,b"]\n    checks: [{contains: x}]\n',
			5,
			'must not contain spaces or commas',
		],
		['YAML syntax error', 'name: n\nprompts:\n  - id: a\n    prompt: "unterminated\n', 4, 'YAML syntax error'],
		['YAML duplicate key', 'name: n\nprompts:\n  - id: a\n    prompt: p\n    prompt: q\n', 5, 'YAML syntax error: Map keys must be unique'],
		['YAML tab indentation', 'name: n\nprompts:\n\t- id: a\n', 3, 'YAML syntax error'],
		['empty file', '', 1, 'the suite is empty'],
		['comments only', '# nothing\n', 1, 'the suite is empty'],
		['not a mapping', '- a\n- b\n', 1, 'the suite must be a mapping'],
	])('%s', (_name, yaml, line, message) => {
		const error = errorOf(yaml);
		expect(error.line).toBe(line);
		expect(error.message.startsWith(`bad.yaml:${line}: `)).toBe(true);
		expect(error.message).toContain(message);
		expect(error.message).not.toContain('\n');
	});

	it('collects every issue in file order; the message names the first', () => {
		const error = errorOf('name: n\nbogus: 1\nprompts:\n  - id: a\n    prompt: ""\n    checks: [{regex: "("}]\n');
		expect(error.message).toBe('bad.yaml:2: unknown key "bogus" in the suite; allowed: name, description, system, defaults, prompts');
		expect(error.issues.map((issue) => issue.line)).toEqual([2, 5, 6]);
	});
});

describe('loadSuite: files', () => {
	const dir = mkdtempSync(join(tmpdir(), 'llmtop-suite-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	it('loads a file and keeps its path', () => {
		const path = join(dir, 'ok.yaml');
		writeFileSync(path, GOOD);
		expect(loadSuite(path)).toMatchObject({name: 'demo', path});
	});

	it('a missing file is a SuiteError without a line', () => {
		const path = join(dir, 'nope.yaml');
		const error = thrown(() => loadSuite(path)) as SuiteError;
		expect(error).toBeInstanceOf(SuiteError);
		expect(error).not.toBeInstanceOf(PromptSelectionError);
		expect(error.message).toBe(`${path}: no such suite file`);
		expect(error.line).toBeUndefined();
	});

	it('a directory is a SuiteError', () => {
		expect(thrown(() => loadSuite(dir)).message).toBe(`${dir}: is a directory, not a suite file`);
	});

	it('errors in a file carry its path and line', () => {
		const path = join(dir, 'bad.yaml');
		writeFileSync(path, 'name: n\nprompts:\n  - id: a\n    prompt: p\n    checks:\n      - regex: "[z-a]"\n');
		const error = thrown(() => loadSuite(path)) as SuiteError;
		expect(error.name).toBe('SuiteError');
		expect(error.file).toBe(path);
		expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6: bad regex: `));
	});
});
