import {describe, expect, it} from 'vitest';
import {findDuplicateKey} from '../../src/suite/json-duplicates.js';
import {SuiteError, lengthFactor, regexLiteral, scorePrompt} from '../../src/suite/index.js';
import {promptWithChecks, suiteFrom, thrown} from './helpers.js';

const score = (checks: string, response: string): number => scorePrompt(promptWithChecks(checks), response).score;

describe('json: duplicate keys', () => {
	it.each([
		['{"a": 1, "b": 2}', undefined],
		['{"a": 1, "a": 2}', 'a'],
		['{"x": {"ips": [], "ips": []}}', 'x.ips'],
		['[{"a": 1}, {"a": 2}]', undefined],
		['{"a": {"k": 1}, "b": {"k": 2}}', undefined],
		['{"a": "\\"a\\": 1", "b": 2}', undefined],
		['{"a\\u0062": 1, "ab": 2}', 'ab'],
		['{}', undefined],
	])('%s -> %s', (text, expected) => {
		expect(findDuplicateKey(text)).toBe(expected);
	});

	it('an answer that repeats a key to cover several values meets neither the json check nor its fields', () => {
		const checks = "- json: strict\n  required: [a]\n  fields:\n    a: 'T1543\\.004'";
		expect(score(checks, '{"a": "T1543.004"}')).toBe(1);
		const result = scorePrompt(promptWithChecks(checks), '{"a": "T1543.001", "a": "T1543.004"}');
		expect(result.score).toBe(0);
		expect(result.checks[0]?.detail).toBe('the JSON repeats the key "a"');
	});
});

describe('json: fields by key path', () => {
	const checks = `
		- json: strict
		  required: [technique, iocs]
		  only: true
		  fields:
		    technique: 'T1543\\.004'
		    iocs.ips: '203\\.0\\.113\\.\\d+'
	`;

	it.each([
		['right', '{"technique": "T1543.004", "iocs": {"ips": ["203.0.113.7", "203.0.113.8"]}}', 1],
		['case is ignored', '{"technique": "t1543.004", "iocs": {"ips": ["203.0.113.7"]}}', 1],
		['the whole value must match', '{"technique": "T1543.004 or T1543.001", "iocs": {"ips": ["203.0.113.7"]}}', 2 / 3],
		['every item of a list must match: a list of candidates is no answer', '{"technique": "T1543.004", "iocs": {"ips": ["203.0.113.7", "10.0.0.1"]}}', 2 / 3],
		['an empty list is no answer', '{"technique": "T1543.004", "iocs": {"ips": []}}', 2 / 3],
		['a value in the wrong key', '{"technique": "203.0.113.7", "iocs": {"ips": ["T1543.004"]}}', 1 / 3],
		['a catch-all object is not the answer asked for', '{"technique": "T1543.004", "iocs": {"ips": ["203.0.113.7"]}, "a": "T1047"}', 0],
		['prose around it: the json check fails, the fields still count', 'Here: {"technique": "T1543.004", "iocs": {"ips": ["203.0.113.7"]}}', 2 / 3],
		['the ID in prose only', 'technique T1543.004, IP 203.0.113.7', 0],
	])('%s', (_name, response, expected) => {
		expect(score(checks, response)).toBeCloseTo(expected, 12);
	});

	it('a number is read as JSON writes it', () => {
		expect(score("- json: strict\n  fields:\n    a: '10'", '{"a": 10}')).toBe(1);
		expect(score("- json: strict\n  fields:\n    a: '10'", '{"a": 100}')).toBe(0.5);
	});

	it('rejects a bad pattern, an empty key path and only without required', () => {
		expect(thrown(() => promptWithChecks("- json: strict\n  fields:\n    a: '('")).message).toMatch(/bad pattern of field "a"/);
		expect(thrown(() => promptWithChecks("- json: strict\n  fields:\n    a..b: 'x'")).message).toMatch(/key path/);
		expect(thrown(() => promptWithChecks('- json: strict\n  only: true')).message).toMatch(/only needs required/);
	});
});

describe('not: a guard, not a reward', () => {
	const checks = "- regex: 'T1543\\.001'\n- not: [T1543.004]";

	it.each([
		['right', 'T1543.001', 1],
		['right and wrong', 'T1543.001 or T1543.004', 0.5],
		['off-topic: the guard alone earns nothing', 'I like turtles', 0],
		['wrong only', 'T1543.004', 0],
	])('%s', (_name, response, expected) => {
		expect(score(checks, response)).toBe(expected);
	});
});

describe('length: answers far longer than asked lose credit', () => {
	it.each([
		[10, undefined, 1],
		[100, 100, 1],
		[200, 100, 0.5],
		[1000, 100, 0.1],
		[0, 100, 1],
	])('%d characters, maxChars %s -> x%d', (length, maxChars, expected) => {
		expect(lengthFactor(length, maxChars)).toBe(expected);
	});

	it('maxChars defaults to 3 times the reference answer (at least 120), and a long answer says why it lost', () => {
		const reference = 'T1047, because WmiPrvSE.exe started cmd.exe with output redirected to the ADMIN$ share, as wmiexec does.';
		const suite = suiteFrom(`name: t\nprompts:\n  - id: p\n    prompt: q\n    reference: "${reference}"\n    checks: [{contains: T1047}]\n`);
		const prompt = suite.prompts[0]!;
		expect(prompt.maxChars).toBe(3 * reference.length);
		const long = `T1047 ${'x'.repeat(2 * prompt.maxChars! - 6)}`;
		const result = scorePrompt(prompt, long);
		expect(result.score).toBeCloseTo(0.5, 12);
		expect(result.lengthFactor).toBeCloseTo(0.5, 12);
		expect(result.checks.at(-1)).toMatchObject({kind: 'length', weight: 0, passed: false});
		expect(suiteFrom('name: t\nprompts:\n  - id: p\n    prompt: q\n    reference: "42"\n    checks: [{contains: "42"}]\n').prompts[0]?.maxChars).toBe(120);
	});
});

describe('reference answers and the artifact', () => {
	it('a reference answer that does not score 1 stops the suite from loading, naming what it misses', () => {
		const error = thrown(() => suiteFrom('name: t\nprompts:\n  - id: p\n    prompt: q\n    reference: T1047\n    checks: [{contains: T1059}]\n', 'r.yaml'));
		expect(error).toBeInstanceOf(SuiteError);
		expect(error.message).toBe('r.yaml:5: the reference answer of prompt "p" scores 0.00, not 1; not met: contains "T1059" (none found)');
	});

	it("warns about a check the prompt's own text meets", () => {
		const suite = suiteFrom(
			'name: t\nprompts:\n  - id: p\n    prompt: "Account CORP\\\\jdoe cleared the log"\n    checks:\n      - icontains: jdoe\n      - regex: T1070\n',
		);
		expect(suite.warnings).toEqual([{line: 6, message: expect.stringMatching(/^prompt "p": "contains "jdoe" \(any case\)" is met by the prompt's own text/)}]);
	});
});

describe('regexLiteral: what the value dump writes for a regex', () => {
	it.each([
		['T1218\\.005', 'T1218.005'],
		['T1110(?:\\.001)?(?!\\.?\\d)', 'T1110.001'],
		['type\\W{0,3}3\\b', 'type 3'],
		['1\\W+T1105\\b', '1 T1105'],
		['crontab\\s+(?:-u\\s+www-data\\s+-l|-l\\s+-u\\s+www-data)', 'crontab -u www-data -l'],
		['^\\W*42\\W*$', '42'],
		['(?=.*success)(?!.*fail).{1,40}', ''],
	])('%s -> %s', (pattern, expected) => {
		expect(regexLiteral(pattern)).toBe(expected);
	});
});
