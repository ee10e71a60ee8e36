import {describe, expect, it} from 'vitest';
import {CriteriaFileError} from '../../src/run/criteria-file-error.js';
import {applyCriteriaOverrides, loadCriteriaFile, parseCriteriaFile} from '../../src/run/criteria-file.js';
import {defaultCriteria} from '../../src/run/criteria.js';
import {parseSize} from '../../src/run/size.js';
import type {CriterionSpec} from '../../src/run/types.js';
import {aliasBomb} from '../helpers/alias-bomb.js';

const DESIGN_EXAMPLE = `criteria:
  idle-cpu:        { max: 2 }
  active-cpu-mean: { max: 35 }
  latency-p95:     { max: 2500 }
  rss-peak:        { max: 6GiB }
  latency-ratio:   { max: 2.0, exclusive: true }
  correctness:     { min: 0.8 }
  active-cpu-p99:  { enabled: false }
`;

function byId(specs: CriterionSpec[]): Record<string, CriterionSpec> {
	return Object.fromEntries(specs.map((spec) => [spec.id, spec]));
}

function load(text: string, file = 'limits.yaml'): CriterionSpec[] {
	return applyCriteriaOverrides(defaultCriteria(), parseCriteriaFile(text, file));
}

function errorOf(text: string, file = 'limits.yaml'): CriteriaFileError {
	try {
		load(text, file);
	} catch (error) {
		if (error instanceof CriteriaFileError) return error;
		throw error;
	}
	throw new Error('expected a CriteriaFileError');
}

describe('criteria file: valid', () => {
	it('reads the DESIGN.md example', () => {
		const specs = byId(load(DESIGN_EXAMPLE));
		expect(specs['rss-peak']?.threshold).toBe(6 * 1024 ** 3);
		expect(specs['latency-ratio']).toMatchObject({op: '<', threshold: 2});
		expect(specs['correctness']).toMatchObject({op: '>=', threshold: 0.8});
		expect(specs['active-cpu-p99']?.enabled).toBe(false);
		expect(specs['interactive-delay-p99']).toMatchObject({op: '<=', threshold: 10, enabled: true});
	});

	it('reads the same as JSON', () => {
		const json = JSON.stringify(
			{
				criteria: {'rss-peak': {max: '512MiB'}, 'idle-cpu': {max: 1.5, exclusive: true}, correctness: {enabled: false}},
			},
			null,
			2,
		);
		const specs = byId(load(json, 'limits.json'));
		expect(specs['rss-peak']?.threshold).toBe(512 * 1024 ** 2);
		expect(specs['idle-cpu']).toMatchObject({op: '<', threshold: 1.5});
		expect(specs['correctness']?.enabled).toBe(false);
	});

	it.each([
		{name: 'empty file', text: ''},
		{name: 'only a comment', text: '# nothing\n'},
		{name: 'criteria: null', text: 'criteria:\n'},
		{name: 'a criterion with no body', text: 'criteria:\n  idle-cpu:\n'},
	])('$name changes nothing', ({text}) => {
		expect(load(text)).toEqual(defaultCriteria());
	});

	it('exclusive: false makes a strict bound inclusive; min lower bounds become >', () => {
		const specs = byId(load('criteria:\n  latency-ratio: { exclusive: false }\n  correctness: { min: 0.5, exclusive: true }\n'));
		expect(specs['latency-ratio']?.op).toBe('<=');
		expect(specs['correctness']).toMatchObject({op: '>', threshold: 0.5});
	});

	it.each([
		['correctness: { min: 1 }', 1],
		['correctness: { min: 0 }', 0],
		['idle-cpu: { max: 100 }', 100],
		['latency-ratio: { max: 1 }', 1],
		['prompt-errors: { max: 3 }', 3],
	])('a bound at the edge of its range is allowed: %s', (line, threshold) => {
		const [override] = parseCriteriaFile(`criteria:\n  ${line}\n`, 'limits.yaml');
		expect(override?.threshold).toBe(threshold);
	});

	it('the range error says the range', () => {
		expect(errorOf('criteria:\n  correctness: { min: 80 }\n').message).toBe(
			'criteria file limits.yaml:2: criteria.correctness.min: must be between 0 and 1 (a score), got 80',
		);
	});

	it('a zero bound is allowed', () => {
		expect(byId(load('criteria:\n  idle-cpu: { max: 0 }\n'))['idle-cpu']?.threshold).toBe(0);
	});
});

describe('criteria file: errors name the file, the key and its line', () => {
	it.each([
		{
			name: 'unknown criterion id',
			text: 'criteria:\n  idle-cpu: { max: 2 }\n  idle-gpu: { max: 2 }\n',
			problem: 'unknown-id',
			line: 3,
			key: 'criteria.idle-gpu',
		},
		{
			name: 'unknown key in a criterion',
			text: 'criteria:\n  idle-cpu:\n    max: 2\n    maxx: 3\n',
			problem: 'unknown-key',
			line: 4,
			key: 'criteria.idle-cpu.maxx',
		},
		{
			name: 'min on an upper-bound criterion',
			text: 'criteria:\n  latency-p95: { min: 100 }\n',
			problem: 'unknown-key',
			line: 2,
			key: 'criteria.latency-p95.min',
		},
		{
			name: 'unknown top-level key',
			text: '# limits\ncriterias:\n  idle-cpu: { max: 2 }\n',
			problem: 'unknown-key',
			line: 2,
			key: 'criterias',
		},
		{
			name: 'wrong type: text for a number',
			text: 'criteria:\n  active-cpu-mean:\n    max: lots\n',
			problem: 'wrong-type',
			line: 3,
			key: 'criteria.active-cpu-mean.max',
		},
		{
			name: 'wrong type: a size for a non-size criterion',
			text: 'criteria:\n  latency-p95: { max: 6GiB }\n',
			problem: 'wrong-type',
			line: 2,
			key: 'criteria.latency-p95.max',
		},
		{
			name: 'wrong type: a malformed size',
			text: 'criteria:\n\n  rss-peak: { max: 6 gigs }\n',
			problem: 'wrong-type',
			line: 3,
			key: 'criteria.rss-peak.max',
		},
		{
			name: 'wrong type: enabled is not a boolean',
			text: 'criteria:\n  correctness: { enabled: "no" }\n',
			problem: 'wrong-type',
			line: 2,
			key: 'criteria.correctness.enabled',
		},
		{
			name: 'wrong type: exclusive is a number',
			text: 'criteria:\n  latency-ratio:\n    exclusive: 1\n',
			problem: 'wrong-type',
			line: 3,
			key: 'criteria.latency-ratio.exclusive',
		},
		{
			name: 'wrong type: criterion body is a number',
			text: 'criteria:\n  idle-cpu: 2\n',
			problem: 'wrong-type',
			line: 2,
			key: 'criteria.idle-cpu',
		},
		{
			name: 'wrong type: criteria is a list',
			text: 'criteria:\n  - idle-cpu\n',
			problem: 'wrong-type',
			line: 1,
			key: 'criteria',
		},
		{
			name: 'wrong type: the file is a list',
			text: '\n- criteria\n',
			problem: 'wrong-type',
			line: 2,
			key: null,
		},
		{
			name: 'wrong type: infinite bound',
			text: 'criteria:\n  idle-cpu: { max: .inf }\n',
			problem: 'wrong-type',
			line: 2,
			key: 'criteria.idle-cpu.max',
		},
		{
			name: 'negative bound',
			text: 'criteria:\n  idle-cpu: { max: 2 }\n  latency-p95: { max: -5 }\n',
			problem: 'negative-bound',
			line: 3,
			key: 'criteria.latency-p95.max',
		},
		{
			name: 'negative size',
			text: 'criteria:\n  rss-peak: { max: -6GiB }\n',
			problem: 'negative-bound',
			line: 2,
			key: 'criteria.rss-peak.max',
		},
		{
			name: 'out of range: correctness is a score in [0, 1], not a percentage (was accepted)',
			text: 'criteria:\n  idle-cpu: { max: 2 }\n  correctness: { min: 80 }\n',
			problem: 'out-of-range',
			line: 3,
			key: 'criteria.correctness.min',
		},
		{
			name: 'out of range: CPU above 100 % of the machine',
			text: 'criteria:\n  active-cpu-mean: { max: 150 }\n',
			problem: 'out-of-range',
			line: 2,
			key: 'criteria.active-cpu-mean.max',
		},
		{
			name: 'out of range: a p99/p50 ratio below 1 can never pass',
			text: 'criteria:\n  latency-ratio: { max: 0.5 }\n',
			problem: 'out-of-range',
			line: 2,
			key: 'criteria.latency-ratio.max',
		},
		{
			name: 'out of range: prompt-errors is a whole count',
			text: 'criteria:\n  prompt-errors: { max: 0.5 }\n',
			problem: 'out-of-range',
			line: 2,
			key: 'criteria.prompt-errors.max',
		},
		{
			name: 'malformed YAML',
			text: 'criteria:\n  idle-cpu: { max: 2\n  latency-p95: { max: 5 }\n',
			problem: 'malformed',
			line: 3,
			key: null,
		},
		{
			name: 'duplicate key',
			text: 'criteria:\n  idle-cpu: { max: 2 }\n  idle-cpu: { max: 3 }\n',
			problem: 'malformed',
			line: 3,
			key: null,
		},
	])('$name', ({text, problem, line, key}) => {
		const error = errorOf(text);
		expect(error).toBeInstanceOf(CriteriaFileError);
		expect(error.name).toBe('CriteriaFileError');
		expect(error.problem).toBe(problem);
		expect(error.line).toBe(line);
		expect(error.key).toBe(key);
		expect(error.file).toBe('limits.yaml');
		expect(error.message).toContain(`limits.yaml:${line}`);
		if (key) expect(error.message).toContain(key);
		expect(error.message).not.toContain('\n');
	});

	it.each([
		{name: 'trailing comma', text: '{\n  "criteria": {\n    "idle-cpu": {"max": 2},\n  }\n}\n', line: 4},
		{name: 'missing brace', text: '{\n  "criteria": {\n    "idle-cpu": {"max": 2}\n', line: 3},
		{name: 'missing comma', text: '{"criteria": {\n "idle-cpu": {"max": 2}\n "rss-peak": {"max": 1}}}', line: 3},
	])('malformed JSON: $name', ({text, line}) => {
		const error = errorOf(text, 'limits.json');
		expect(error.problem).toBe('malformed');
		expect(error.line).toBe(line);
		expect(error.message).toMatch(/^criteria file limits\.json:\d+: malformed JSON/);
	});

	it('a JSON key error has its line too', () => {
		const error = errorOf('{\n  "criteria": {\n    "idle-cpu": {"max": 2, "mx": 1}\n  }\n}\n', 'limits.json');
		expect(error).toMatchObject({problem: 'unknown-key', line: 3, key: 'criteria.idle-cpu.mx'});
	});

	it('missing file', () => {
		const missing = (): string => {
			throw Object.assign(new Error('ENOENT: no such file'), {code: 'ENOENT'});
		};
		expect(() => loadCriteriaFile('nope.yaml', missing)).toThrowError(
			new CriteriaFileError({file: 'nope.yaml', line: null, key: null, problem: 'missing', detail: 'file not found'}),
		);
		try {
			loadCriteriaFile('nope.yaml', missing);
		} catch (error) {
			expect(error).toMatchObject({problem: 'missing', line: null, message: 'criteria file nope.yaml: file not found'});
		}
	});

	it('a directory', () => {
		const directory = (): string => {
			throw Object.assign(new Error('EISDIR'), {code: 'EISDIR'});
		};
		expect(() => loadCriteriaFile('dir', directory)).toThrow(/dir: is a directory/);
	});

	it('an alias bomb (billion laughs) is refused before any key is read, at its line', () => {
		const error = errorOf(`criteria:\n  idle-cpu:\n    max: 2\n${aliasBomb(9, 10, '    ')}`, 'laughs.yaml');
		expect(error).toMatchObject({problem: 'malformed', line: 13, key: null});
		expect(error.message).toMatch(/^criteria file laughs\.yaml:13: YAML aliases \(\*name\) expand to more than 10000 values \(an alias bomb\)/);
	});

	it('nesting past the stack is one error, not a RangeError', () => {
		const error = errorOf(`criteria:\n  idle-cpu: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'deep.yaml');
		expect(error.message).toMatch(/^criteria file deep\.yaml(:\d+)?: nested (too deeply to read|more than 64 levels deep)/);
	});

	it('loadCriteriaFile applies to the given base', () => {
		const specs = loadCriteriaFile('x.yaml', () => 'criteria:\n  idle-cpu: { max: 3 }\n');
		expect(byId(specs)['idle-cpu']?.threshold).toBe(3);
	});
});

describe('parseSize', () => {
	it.each([
		['6GiB', 6 * 1024 ** 3],
		['6 gib', 6 * 1024 ** 3],
		['512MiB', 512 * 1024 ** 2],
		['1.5GB', 1.5e9],
		['100', 100],
		['100B', 100],
		['2TiB', 2 * 1024 ** 4],
		['6G', null],
		['-1GiB', null],
		['GiB', null],
		['', null],
	])('%s → %s', (text, bytes) => {
		expect(parseSize(text)).toBe(bytes);
	});
});
