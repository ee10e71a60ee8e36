import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {auditSuite, builtinSuiteNames, builtinSuitePath, loadSuite, scorePrompt} from '../../src/suite/index.js';

const fixturePath = fileURLToPath(new URL('../fixtures/graded-answers.yaml', import.meta.url));
const gradedAnswers = parse(readFileSync(fixturePath, 'utf8')) as Record<string, Record<string, Array<{answer: string; score: number}>>>;
const REFUSAL = "I'm sorry, but I can't help with that request.";

describe.each(builtinSuiteNames())('shipped suite %s', (name) => {
	const suite = loadSuite(builtinSuitePath(name)!);
	const graded = gradedAnswers[name] ?? {};

	it('has a reference answer for every prompt, and graded answers only for prompts it has', () => {
		for (const prompt of suite.prompts) expect(prompt.reference, prompt.id).toBeDefined();
		const ids = suite.prompts.map((p) => p.id);
		for (const id of Object.keys(graded)) expect(ids).toContain(id);
	});

	it("loads without warnings: no check is met by its prompt's own text", () => {
		expect(suite.warnings).toEqual([]);
	});

	it('is not gameable: no built-in adversary reaches 0.30 suite-wide (llmtop suite check)', () => {
		const audit = auditSuite(suite);
		expect(audit.gameable, `${audit.best.name} scores ${audit.best.score}`).toBe(false);
		expect(audit.best.score).toBeLessThan(0.3);
	});

	describe.each(suite.prompts.map((p) => [p.id, p] as const))('%s', (id, prompt) => {
		it('scores 1 for the reference answer', () => {
			const result = scorePrompt(prompt, prompt.reference ?? '');
			expect(result.checks.filter((c) => !c.passed)).toEqual([]);
			expect(result.score).toBe(1);
		});

		it('scores 0 for an empty answer and little for a refusal', () => {
			expect(scorePrompt(prompt, '').score).toBe(0);
			expect(scorePrompt(prompt, REFUSAL).score).toBeLessThan(0.3);
		});

		it.each((graded[id] ?? []).map((w) => [w.score, w.answer] as const))(
			'scores %d for a graded answer (wrong, or right in other words)',
			(expected, answer) => {
				expect(scorePrompt(prompt, answer).score).toBeCloseTo(expected, 12);
			},
		);
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
		for (const tag of [
			'windows',
			'linux',
			'macos',
			'decision',
			'json',
			'ioc',
			'attack-mapping',
			'sysmon',
			'event-ids',
			'lolbin',
			'persistence',
			'lateral-movement',
			'credential-access',
			'benign',
		]) {
			expect(tags, tag).toContain(tag);
		}
	});

	it('rewards no constant verdict: always BLOCK (or ALLOW) scores under 0.2 suite-wide, and 0 on some decision', () => {
		const decisions = suite.prompts.filter((p) => p.tags.includes('decision'));
		for (const verdict of ['BLOCK', 'ALLOW']) {
			const scores = suite.prompts.map((p) => scorePrompt(p, verdict).score);
			const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
			expect(mean, verdict).toBeLessThan(0.2);
			expect(Math.min(...decisions.map((p) => scorePrompt(p, verdict).score)), verdict).toBe(0);
		}
	});

	it('gives the constant answer of issue 13 (one label of every decision, IDs and keywords, one JSON object with repeated keys) little', () => {
		const constant = [
			'BLOCK MALICIOUS HIGH SUCCESS PHISHING',
			'T1059.001 T1105 T1140 T1218.005 T1218.010 T1003.001 T1218.011 T1566.001 T1204.002 T1547.001 T1053.005 T1569.002 T1021.002 T1047 T1110.001',
			'T1070.001 T1053.003 T1543.002 T1543.001 T1490 psexec wmiexec squiblydoo reverse shell ransomware 4624 logon type 3 ADMIN$ jdoe 10.20.5.77',
			'reg delete HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v OneDriveUpdate crontab -u www-data -l 198.51.100.23:4444 198.51.100.23/a.ps1 IEX',
			'{"a": 10, "a": "T1543.004", "b": 3, "b": "T1543.003", "c": 1, "c": "T1070.001", "d": 13, "d": "T1218.005", "e": 11, "e": "T1047",',
			' "4624": "successful logon", "4625": "failed logon", "4688": "process creation", "7045": "service installed", "1102": "log cleared",',
			' "ips": ["203.0.113.77"], "domains": ["update-check.example.net"], "urls": ["http://cdn-files.example.org/stage2.bin"], "sha256": ["9e5c9f6f24a8e504651a7b946c3710b67978be24777b165dd067a56bea0e7a7e"]}',
		].join('\n');
		const scores = suite.prompts.map((p) => scorePrompt(p, constant).score);
		expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeLessThan(0.15);
	});
});
