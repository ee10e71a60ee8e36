import {isAlias, isCollection, LineCounter, parseDocument, visit} from 'yaml';
import {FileError} from '../files/errors.js';
import {INPUT_LIMITS, readTextInput} from '../files/read-input.js';
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
		if (error instanceof RangeError) throw new SuiteError(path, [{message: `nested too deeply to read (at most ${YAML_LIMITS.depth} levels)`}]);
		throw error;
	}
	const reader = new YamlReader(doc, lineCounter, lastLine(source));
	const limit = checkYamlLimits(doc, reader);
	if (limit) throw new SuiteError(path, [limit]);
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

/** Bounds on a suite's YAML: alias resolution is quadratic in the `yaml` package, and deep nesting exhausts the stack. */
export const YAML_LIMITS = {aliases: 100, depth: 64} as const;

/** The first bound a parsed suite exceeds, as an issue with its line. */
function checkYamlLimits(doc: ReturnType<typeof parseDocument>, reader: YamlReader): SuiteIssue | undefined {
	let aliases = 0;
	let found: SuiteIssue | undefined;
	try {
		visit(doc, (_key, node, path) => {
			if (isAlias(node) && ++aliases > YAML_LIMITS.aliases) {
				found = {line: reader.line(node), message: `uses more than ${YAML_LIMITS.aliases} YAML aliases (*name); write the values out`};
				return visit.BREAK;
			}
			if (isCollection(node) && path.filter(isCollection).length >= YAML_LIMITS.depth) {
				found = {line: reader.line(node), message: `nested more than ${YAML_LIMITS.depth} levels deep`};
				return visit.BREAK;
			}
			return undefined;
		});
	} catch (error) {
		if (error instanceof RangeError) return {message: `nested too deeply to read (at most ${YAML_LIMITS.depth} levels)`};
		throw error;
	}
	return found;
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
