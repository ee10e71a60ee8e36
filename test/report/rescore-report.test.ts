import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {readEventsFile} from '../../src/report/events-file.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import {rescoreReport} from '../../src/report/rescore-report.js';
import type {Report} from '../../src/report/types.js';
import type {RunEvent} from '../../src/run/events.js';
import {parseSuite} from '../../src/suite/index.js';
import {smallRunHead, sample} from '../run/fixtures/small-run.js';
import {fixtureReport} from './fixture-report.js';

/** The smoke rubric the fixture reports were scored with (before issue 13). */
const smokePath = fileURLToPath(new URL('../fixtures/suites/smoke-v1.yaml', import.meta.url));
const smokeYaml = readFileSync(smokePath, 'utf8');
const smoke = parseSuite(smokeYaml, 'prompts/smoke.yaml');

function withoutNote(report: ReturnType<typeof rescoreReport>): Report {
	const {rescored: _rescored, ...rest} = report;
	return rest;
}

/** The recorded synthetic:tiny run, as the live run reported it (correctness skipped). */
function syntheticReport(): Report {
	const {events} = readEventsFile(fileURLToPath(new URL('../fixtures/events/tiny-smoke.jsonl', import.meta.url)));
	return reportFromEvents(events);
}

describe('rescoreReport', () => {
	it('reproduces the stored scores, correctness, criteria and verdict of a report scored by a live run', () => {
		const scored = fixtureReport('scored');
		const {_fixture: _note, ...stored} = scored as Report & {_fixture?: string};
		const rescored = rescoreReport(stored, smoke);
		// scored.json predates issue 12: its criteria were judged by the old rules (no n, no minimums), so only they differ.
		expect({...withoutNote(rescored), criteria: stored.criteria, verdict: stored.verdict}).toEqual(stored);
		const correctness = (report: Report) => report.criteria.find((criterion) => criterion.id === 'correctness');
		expect(correctness(rescored)).toMatchObject({status: correctness(stored)?.status, value: correctness(stored)?.value});
		expect(rescored.rescored).toEqual({suite: {name: 'smoke', path: 'prompts/smoke.yaml'}, syntheticModel: false, notInSuite: []});
		expect(rescored.prompts.map((prompt) => prompt.score)).toEqual([1, 1, 2 / 3, 1]);
	});

	it('a changed rubric changes the scores, the correctness and the verdict', () => {
		const edited = parseSuite(smokeYaml.replace('expect: UNSAFE', 'expect: SAFE').replace('- icontains: paris', '- icontains: lyon'), 'edited.yaml');
		const rescored = rescoreReport(fixtureReport('base'), edited);
		expect(rescored.prompts.map((prompt) => [prompt.id, prompt.score])).toEqual([
			['smoke-arithmetic', 1],
			['smoke-capital', 0.5],
			['smoke-label', 0],
			['smoke-json', 1],
		]);
		expect(rescored.prompts[1]?.checks.map((check) => check.passed)).toEqual([false, true]);
		expect(rescored.metrics.correctness).toEqual({mean: 0.625, min: 0, scored: 4});
		const correctness = rescored.criteria.find((criterion) => criterion.id === 'correctness');
		expect(correctness).toMatchObject({status: 'fail', value: 0.625});
		expect(correctness?.reason).toMatch(/^0\.6\d is not >= 0\.80$/);
		expect(rescored.verdict).toBe('fail');
		expect(fixtureReport('base').verdict).toBe('pass');
	});

	it('weights prompts by the suite', () => {
		const weighted = parseSuite(smokeYaml.replace('  - id: smoke-label\n', '  - id: smoke-label\n    weight: 3\n'), 'weighted.yaml');
		expect(rescoreReport(fixtureReport('base'), weighted).metrics.correctness.mean).toBeCloseTo((1 + 1 + 3 * (2 / 3) + 1) / 6, 12);
	});

	it("judges every other criterion from the report's own figures, as the live run did", () => {
		const live = syntheticReport();
		const rescored = rescoreReport(live, smoke);
		const others = (report: Report) => report.criteria.filter((criterion) => criterion.id !== 'correctness');
		expect(others(rescored)).toEqual(others(live));
		expect(rescored.verdict).toBe(live.verdict);
		expect(rescored.metrics.cpu).toEqual(live.metrics.cpu);
	});

	it('synthetic model: scores the responses, keeps the correctness criterion skip and says so', () => {
		const live = syntheticReport();
		expect(live.prompts.every((prompt) => prompt.score === null)).toBe(true);
		const rescored = rescoreReport(live, smoke);
		expect(rescored.rescored.syntheticModel).toBe(true);
		expect(rescored.prompts.every((prompt) => typeof prompt.score === 'number' && prompt.reason === null)).toBe(true);
		expect(rescored.metrics.correctness.scored).toBe(4);
		const correctness = rescored.criteria.find((criterion) => criterion.id === 'correctness');
		expect(correctness?.status).toBe('skip');
		expect(correctness?.reason).toMatch(/^synthetic model \(random weights\).*; llmtop score scored the responses anyway \(mean \d\.\d\d\), not judged$/);
	});

	it('leaves prompts that did not end ok as they were, and marks prompts the suite lacks', () => {
		const events: RunEvent[] = [
			...smallRunHead(),
			{type: 'prompt-end', t: 1450, promptId: 'b', status: 'aborted', response: 'b0', outputTokens: 1, reason: 'aborted by the user'},
			sample(1460, 'prompts', 40, 160),
			{type: 'run-end', t: 1500, complete: false, reason: 'interrupted', finishedAt: '2025-01-01T00:00:01.500Z'},
		];
		const live = reportFromEvents(events);
		const suite = parseSuite('name: test\nprompts:\n  - id: b\n    prompt: b?\n    checks:\n      - icontains: b0\n', 'test.yaml');
		const rescored = rescoreReport(live, suite);
		expect(rescored.prompts.find((prompt) => prompt.id === 'a')).toMatchObject({status: 'ok', score: null, checks: [], reason: 'not in suite "test"'});
		expect(rescored.prompts.find((prompt) => prompt.id === 'b')).toEqual(live.prompts.find((prompt) => prompt.id === 'b'));
		expect(rescored.rescored.notInSuite).toEqual(['a']);
		expect(rescored.metrics.correctness).toEqual({mean: null, min: null, scored: 0});
		const others = (report: Report) => report.criteria.filter((criterion) => criterion.id !== 'correctness');
		expect(others(rescored)).toEqual(others(live));
		expect(rescored.criteria.find((criterion) => criterion.id === 'correctness')?.status).toBe('pending');
	});
});
