import {describe, expect, it} from 'vitest';
import {isScorable, rescoreResponses, suiteCorrectness} from '../../src/suite/index.js';
import {suiteFrom} from './helpers.js';

const rubric = (expect: string): string => `name: r
prompts:
  - id: verdict
    prompt: ALLOW or BLOCK?
    weight: 2
    checks:
      - one-of: [ALLOW, BLOCK]
        expect: ${expect}
      - icontains: payload
  - id: tech
    prompt: Technique?
    checks:
      - regex: 'T1047'
`;

const saved = [
	{id: 'verdict', response: 'BLOCK\nIt fetches a payload.', status: 'ok'},
	{id: 'tech', response: 'T1047', status: 'ok'},
	{id: 'gone', response: 'x', status: 'ok'},
	{id: 'tech', response: '', status: 'aborted'},
];

describe('rescoreResponses', () => {
	it('scores saved responses and marks the ones it cannot score', () => {
		const results = rescoreResponses(saved, suiteFrom(rubric('BLOCK')));
		expect(results.map(({id, score, inSuite, reason}) => ({id, score, inSuite, reason}))).toEqual([
			{id: 'verdict', score: 1, inSuite: true, reason: undefined},
			{id: 'tech', score: 1, inSuite: true, reason: undefined},
			{id: 'gone', score: null, inSuite: false, reason: 'not in suite "r"'},
			{id: 'tech', score: null, inSuite: true, reason: 'not scored: prompt aborted'},
		]);
		expect(results[0]?.checks).toHaveLength(2);
	});

	it('a changed rubric changes the scores and the correctness', () => {
		const before = suiteFrom(rubric('BLOCK'));
		const after = suiteFrom(rubric('ALLOW'));
		expect(suiteCorrectness(rescoreResponses(saved, before), before.prompts)).toEqual({mean: 1, min: 1, count: 2});
		const rescored = rescoreResponses(saved, after);
		expect(rescored[0]?.score).toBe(0.5);
		expect(rescored[0]?.checks[0]).toMatchObject({kind: 'one-of', passed: false, detail: 'labelled BLOCK'});
		expect(suiteCorrectness(rescored, after.prompts)).toEqual({mean: 2 / 3, min: 0.5, count: 2});
	});

	it('treats a missing response as empty', () => {
		expect(rescoreResponses([{id: 'tech', response: null, status: 'ok'}], suiteFrom(rubric('BLOCK')))[0]?.score).toBe(0);
	});

	it('scores only prompts that ran to the end', () => {
		expect(['ok', 'aborted', 'skipped', 'error'].map(isScorable)).toEqual([true, false, false, false]);
	});
});
