import {LineCounter, parseDocument} from 'yaml';
import {FileError} from '../files/errors.js';
import {INPUT_LIMITS, readTextInput} from '../files/read-input.js';
import {checkYamlLimits, isStackOverflow, TOO_DEEP_TO_READ} from '../run/yaml-limits.js';
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
	let doc;
	try {
		doc = parseDocument(source, {lineCounter, prettyErrors: false, uniqueKeys: true});
	} catch (error) {
		if (isStackOverflow(error)) throw new SuiteError(path, [{message: TOO_DEEP_TO_READ}]);
		throw error;
	}
	const reader = new YamlReader(doc, lineCounter, lastLine(source));
	const limit = checkYamlLimits(doc);
	if (limit) throw new SuiteError(path, [{...(limit.offset === undefined ? {} : {line: reader.lineAt(limit.offset)}), message: limit.message}]);
	if (doc.errors.length > 0) {
		throw new SuiteError(
			path,
			doc.errors.map((error) => ({line: reader.lineAt(error.pos[0]), message: `YAML syntax error: ${firstLine(error.message)}`})),
		);
	}
	const suite = validateSuite(reader, doc.contents, path);
	if (!suite || reader.issues.length > 0) throw new SuiteError(path, byLine(reader.issues));
	return suite;
}

function readSource(path: string): string {
	try {
		return readTextInput(path, 'suite file', INPUT_LIMITS.config);
	} catch (error) {
		if (error instanceof FileError) throw new SuiteError(path, [{message: error.problem === 'no such file' ? 'no such suite file' : error.problem}]);
		throw error;
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
