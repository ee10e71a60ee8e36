import {readFileSync} from 'node:fs';
import {LineCounter, parseDocument} from 'yaml';
import {SuiteError} from './errors.js';
import type {SuiteIssue} from './errors.js';
import type {Suite} from './types.js';
import {validateSuite} from './validate.js';
import {YamlReader} from './yaml-reader.js';

/**
 * Reads and validates a suite file. Throws `SuiteError` (message
 * `FILE:LINE: what is wrong`) for a missing file, YAML syntax errors and
 * every rule of the format in `prompts/README.md`.
 */
export function loadSuite(path: string): Suite {
	return parseSuite(readSource(path), path);
}

/** Validates suite YAML text; `path` is used in messages and kept on the suite. */
export function parseSuite(source: string, path: string): Suite {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, {lineCounter, prettyErrors: false, uniqueKeys: true});
	const reader = new YamlReader(doc, lineCounter, lastLine(source));
	if (doc.errors.length > 0) {
		throw new SuiteError(path, doc.errors.map((error) => ({line: reader.lineAt(error.pos[0]), message: `YAML syntax error: ${firstLine(error.message)}`})));
	}
	const suite = validateSuite(reader, doc.contents, path);
	if (!suite || reader.issues.length > 0) throw new SuiteError(path, byLine(reader.issues));
	return suite;
}

function readSource(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const message =
			code === 'ENOENT' ? 'no such suite file' : code === 'EISDIR' ? 'is a directory, not a suite file' : `cannot read the suite file (${code ?? (error as Error).message})`;
		throw new SuiteError(path, [{message}]);
	}
}

function byLine(issues: readonly SuiteIssue[]): SuiteIssue[] {
	return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function lastLine(source: string): number {
	const lines = source.split('\n');
	const count = lines.length;
	return Math.max(1, source.endsWith('\n') ? count - 1 : count);
}

function firstLine(text: string): string {
	return text.split('\n')[0] ?? text;
}
