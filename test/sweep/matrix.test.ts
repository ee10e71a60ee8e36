import {describe, expect, it} from 'vitest';
import {configId, configLabel, modelName, normaliseConfig, variedLevers} from '../../src/sweep/config-id.js';
import {expandMatrix, MAX_CONFIGURATIONS, parseMatrixFile, SweepMatrixError} from '../../src/sweep/matrix.js';
import {aliasBomb} from '../helpers/alias-bomb.js';

describe('expandMatrix', () => {
	it('gives every combination, the first lever slowest, off = no cap', () => {
		expect(expandMatrix({model: ['a', 'b'], threads: ['1', '2'], 'cpu-cap': ['off', '35']})).toEqual([
			{model: 'a', threads: 1},
			{model: 'a', threads: 1, cpuCap: 35},
			{model: 'a', threads: 2},
			{model: 'a', threads: 2, cpuCap: 35},
			{model: 'b', threads: 1},
			{model: 'b', threads: 1, cpuCap: 35},
			{model: 'b', threads: 2},
			{model: 'b', threads: 2, cpuCap: 35},
		]);
	});

	it('keeps one of duplicate values', () => {
		expect(expandMatrix({model: ['a', 'a'], threads: [1, '1']})).toEqual([{model: 'a', threads: 1}]);
	});

	it('reads nice, batch and context sizes', () => {
		expect(expandMatrix({model: ['m'], nice: ['10', 'none'], 'batch-size': [64], 'context-size': [512]})).toEqual([
			{model: 'm', nice: 10, batchSize: 64, contextSize: 512},
			{model: 'm', batchSize: 64, contextSize: 512},
		]);
	});

	it.each([
		['no model', {threads: ['1']}, /no model/],
		['an empty list', {model: ['m'], threads: []}, /threads: the list is empty/],
		['threads 0', {model: ['m'], threads: ['0']}, /threads: '0' is not an integer from 1/],
		['fractional threads', {model: ['m'], threads: ['1.5']}, /threads: '1.5'/],
		['a cap above 100', {model: ['m'], 'cpu-cap': ['150']}, /cpu-cap: '150' is not a percentage/],
		['a word for a cap', {model: ['m'], 'cpu-cap': ['lots']}, /cpu-cap: 'lots'/],
		['nice 20', {model: ['m'], nice: ['20']}, /nice: '20'/],
		['an empty model', {model: ['  ']}, /model: an empty value/],
	] as const)('rejects %s', (_name, axes, message) => {
		expect(() => expandMatrix(axes)).toThrow(SweepMatrixError);
		expect(() => expandMatrix(axes)).toThrow(message);
	});

	it(`refuses more than ${MAX_CONFIGURATIONS} configurations`, () => {
		const many = Array.from({length: 20}, (_, i) => String(i + 1));
		expect(() => expandMatrix({model: many, threads: many})).toThrow(/more than 256/);
	});
});

describe('parseMatrixFile', () => {
	it('reads lists and single values', () => {
		const axes = parseMatrixFile('m.yaml', 'model: [synthetic:tiny:Q8_0, synthetic:tiny:Q4_0]\nthreads: 2\ncpu-cap: [off, 35]\n');
		expect(axes).toEqual({model: ['synthetic:tiny:Q8_0', 'synthetic:tiny:Q4_0'], threads: [2], 'cpu-cap': ['off', 35]});
		expect(expandMatrix(axes)).toHaveLength(4);
	});

	it.each([
		['an empty file', '', /m\.yaml: the matrix is empty/],
		['only a comment', '# nothing\n', /the matrix is empty/],
		['a list at the top', '- a\n- b\n', /m\.yaml:1: the matrix must be a mapping/],
		['an unknown key, with its line', 'model: [a]\nthread: [1]\n', /m\.yaml:2: unknown key 'thread'/],
		['a nested value', 'model: [a]\nthreads: [{x: 1}]\n', /m\.yaml:2: threads: each value must be a number or a string/],
		['broken YAML', 'model: [a\n', /m\.yaml:\d+: not valid YAML/],
		['no model', 'threads: [1, 2]\n', /m\.yaml: the matrix has no model/],
		['an empty list', 'model: []\n', /m\.yaml: model: the list is empty/],
		['a bad value', 'model: a\ncpu-cap: [0]\n', /cpu-cap: '0'/],
		['an alias bomb (billion laughs), at its line', `model: [a]\n${aliasBomb(9, 10)}`, /m\.yaml:11: YAML aliases .* \(an alias bomb\)/],
		['nesting past the stack', `model: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /m\.yaml(:\d+)?: nested (too deeply to read|more than 64 levels deep)/],
	] as const)('rejects %s', (_name, text, message) => {
		expect(() => parseMatrixFile('m.yaml', text)).toThrow(message);
	});
});

describe('configuration ids', () => {
	const defaults = {threads: 1, batchSize: 512, contextSize: 2048};

	it('normalising fills the defaults, so an explicit default is the same configuration', () => {
		const a = normaliseConfig({model: 'm'}, defaults);
		const b = normaliseConfig({model: 'm', threads: 1, batchSize: 512, contextSize: 2048}, defaults);
		expect(a).toEqual(b);
		expect(configId(a, ['--suite', 'smoke'])).toBe(configId(b, ['--suite', 'smoke']));
	});

	it('differs with any lever and with the shared run flags; is stable and filename-safe', () => {
		const base = normaliseConfig({model: 'synthetic:smollm2-135m:Q4_0', threads: 2, cpuCap: 35}, defaults);
		const id = configId(base, ['--suite', 'smoke']);
		expect(id).toMatch(/^smollm2-135m-Q4_0-t2-cap35-[0-9a-f]{10}$/);
		expect(configId({...base}, ['--suite', 'smoke'])).toBe(id);
		const others = [
			configId({...base, threads: 1}, ['--suite', 'smoke']),
			configId({...base, cpuCap: undefined}, ['--suite', 'smoke']),
			configId({...base, nice: 10}, ['--suite', 'smoke']),
			configId({...base, batchSize: 64}, ['--suite', 'smoke']),
			configId({...base, contextSize: 512}, ['--suite', 'smoke']),
			configId({...base, model: 'synthetic:smollm2-135m:Q8_0'}, ['--suite', 'smoke']),
			configId(base, ['--suite', 'other']),
			configId(base, []),
		];
		expect(new Set([id, ...others]).size).toBe(others.length + 1);
		expect(configId({model: '/a b/we?ird:name.gguf', threads: 1}, [])).toMatch(/^we_ird-name-t1-nocap-[0-9a-f]{10}$/);
	});

	it('labels show the model and the levers that vary', () => {
		const configs = [
			normaliseConfig({model: 'synthetic:tiny:Q8_0', threads: 1}, defaults),
			normaliseConfig({model: 'synthetic:tiny:Q8_0', threads: 2, cpuCap: 35}, defaults),
		];
		const varied = variedLevers(configs);
		expect(configs.map((config) => configLabel(config, varied))).toEqual(['tiny:Q8_0 t1 nocap', 'tiny:Q8_0 t2 cap35']);
		expect(configLabel(configs[1]!)).toBe('tiny:Q8_0 t2 cap35 b512 c2048');
		expect(modelName('/models/SmolLM2-135M-Instruct.Q4_1.gguf')).toBe('SmolLM2-135M-Instruct.Q4_1');
		expect(modelName('hf:user/repo:Q4_K_M')).toBe('repo:Q4_K_M');
	});
});
