import {describe, expect, it} from 'vitest';
import {CRITERION_MINIMUMS, defaultCriteria, noIdleWindowWarning} from '../../src/run/criteria.js';
import type {RunEvent} from '../../src/run/events.js';
import {selectCriteria} from '../../src/run/selectors.js';
import {RunStore} from '../../src/run/store.js';
import type {CriterionResult, CriterionSpec, PromptStatus} from '../../src/run/types.js';
import {runStart, sample} from './fixtures/small-run.js';

/**
 * Issue 12, "verdicts that can be trusted": hand-built event streams of whole
 * runs, judged through the store (the same path as live, headless and replay).
 */

interface PromptPlan {
	id: string;
	status: PromptStatus;
	/** Gaps between tokens, ms (tokens = gaps + 1; none for an error before the first token). */
	gaps: number[];
	score?: number | null;
}

interface RunPlan {
	prompts: PromptPlan[];
	idleSamples?: number;
	activeSamples?: number;
	synthetic?: boolean;
	criteria?: CriterionSpec[];
	idleSeconds?: number;
	complete?: boolean | 'running';
	canary?: boolean;
}

/** A run: load, idle-before, the prompts (one active sample per prompt step), idle-after, run-end. */
function run(plan: RunPlan): RunEvent[] {
	const start = runStart(plan.prompts.map((prompt) => prompt.id));
	start.config.idleSeconds = plan.idleSeconds ?? 1;
	start.criteria = plan.criteria ?? defaultCriteria();
	if (plan.canary === false) start.config.canary = false;
	const canary = plan.canary === false ? {} : {canaryLateMs: [0.5, 0.4, 0.6, 0.5, 0.5, 0.4, 0.6, 0.5, 0.5, 0.4]};
	const events: RunEvent[] = [
		start,
		{type: 'phase', t: 0, name: 'load'},
		{
			type: 'model-loaded',
			t: 100,
			loadMs: 100,
			model: {
				ref: 'm.gguf',
				path: '/m.gguf',
				name: 'm',
				architecture: 'llama',
				quantization: 'Q8_0',
				sizeBytes: 1,
				parameterCount: 1,
				synthetic: plan.synthetic ?? false,
			},
		},
		{type: 'phase', t: 100, name: 'idle-before'},
	];
	let t = 100;
	const idle = plan.idleSamples ?? 20;
	for (let i = 0; i < idle / 2; i++) events.push(sample((t += 100), 'idle-before', 1, 100, canary));
	events.push({type: 'phase', t, name: 'prompts'});
	const total = plan.prompts.length;
	plan.prompts.forEach((prompt, index) => {
		events.push({type: 'prompt-start', t, promptId: prompt.id, index, total, promptTokens: 10});
		const tokens = prompt.status === 'error' ? 0 : prompt.gaps.length + 1;
		let tokenT = t + 50;
		for (let k = 0; k < tokens; k++) {
			tokenT += k === 0 ? 0 : (prompt.gaps[k - 1] as number);
			events.push({type: 'token', t: tokenT, promptId: prompt.id, index: k, text: 'x'});
		}
		t = tokenT + 10;
		const score = prompt.score === undefined ? (prompt.status === 'ok' ? 1 : null) : prompt.score;
		events.push({
			type: 'prompt-end',
			t,
			promptId: prompt.id,
			status: prompt.status,
			response: 'x'.repeat(tokens),
			outputTokens: tokens,
			score,
			...(prompt.status === 'error' ? {reason: 'llama_decode failed'} : {}),
		});
	});
	for (let i = 0; i < (plan.activeSamples ?? 120); i++) events.push(sample((t += 10), 'prompts', 20, 120, canary));
	if (plan.complete === 'running') return events;
	events.push({type: 'phase', t, name: 'idle-after'});
	for (let i = 0; i < idle / 2; i++) events.push(sample((t += 100), 'idle-after', 1, 100, canary));
	events.push({type: 'phase', t, name: 'done'});
	const complete = plan.complete ?? true;
	events.push({type: 'run-end', t, complete, reason: complete ? 'done' : 'interrupted', finishedAt: '2025-01-01T00:00:10.000Z'});
	return events;
}

function judged(events: RunEvent[]): {results: CriterionResult[]; verdict: string; byId: (id: string) => CriterionResult} {
	const store = new RunStore();
	store.applyAll(events);
	const {results, verdict} = selectCriteria(store);
	return {results, verdict, byId: (id) => results.find((result) => result.id === id) as CriterionResult};
}

const steady = (n: number): number[] => Array.from({length: n}, (_, i) => 10 + (i % 3));
const okPrompt = (id: string, score = 1): PromptPlan => ({id, status: 'ok', gaps: steady(30), score});

describe('failed prompts are never invisible', () => {
	it('a run in which every prompt fails is a FAIL (was PASS), and scores 0 in correctness', () => {
		const all = judged(
			run({
				prompts: [
					{id: 'a', status: 'error', gaps: []},
					{id: 'b', status: 'error', gaps: []},
				],
			}),
		);
		expect(all.byId('prompt-errors')).toMatchObject({status: 'fail', value: 2, n: 2});
		expect(all.byId('correctness')).toMatchObject({status: 'fail', value: 0});
		expect(all.verdict).toBe('fail');
	});

	it('the same run with its real answers passes: a crashing model never scores better', () => {
		const good = judged(run({prompts: [okPrompt('a'), okPrompt('b')]}));
		expect(good.byId('prompt-errors')).toMatchObject({status: 'pass', value: 0, n: 2});
		expect(good.verdict).toBe('pass');
	});

	it('one error among good prompts: prompt-errors fails and the error scores 0', () => {
		const mixed = judged(run({prompts: [okPrompt('a'), {id: 'b', status: 'error', gaps: []}]}));
		expect(mixed.byId('prompt-errors')).toMatchObject({status: 'fail', value: 1});
		expect(mixed.byId('correctness')).toMatchObject({value: 0.5, n: 2});
		expect(mixed.verdict).toBe('fail');
	});

	it('prompt-errors is a default criterion: max 0', () => {
		expect(defaultCriteria().find((spec) => spec.id === 'prompt-errors')).toMatchObject({op: '<=', threshold: 0, unit: 'count', enabled: true});
	});

	it('a prompt that errors mid-run fails prompt-errors at once (no need to wait for the end)', () => {
		const mid = judged(run({prompts: [{id: 'a', status: 'error', gaps: []}, okPrompt('b')], complete: 'running'}));
		expect(mid.byId('prompt-errors').status).toBe('fail');
		expect(mid.verdict).toBe('fail');
	});
});

describe('pass needs enough data; lack of data is inconclusive', () => {
	it('3 inter-token gaps are not judged (was: judged, ratio 2.96): latency-ratio lacks data, verdict inconclusive', () => {
		const few = judged(run({prompts: [{id: 'a', status: 'ok', gaps: [10, 10, 29.6]}]}));
		expect(few.byId('latency-ratio')).toMatchObject({status: 'skip', skipClass: 'lack-of-data', n: 3});
		expect(few.byId('latency-ratio').reason).toMatch(/3 of 20 inter-token gaps/);
		expect(few.verdict).toBe('inconclusive');
	});

	it('mid-run the same lack of data is pending', () => {
		const mid = judged(run({prompts: [{id: 'a', status: 'ok', gaps: [10, 10, 11]}], complete: 'running'}));
		expect(mid.byId('latency-ratio').status).toBe('pending');
		expect(mid.verdict).toBe('pending');
	});

	it('--idle 0: idle-cpu lacks data (was a silent skip and a PASS), verdict inconclusive', () => {
		const noIdle = judged(run({prompts: [okPrompt('a'), okPrompt('b')], idleSamples: 0, idleSeconds: 0}));
		expect(noIdle.byId('idle-cpu')).toMatchObject({status: 'skip', skipClass: 'lack-of-data'});
		expect(noIdle.byId('idle-cpu').reason).toMatch(/--idle 0/);
		expect(noIdle.verdict).toBe('inconclusive');
	});

	it('--idle 0 warns (was silent), unless idle-cpu is disabled', () => {
		expect(noIdleWindowWarning(0, defaultCriteria())).toMatch(/--idle 0: .*idle-cpu lacks data.*INCONCLUSIVE/);
		expect(noIdleWindowWarning(5, defaultCriteria())).toBeUndefined();
		const disabled = defaultCriteria().map((spec) => (spec.id === 'idle-cpu' ? {...spec, enabled: false} : spec));
		expect(noIdleWindowWarning(0, disabled)).toBeUndefined();
	});

	it('a skip by design does not block a pass: disabled, and correctness of a synthetic model', () => {
		const criteria = defaultCriteria().map((spec) => (spec.id === 'active-cpu-p99' ? {...spec, enabled: false} : spec));
		const byDesign = judged(run({prompts: [okPrompt('a', 0), okPrompt('b', 0)], synthetic: true, criteria}));
		expect(byDesign.byId('active-cpu-p99')).toMatchObject({status: 'skip', skipClass: 'by-design'});
		expect(byDesign.byId('correctness')).toMatchObject({status: 'skip', skipClass: 'by-design'});
		expect(byDesign.verdict).toBe('pass');
	});

	it('--no-canary is a skip by design; a run whose samples carry no canary lacks data', () => {
		const off = judged(run({prompts: [okPrompt('a'), okPrompt('b')], canary: false}));
		expect(off.byId('interactive-delay-p99')).toMatchObject({status: 'skip', skipClass: 'by-design'});
		expect(off.verdict).toBe('pass');
	});

	it('an interrupted run below its minimums is inconclusive, not pending', () => {
		const stopped = judged(run({prompts: [{id: 'a', status: 'ok', gaps: [10, 10, 11]}], complete: false}));
		expect(stopped.verdict).toBe('inconclusive');
	});

	it('every prompt failing fails; it is not merely inconclusive for lack of latency data', () => {
		const all = judged(run({prompts: [{id: 'a', status: 'error', gaps: []}]}));
		expect(all.byId('latency-p95')).toMatchObject({status: 'skip', skipClass: 'lack-of-data'});
		expect(all.verdict).toBe('fail');
	});
});

describe('each figure names its measure and carries n', () => {
	it('a 20-sample CPU p99 is reported as the max, with that name', () => {
		const short = judged(run({prompts: [okPrompt('a'), okPrompt('b')], activeSamples: 20}));
		expect(short.byId('active-cpu-p99')).toMatchObject({measure: 'max', label: 'active CPU max', n: 20, status: 'pass'});
		expect(short.byId('active-cpu-p99').reason).toMatch(/max of 20 samples/);
		const long = judged(run({prompts: [okPrompt('a'), okPrompt('b')], activeSamples: 150}));
		expect(long.byId('active-cpu-p99')).toMatchObject({measure: 'p99', n: 150});
	});

	it('every criterion result carries n', () => {
		for (const result of judged(run({prompts: [okPrompt('a'), okPrompt('b')]})).results) {
			expect(typeof result.n, result.id).toBe('number');
		}
	});

	it('the minimums table covers every criterion, with a skip class for too little data', () => {
		expect(Object.keys(CRITERION_MINIMUMS).sort()).toEqual(
			defaultCriteria()
				.map((spec) => spec.id)
				.sort(),
		);
		expect(CRITERION_MINIMUMS['latency-ratio'].count).toBe(20);
	});
});

describe('the help on minimum data', () => {
	it('lists every criterion with its minimum and its skips by design', async () => {
		const {criteriaHelpLines} = await import('../../src/run/criteria-minimums.js');
		const lines = criteriaHelpLines();
		for (const spec of defaultCriteria())
			expect(
				lines.some((line) => line.startsWith(`  ${spec.id}: `)),
				spec.id,
			).toBe(true);
		expect(lines.join('\n')).toMatch(/latency-ratio: 20 inter-token gaps/);
		expect(lines.join('\n')).toMatch(/active-cpu-p99: 10 samples while prompts run \(p99 from 100, below that the max\)/);
		expect(lines.join('\n')).toMatch(/correctness: .*skip by design: disabled, synthetic model, tryouts/);
		expect(lines[0]).toMatch(/INCONCLUSIVE \(exit 3\)/);
	});
});
