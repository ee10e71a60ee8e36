import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {builtinSuiteNames, builtinSuitePath, loadSuite, scorePrompt} from '../../src/suite/index.js';

interface Fixture {
	reference: string;
	wrong?: Array<{answer: string; score: number}>;
}

const fixturePath = fileURLToPath(new URL('../fixtures/reference-answers.yaml', import.meta.url));
const fixtures = parse(readFileSync(fixturePath, 'utf8')) as Record<string, Record<string, Fixture>>;
const REFUSAL = "I'm sorry, but I can't help with that request.";

describe.each(builtinSuiteNames())('shipped suite %s', (name) => {
	const suite = loadSuite(builtinSuitePath(name)!);
	const answers = fixtures[name] ?? {};

	it('has a reference answer for every prompt, and none for prompts it lacks', () => {
		expect(Object.keys(answers).sort()).toEqual(suite.prompts.map((p) => p.id).sort());
	});

	describe.each(suite.prompts.map((p) => [p.id, p] as const))('%s', (id, prompt) => {
		it('scores 1 for the reference answer', () => {
			const result = scorePrompt(prompt, answers[id]?.reference ?? '');
			expect(result.checks.filter((c) => !c.passed)).toEqual([]);
			expect(result.score).toBe(1);
		});

		it('scores 0 for an empty answer and little for a refusal', () => {
			expect(scorePrompt(prompt, '').score).toBe(0);
			expect(scorePrompt(prompt, REFUSAL).score).toBeLessThan(0.3);
		});

		it.each((answers[id]?.wrong ?? []).map((w) => [w.score, w.answer] as const))('scores %d for a wrong answer', (expected, answer) => {
			expect(expected).toBeLessThan(1);
			expect(scorePrompt(prompt, answer).score).toBeCloseTo(expected, 12);
		});
	});
});

describe('endpoint-security suite content', () => {
	const suite = loadSuite(builtinSuitePath('endpoint-security')!);

	it('has at least 16 prompts, each with at least 3 checks', () => {
		expect(suite.prompts.length).toBeGreaterThanOrEqual(16);
		for (const prompt of suite.prompts) expect(prompt.checks.length, prompt.id).toBeGreaterThanOrEqual(3);
	});

	it('covers Windows, Linux and macOS, decisions, JSON and ATT&CK mapping', () => {
		const tags = new Set(suite.prompts.flatMap((p) => p.tags));
		for (const tag of ['windows', 'linux', 'macos', 'decision', 'json', 'ioc', 'attack-mapping', 'sysmon', 'event-ids', 'lolbin', 'persistence', 'lateral-movement', 'credential-access', 'benign']) {
			expect(tags, tag).toContain(tag);
		}
	});

	it('has some ALLOW answers so always-BLOCK is not a winning strategy', () => {
		const expects = suite.prompts.flatMap((p) => p.checks.flatMap((c) => (c.kind === 'one-of' && c.expect ? [c.expect] : [])));
		expect(expects).toContain('ALLOW');
		expect(expects).toContain('BLOCK');
		const alwaysBlock = suite.prompts.filter((p) => p.tags.includes('decision')).map((p) => scorePrompt(p, 'BLOCK').score);
		expect(Math.min(...alwaysBlock)).toBe(0);
	});
});
