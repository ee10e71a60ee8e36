import {describe, expect, it} from 'vitest';
import {scorePrompt, suiteCorrectness} from '../../src/suite/index.js';
import {promptWithChecks} from './helpers.js';

const score = (checks: string, response: string): number => scorePrompt(promptWithChecks(checks), response).score;

describe('scorePrompt: a realistic rubric', () => {
	const rubric = promptWithChecks(`
		- one-of: [ALLOW, BLOCK]
		  expect: BLOCK
		  weight: 2
		- regex: 'T1218\\.005'
		- icontains: [remote, download]
	`);

	it.each([
		['good', 'BLOCK\nT1218.005\nmshta ran a remote HTA that downloads a payload.', 1],
		['partial: wrong technique', 'BLOCK\nT1218.011\nIt runs a remote HTA.', 0.75],
		['partial: hedged label', 'ALLOW or BLOCK? BLOCK\nT1218.005\nremote script', 0.5],
		['wrong', 'ALLOW\nT1059.001\nmshta is signed by Microsoft.', 0],
		['empty', '', 0],
		['blank', '  \n\t ', 0],
	])('%s answer', (_name, response, expected) => {
		expect(scorePrompt(rubric, response).score).toBe(expected);
	});

	it('reports every check with kind, description, weight and pass/fail', () => {
		const {checks} = scorePrompt(rubric, 'BLOCK\nT1218.011\nIt runs a remote HTA.');
		expect(checks).toEqual([
			{kind: 'one-of', description: 'first line says BLOCK alone (of ALLOW, BLOCK)', weight: 2, passed: true},
			{kind: 'regex', description: 'matches /T1218\\.005/', weight: 1, passed: false, detail: 'no match'},
			{kind: 'icontains', description: 'contains any of "remote", "download" (any case)', weight: 1, passed: true},
		]);
	});
});

describe('contains and icontains', () => {
	it('contains is case-sensitive, icontains is not', () => {
		expect(score('- contains: LSASS', 'dumps lsass')).toBe(0);
		expect(score('- contains: LSASS', 'dumps LSASS')).toBe(1);
		expect(score('- icontains: LSASS', 'dumps lsass')).toBe(1);
		expect(score('- icontains: lsass', 'DUMPS LSASS')).toBe(1);
	});

	it('a list means any of them unless mode is all', () => {
		expect(score('- icontains: [reg delete, Remove-ItemProperty]', 'Remove-ItemProperty -Name x')).toBe(1);
		expect(score('- icontains: [a1, b2]\n  mode: any', 'b2')).toBe(1);
		expect(score('- icontains: [a1, b2]\n  mode: all', 'b2')).toBe(0);
		expect(score('- icontains: [a1, b2]\n  mode: all', 'B2 and A1')).toBe(1);
		expect(score('- contains: [a1, b2]\n  mode: all', 'B2 and a1')).toBe(0);
	});

	it('names what is missing', () => {
		const {checks} = scorePrompt(promptWithChecks('- icontains: [lsass, T1003.001]\n  mode: all'), 'lsass dump');
		expect(checks[0]).toMatchObject({passed: false, detail: 'missing "T1003.001"', description: 'contains all of "lsass", "T1003.001" (any case)'});
	});
});

describe('regex', () => {
	it('is case-sensitive without flags and honours flags', () => {
		expect(score(`- regex: 'logon type 3'`, 'Logon Type 3')).toBe(0);
		expect(score(`- regex: 'logon type 3'\n  flags: i`, 'Logon Type 3')).toBe(1);
		expect(score(`- regex: '^T1047$'`, 'WMI\nT1047')).toBe(0);
		expect(score(`- regex: '^T1047$'\n  flags: m`, 'WMI\nT1047')).toBe(1);
		expect(score(`- regex: 'a.b'\n  flags: s`, 'a\nb')).toBe(1);
	});

	it('word boundaries keep T1047 from matching T10470', () => {
		expect(score(`- regex: 'T1047\\b'`, 'T10470')).toBe(0);
	});
});

describe('not', () => {
	const rubric = `
		- icontains: T1543
		- not: [T1543.004, launch daemon]
	`;
	it('fails when a forbidden value appears in any case', () => {
		expect(score(rubric, 'T1543.001 Launch Agent')).toBe(1);
		expect(score(rubric, 'T1543.001, not a Launch Daemon')).toBe(0.5);
		expect(score(rubric, 'T1543.004')).toBe(0.5);
	});

	it('earns nothing on a blank answer', () => {
		expect(score(rubric, '')).toBe(0);
		expect(scorePrompt(promptWithChecks(rubric), '').checks[1]).toMatchObject({passed: false, detail: 'empty answer'});
	});
});

describe('json', () => {
	const keys = `\n  required: [ips, domains]`;
	const object = '{"ips": ["203.0.113.7"], "domains": []}';
	const fenced = '```json\n' + object + '\n```';
	const prose = 'Here are the IOCs:\n' + object + '\nLet me know if you need more.';

	it.each([
		['strict', object, 1],
		['strict', `  ${object}\n`, 1],
		['strict', fenced, 0],
		['strict', prose, 0],
		['fenced', object, 1],
		['fenced', fenced, 1],
		['fenced', '```\n' + object + '\n```', 1],
		['fenced', prose, 0],
		['fenced', 'Sure:\n' + fenced, 0],
		['embedded', object, 1],
		['embedded', fenced, 1],
		['embedded', prose, 1],
		['embedded', 'Sure:\n' + fenced + '\nDone.', 1],
		['embedded', 'no json here', 0],
	])('json: %s on %j scores %d', (mode, response, expected) => {
		expect(score(`- json: ${mode}${keys}`, response)).toBe(expected);
	});

	it('json: true is strict', () => {
		expect(score('- json: true', '[1, 2]')).toBe(1);
		expect(score('- json: true', '```\n[1, 2]\n```')).toBe(0);
	});

	it('only an object or array counts as a JSON answer', () => {
		expect(score('- json: strict', '42')).toBe(0);
		expect(score('- json: strict', '"T1047"')).toBe(0);
		expect(score('- json: strict', 'null')).toBe(0);
	});

	it('required keys need an object holding each of them', () => {
		const {checks} = scorePrompt(promptWithChecks(`- json: strict${keys}`), '{"ips": []}');
		expect(checks[0]).toMatchObject({passed: false, detail: 'missing keys "domains"'});
		expect(score(`- json: strict${keys}`, '[{"ips": [], "domains": []}]')).toBe(0);
		expect(score(`- json: strict${keys}`, '{"ips": null, "domains": 0}')).toBe(1);
	});
});

describe('one-of', () => {
	const labels = (extra = ''): string => `- one-of: [ALLOW, BLOCK]\n  expect: BLOCK${extra}`;

	it.each([
		['BLOCK', 1],
		['block', 1],
		['**Block**', 1],
		['Line 1: BLOCK', 1],
		['**Block**: it downloads a payload', 0],
		['BLOCK MALICIOUS HIGH SUCCESS PHISHING', 0],
		['Decision: BLOCK.\nAllow would be unsafe.', 1],
		['ALLOW or BLOCK: BLOCK', 0],
		['ALLOW', 0],
		['ALLOW or BLOCK', 0],
		['DISALLOW', 0],
		['BLOCKED', 0],
		['I would block-list it', 0],
		['\n\n```\nBLOCK\n```', 1],
		['```text\nBLOCK\n```', 1],
		['Reason first.\nBLOCK', 0],
	])('first line %j scores %d', (response, expected) => {
		expect(score(labels(), response)).toBe(expected);
	});

	it('first-word looks only at the start of the answer', () => {
		expect(score(labels('\n  at: first-word'), 'BLOCK, not ALLOW')).toBe(1);
		expect(score(labels('\n  at: first-word'), 'Verdict: BLOCK')).toBe(0);
		expect(score(labels('\n  at: first-word'), '> **BLOCK**')).toBe(1);
	});

	it('anywhere needs exactly one label in the whole answer', () => {
		expect(score(labels('\n  at: anywhere'), 'Reasoning...\nVerdict: BLOCK')).toBe(1);
		expect(score(labels('\n  at: anywhere'), 'Do not ALLOW this.\nBLOCK')).toBe(0);
	});

	it('longer labels win over labels they contain', () => {
		const fp = '- one-of: [TRUE POSITIVE, FALSE POSITIVE, POSITIVE]\n  expect: FALSE POSITIVE';
		expect(score(fp, 'False positive')).toBe(1);
		expect(score(`${fp}\n  at: anywhere`, 'False positive: the admin ran it')).toBe(1);
		expect(score(fp, 'True positive')).toBe(0);
	});

	it('without expect, any single label passes', () => {
		expect(score('- one-of: [LOW, MEDIUM, HIGH]', 'MEDIUM')).toBe(1);
		expect(score('- one-of: [LOW, MEDIUM, HIGH]', 'MEDIUM to HIGH')).toBe(0);
		expect(score('- one-of: [LOW, MEDIUM, HIGH]', 'unsure')).toBe(0);
	});

	it('explains a failure', () => {
		const p = promptWithChecks(labels());
		expect(scorePrompt(p, 'ALLOW or BLOCK').checks[0]?.detail).toBe('the first line is not one label alone: "ALLOW or BLOCK"');
		expect(scorePrompt(promptWithChecks(labels('\n  at: anywhere')), 'ALLOW or BLOCK').checks[0]?.detail).toBe('several labels: ALLOW, BLOCK');
		expect(scorePrompt(p, 'ALLOW').checks[0]?.detail).toBe('labelled ALLOW');
		expect(scorePrompt(p, 'maybe').checks[0]?.detail).toBe('no label found');
	});
});

describe('weights', () => {
	it('a prompt score is the weighted fraction of checks met', () => {
		const rubric = `
			- icontains: lsass
			  weight: 3
			- regex: 'T1003\\.001'
			  weight: 1.5
			- icontains: credential
			  weight: 0.5
		`;
		expect(score(rubric, 'lsass')).toBe(0.6);
		expect(score(rubric, 'lsass T1003.001')).toBe(0.9);
		expect(score(rubric, 'credential')).toBe(0.1);
		expect(score(rubric, 'lsass credential T1003.001')).toBe(1);
	});

	it('uses a description from the suite when given', () => {
		const p = promptWithChecks('- icontains: squiblydoo\n  description: names the trick');
		expect(scorePrompt(p, 'x').checks[0]?.description).toBe('names the trick');
	});
});

describe('suiteCorrectness', () => {
	const prompts = [
		{id: 'a', weight: 1},
		{id: 'b', weight: 3},
	];

	it('is the prompt-weighted mean, with the minimum', () => {
		expect(
			suiteCorrectness(
				[
					{id: 'a', score: 1},
					{id: 'b', score: 0.5},
				],
				prompts,
			),
		).toEqual({mean: 0.625, min: 0.5, count: 2});
	});

	it('leaves out unscored prompts and weighs unknown ids 1', () => {
		expect(suiteCorrectness([{id: 'a', score: 0.25}, {id: 'b', score: null}, {id: 'x', score: 0.75}, {id: 'y'}], prompts)).toEqual({
			mean: 0.5,
			min: 0.25,
			count: 2,
		});
		expect(suiteCorrectness([{id: 'a', score: Number.NaN}], prompts)).toEqual({mean: null, min: null, count: 0});
	});

	it('is null for no scores', () => {
		expect(suiteCorrectness([], prompts)).toEqual({mean: null, min: null, count: 0});
	});

	it('handles a single zero', () => {
		expect(suiteCorrectness([{id: 'b', score: 0}], prompts)).toEqual({mean: 0, min: 0, count: 1});
	});
});
