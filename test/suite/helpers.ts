import {parseSuite} from '../../src/suite/index.js';
import type {Suite, SuitePrompt} from '../../src/suite/index.js';

/** A one-prompt suite whose `checks:` block is the given YAML (indented by the caller's dedent). */
export function promptWithChecks(checksYaml: string): SuitePrompt {
	const suite = suiteFrom(`name: t
prompts:
  - id: p
    prompt: question
    checks:
${indent(checksYaml, 6)}
`);
	const prompt = suite.prompts[0];
	if (!prompt) throw new Error('no prompt parsed');
	return prompt;
}

/** Parses suite YAML given inline in a test. */
export function suiteFrom(yaml: string, path = 'inline.yaml'): Suite {
	return parseSuite(yaml, path);
}

/** The error a function throws (fails the test when it throws nothing). */
export function thrown(fn: () => unknown): Error {
	try {
		fn();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error, none was thrown');
}

function indent(text: string, spaces: number): string {
	const lines = text.replace(/^\n+|\s+$/g, '').split('\n');
	const margin = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
	return lines.map((l) => ' '.repeat(spaces) + l.slice(margin)).join('\n');
}
