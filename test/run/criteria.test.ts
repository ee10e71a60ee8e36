import {describe, expect, it} from 'vitest';
import {
	CRITERION_MINIMUMS,
	defaultCriteria,
	evaluateCriteria,
	evaluateCriterion,
	satisfies,
	verdictOf,
	type CriteriaMeasurements,
} from '../../src/run/criteria.js';
import type {CriterionId, CriterionSpec} from '../../src/run/types.js';

const GiB = 1024 ** 3;

/** Measurements with plenty of data, every value comfortably passing. */
function measured(overrides: Partial<CriteriaMeasurements> = {}): CriteriaMeasurements {
	return {
		progress: 'running',
		modelSynthetic: false,
		idleCpuMean: {value: 0.5, count: 50},
		activeCpuMean: {value: 20, count: 100},
		activeCpuP99: {value: 40, count: 100},
		activeCpuMax: {value: 45, count: 100},
		rssPeak: {value: 1 * GiB, count: 100},
		latencyP95: {value: 1000, count: 25},
		latencyMax: {value: 1200, count: 25},
		itlP99OverP50: {value: 1.5, count: 500},
		correctnessMean: {value: 0.9, count: 5},
		canaryP99: {value: 2, count: 1000},
		promptErrors: {value: 0, count: 25},
		samples: 200,
		canarySamples: 200,
		...overrides,
	};
}

function spec(id: CriterionId): CriterionSpec {
	return defaultCriteria().find((candidate) => candidate.id === id) as CriterionSpec;
}

describe('defaults', () => {
	it('are the DESIGN.md table', () => {
		expect(defaultCriteria().map((c) => [c.id, c.op, c.threshold, c.unit])).toEqual([
			['idle-cpu', '<=', 2, '%'],
			['active-cpu-mean', '<=', 35, '%'],
			['active-cpu-p99', '<=', 50, '%'],
			['rss-peak', '<=', 6 * GiB, 'bytes'],
			['latency-p95', '<=', 2500, 'ms'],
			['latency-ratio', '<', 2, 'ratio'],
			['correctness', '>=', 0.8, 'score'],
			['interactive-delay-p99', '<=', 10, 'ms'],
			['prompt-errors', '<=', 0, 'count'],
		]);
	});
});

describe('thresholds exactly at the bound', () => {
	it.each([
		{op: '<=', value: 2, threshold: 2, pass: true},
		{op: '<=', value: 2.0000001, threshold: 2, pass: false},
		{op: '<', value: 2, threshold: 2, pass: false},
		{op: '<', value: 1.9999999, threshold: 2, pass: true},
		{op: '>=', value: 0.8, threshold: 0.8, pass: true},
		{op: '>', value: 0.8, threshold: 0.8, pass: false},
	] as const)('$value $op $threshold → $pass', ({op, value, threshold, pass}) => {
		expect(satisfies(op, value, threshold)).toBe(pass);
	});

	it.each([
		{id: 'idle-cpu', key: 'idleCpuMean', value: 2, status: 'pass'},
		{id: 'active-cpu-mean', key: 'activeCpuMean', value: 35, status: 'pass'},
		{id: 'active-cpu-p99', key: 'activeCpuP99', value: 50, status: 'pass'},
		{id: 'rss-peak', key: 'rssPeak', value: 6 * GiB, status: 'pass'},
		{id: 'rss-peak', key: 'rssPeak', value: 6 * GiB + 1, status: 'fail'},
		{id: 'latency-p95', key: 'latencyP95', value: 2500, status: 'pass'},
		{id: 'latency-ratio', key: 'itlP99OverP50', value: 2.0, status: 'fail'},
		{id: 'latency-ratio', key: 'itlP99OverP50', value: 1.99, status: 'pass'},
		{id: 'correctness', key: 'correctnessMean', value: 0.8, status: 'pass'},
		{id: 'correctness', key: 'correctnessMean', value: 0.79, status: 'fail'},
		{id: 'interactive-delay-p99', key: 'canaryP99', value: 10, status: 'pass'},
		{id: 'interactive-delay-p99', key: 'canaryP99', value: 10.01, status: 'fail'},
	] as const)('$id at $value → $status', ({id, key, value, status}) => {
		const m = measured();
		const result = evaluateCriterion(spec(id), {...m, [key]: {value, count: m[key].count}});
		expect(result.status).toBe(status);
		expect(result.value).toBe(value);
		if (status === 'fail') expect(result.reason).toMatch(/is not/);
	});
});

describe('pending, skip and the minimums', () => {
	it('pending below the minimum while running, with the minimum in the reason', () => {
		const result = evaluateCriterion(spec('idle-cpu'), measured({idleCpuMean: {value: 0.4, count: 3}}));
		expect(result).toMatchObject({status: 'pending', value: 0.4, reason: '3 of 10 idle samples'});
	});

	it.each(Object.entries(CRITERION_MINIMUMS))('%s has a positive minimum', (_id, minimum) => {
		expect(minimum.count).toBeGreaterThan(0);
	});

	it('a complete run below the minimum is a lack-of-data skip, not judged on what little there is', () => {
		const few = evaluateCriterion(spec('latency-ratio'), measured({progress: 'complete', itlP99OverP50: {value: 1.2, count: 3}}));
		expect(few).toMatchObject({status: 'skip', skipClass: 'lack-of-data', reason: '3 of 20 inter-token gaps of completed prompts', n: 3});
		const none = evaluateCriterion(spec('idle-cpu'), measured({progress: 'complete', idleCpuMean: {value: null, count: 0}}));
		expect(none).toMatchObject({status: 'skip', skipClass: 'lack-of-data', reason: expect.stringMatching(/no idle samples/)});
	});

	it('an interrupted run keeps under-minimum criteria pending and says so', () => {
		const result = evaluateCriterion(spec('active-cpu-p99'), measured({progress: 'interrupted', activeCpuP99: {value: 30, count: 5}}));
		expect(result).toMatchObject({status: 'pending', reason: '5 of 10 samples while prompts run when the run was interrupted'});
	});

	it('rss-peak over the bound fails at once, even before the minimum', () => {
		const result = evaluateCriterion(spec('rss-peak'), measured({rssPeak: {value: 7 * GiB, count: 1}}));
		expect(result.status).toBe('fail');
	});

	it('correctness is skipped on a synthetic model, whatever the data', () => {
		const result = evaluateCriterion(spec('correctness'), measured({modelSynthetic: true}));
		expect(result.status).toBe('skip');
		expect(result.reason).toMatch(/synthetic model/);
	});

	it('correctness with no scored prompt: pending while running, skip when complete', () => {
		const none = {correctnessMean: {value: null, count: 0}};
		expect(evaluateCriterion(spec('correctness'), measured(none)).status).toBe('pending');
		const done = evaluateCriterion(spec('correctness'), measured({...none, progress: 'complete'}));
		expect(done).toMatchObject({status: 'skip', skipClass: 'lack-of-data', reason: expect.stringMatching(/^no prompt was scored/)});
	});

	it('interactive-delay-p99 without canary data: pending while running, a lack-of-data skip at the end', () => {
		const noCanary = {canarySamples: 0, canaryP99: {value: null, count: 0}};
		expect(evaluateCriterion(spec('interactive-delay-p99'), measured({...noCanary, samples: 1})).status).toBe('pending');
		const running = evaluateCriterion(spec('interactive-delay-p99'), measured({...noCanary, samples: 5}));
		expect(running).toMatchObject({status: 'pending', reason: expect.stringMatching(/no canary data/)});
		const ended = evaluateCriterion(spec('interactive-delay-p99'), measured({...noCanary, progress: 'complete'}));
		expect(ended).toMatchObject({status: 'skip', skipClass: 'lack-of-data', reason: expect.stringMatching(/no canary data/)});
	});

	it('a disabled criterion is a skip', () => {
		const result = evaluateCriterion({...spec('active-cpu-p99'), enabled: false}, measured({activeCpuP99: {value: 99, count: 100}}));
		expect(result).toMatchObject({status: 'skip', skipClass: 'by-design', reason: 'disabled'});
	});
});

describe('verdict', () => {
	it.each([
		{statuses: ['pass', 'pass'], verdict: 'pass'},
		{statuses: ['pass', 'skip'], verdict: 'pass'},
		{statuses: ['skip', 'skip'], verdict: 'pass'},
		{statuses: ['pass', 'fail', 'skip'], verdict: 'fail'},
		{statuses: ['pending', 'pass'], verdict: 'inconclusive'},
		{statuses: ['pending', 'pass'], progress: 'running', verdict: 'pending'},
		{statuses: ['pending', 'fail'], verdict: 'fail'},
		{statuses: [], verdict: 'pass'},
	] as const)('$statuses ($progress) → $verdict', ({statuses, verdict, ...rest}) => {
		const progress = 'progress' in rest ? rest.progress : undefined;
		expect(
			verdictOf(
				statuses.map((status) => ({status})),
				progress,
			),
		).toBe(verdict);
	});

	it.each([
		{skipClass: 'by-design', verdict: 'pass'},
		{skipClass: 'lack-of-data', verdict: 'inconclusive'},
		{skipClass: undefined, verdict: 'pass'},
	] as const)('a $skipClass skip → $verdict', ({skipClass, verdict}) => {
		expect(verdictOf([{status: 'pass'}, {status: 'skip', ...(skipClass ? {skipClass} : {})}])).toBe(verdict);
	});

	it('all defaults pass on good data and fail on bad', () => {
		const good = evaluateCriteria(defaultCriteria(), measured());
		expect(good.map((r) => r.status)).toEqual(new Array(9).fill('pass'));
		expect(verdictOf(good)).toBe('pass');
		const bad = evaluateCriteria(defaultCriteria(), measured({activeCpuMean: {value: 50, count: 100}}));
		expect(verdictOf(bad)).toBe('fail');
	});
});
