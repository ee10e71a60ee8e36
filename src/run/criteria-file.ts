/**
 * `--criteria FILE`: YAML or JSON, every key optional.
 *
 * ```yaml
 * criteria:
 *   idle-cpu:        { max: 2 }
 *   rss-peak:        { max: 6GiB }
 *   latency-ratio:   { max: 2.0, exclusive: true }
 *   correctness:     { min: 0.8 }
 *   active-cpu-p99:  { enabled: false }
 * ```
 * A criterion whose default is an upper bound takes `max`, a lower bound
 * `min`; `exclusive: true` makes the comparison strict (`<` / `>`), `false`
 * inclusive; `enabled: false` turns it into a `skip`. `rss-peak` also takes
 * sizes (`6GiB`, `512MiB`, `8GB`). Each bound must lie in its criterion's
 * range ({@link BOUND_RANGES}: a score in [0, 1], CPU in [0, 100] % of the
 * machine, a p99/p50 ratio >= 1, a count of prompts a whole number). Both formats are read by the `yaml`
 * package (YAML 1.2 is a superset of JSON); a `.json` file must also be
 * strict JSON. Errors are {@link CriteriaFileError}s naming file, key and line.
 */
import {isMap, isScalar, LineCounter, parseDocument, type Node, type Pair} from 'yaml';
import {CriteriaFileError, type CriteriaFileProblem} from './criteria-file-error.js';
import {CRITERION_IDS, DEFAULT_CRITERIA, defaultCriteria} from './criteria.js';
import {parseSize} from './size.js';
import type {CriterionId, CriterionOp, CriterionSpec} from './types.js';
import {checkYamlLimits, isStackOverflow, TOO_DEEP_TO_READ} from './yaml-limits.js';

/** One criterion's overrides as read from the file. */
export interface CriterionOverride {
	id: CriterionId;
	/** New threshold (from `max` or `min`). */
	threshold?: number;
	exclusive?: boolean;
	enabled?: boolean;
}

interface Context {
	file: string;
	lines: LineCounter;
}

/** Parses a criteria file's text; `file` is only used in error messages (and `.json` means strict JSON). */
export function parseCriteriaFile(text: string, file: string): CriterionOverride[] {
	const lines = new LineCounter();
	const doc = parseBounded(text, file, lines);
	if (/\.json$/i.test(file)) assertStrictJson(text, file, lines);
	const syntax = doc.errors[0];
	if (syntax) {
		const line = syntax.linePos?.[0].line ?? lines.linePos(syntax.pos[0]).line;
		const detail = syntax.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'malformed';
		throw new CriteriaFileError({file, line, key: null, problem: 'malformed', detail: `malformed YAML: ${detail}`});
	}
	const context: Context = {file, lines};
	const root = doc.contents;
	if (isBlank(root)) return [];
	if (!isMap(root)) throw fail(context, root, null, 'wrong-type', 'the file must be a mapping with a `criteria` key');
	const overrides: CriterionOverride[] = [];
	for (const pair of root.items as Pair<Node, Node | null>[]) {
		const key = keyName(pair);
		if (key !== 'criteria') throw fail(context, pair.key, key, 'unknown-key', 'unknown key (expected criteria)');
		const criteria = pair.value;
		if (isBlank(criteria)) continue;
		if (!isMap(criteria)) throw fail(context, pair.key, 'criteria', 'wrong-type', 'expected a mapping of criterion ids');
		for (const entry of criteria.items as Pair<Node, Node | null>[]) overrides.push(readCriterion(context, entry));
	}
	return overrides;
}

/** Parses YAML text and refuses a document over the {@link checkYamlLimits} bounds (alias bombs, deep nesting). */
function parseBounded(text: string, file: string, lines: LineCounter): ReturnType<typeof parseDocument> {
	const refuse = (line: number | null, detail: string): CriteriaFileError => new CriteriaFileError({file, line, key: null, problem: 'malformed', detail});
	let doc: ReturnType<typeof parseDocument>;
	try {
		doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true, prettyErrors: true});
	} catch (error) {
		if (isStackOverflow(error)) throw refuse(null, TOO_DEEP_TO_READ);
		throw error;
	}
	const limit = checkYamlLimits(doc);
	if (limit) throw refuse(limit.offset === undefined ? null : lines.linePos(limit.offset).line, limit.message);
	return doc;
}

/** Applies overrides to specs (ids not overridden keep their spec); returns new specs. */
export function applyCriteriaOverrides(specs: readonly CriterionSpec[], overrides: readonly CriterionOverride[]): CriterionSpec[] {
	return specs.map((spec) => {
		const result: CriterionSpec = {...spec};
		for (const override of overrides) {
			if (override.id !== spec.id) continue;
			if (override.threshold !== undefined) result.threshold = override.threshold;
			if (override.enabled !== undefined) result.enabled = override.enabled;
			if (override.exclusive !== undefined) result.op = withExclusive(result.op, override.exclusive);
		}
		return result;
	});
}

/**
 * Reads, parses and applies a criteria file to `base` (the defaults unless
 * given). `readText` does the I/O (e.g. `(f) => fs.readFileSync(f, 'utf8')`),
 * so this module stays pure; its ENOENT / EISDIR / other errors become
 * {@link CriteriaFileError}s.
 */
export function loadCriteriaFile(file: string, readText: (file: string) => string, base: readonly CriterionSpec[] = defaultCriteria()): CriterionSpec[] {
	let text: string;
	try {
		text = readText(file);
	} catch (error) {
		const code = (error as {code?: unknown}).code;
		const problem: CriteriaFileProblem = code === 'ENOENT' ? 'missing' : 'unreadable';
		const detail = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${(error as Error).message})`;
		throw new CriteriaFileError({file, line: null, key: null, problem, detail});
	}
	return applyCriteriaOverrides(base, parseCriteriaFile(text, file));
}

function readCriterion(context: Context, entry: Pair<Node, Node | null>): CriterionOverride {
	const id = keyName(entry);
	const path = `criteria.${id}`;
	if (!(CRITERION_IDS as readonly string[]).includes(id)) {
		throw fail(context, entry.key, path, 'unknown-id', `unknown criterion (expected one of ${CRITERION_IDS.join(', ')})`);
	}
	const criterionId = id as CriterionId;
	const override: CriterionOverride = {id: criterionId};
	const body = entry.value;
	if (isBlank(body)) return override;
	if (!isMap(body)) throw fail(context, entry.key, path, 'wrong-type', 'expected a mapping such as { max: 2 }');
	const spec = DEFAULT_CRITERIA.find((candidate) => candidate.id === criterionId) as CriterionSpec;
	const boundKey = spec.op === '<=' || spec.op === '<' ? 'max' : 'min';
	for (const pair of body.items as Pair<Node, Node | null>[]) {
		const key = keyName(pair);
		const keyPath = `${path}.${key}`;
		const value = isScalar(pair.value) ? pair.value.value : pair.value === null ? null : pair.value.toJSON();
		if (key === boundKey) override.threshold = inRange(context, pair, keyPath, readBound(context, pair, keyPath, value, spec.unit === 'bytes'), spec.unit);
		else if (key === 'exclusive' || key === 'enabled') {
			if (typeof value !== 'boolean') throw fail(context, pair.key, keyPath, 'wrong-type', `expected true or false, got ${describe(value)}`);
			override[key] = value;
		} else {
			throw fail(context, pair.key, keyPath, 'unknown-key', `unknown key (expected ${boundKey}, exclusive or enabled)`);
		}
	}
	return override;
}

function readBound(context: Context, pair: Pair<Node, Node | null>, path: string, value: unknown, isSize: boolean): number {
	let bound: number | null = typeof value === 'number' ? value : null;
	if (isSize && typeof value === 'string') {
		if (/^\s*-/.test(value)) throw fail(context, pair.key, path, 'negative-bound', `must not be negative, got ${value}`);
		bound = parseSize(value);
	}
	if (bound === null || !Number.isFinite(bound)) {
		const expected = isSize ? 'a number of bytes or a size such as 6GiB' : 'a number';
		throw fail(context, pair.key, path, 'wrong-type', `expected ${expected}, got ${describe(value)}`);
	}
	if (bound < 0) throw fail(context, pair.key, path, 'negative-bound', `must not be negative, got ${bound}`);
	return bound;
}

/** The bounds a criterion's threshold may take, by unit. */
export const BOUND_RANGES: Readonly<Record<CriterionSpec['unit'], {min: number; max: number; integer: boolean; what: string}>> = {
	'%': {min: 0, max: 100, integer: false, what: '% of the machine'},
	ms: {min: 0, max: Number.POSITIVE_INFINITY, integer: false, what: 'ms'},
	bytes: {min: 0, max: Number.POSITIVE_INFINITY, integer: false, what: 'bytes'},
	ratio: {min: 1, max: Number.POSITIVE_INFINITY, integer: false, what: 'a p99/p50 ratio, never below 1'},
	score: {min: 0, max: 1, integer: false, what: 'a score'},
	count: {min: 0, max: Number.POSITIVE_INFINITY, integer: true, what: 'a count'},
};

function inRange(context: Context, pair: Pair<Node, Node | null>, path: string, bound: number, unit: CriterionSpec['unit']): number {
	const range = BOUND_RANGES[unit];
	if (range.integer && !Number.isInteger(bound)) throw fail(context, pair.key, path, 'out-of-range', `must be a whole number (${range.what}), got ${bound}`);
	if (bound < range.min || bound > range.max) {
		const span = range.max === Number.POSITIVE_INFINITY ? `at least ${range.min}` : `between ${range.min} and ${range.max}`;
		throw fail(context, pair.key, path, 'out-of-range', `must be ${span} (${range.what}), got ${bound}`);
	}
	return bound;
}

function withExclusive(op: CriterionOp, exclusive: boolean): CriterionOp {
	const upper = op === '<=' || op === '<';
	if (upper) return exclusive ? '<' : '<=';
	return exclusive ? '>' : '>=';
}

/** An absent value: nothing after the key, or an explicit `null` / `~`. */
function isBlank(node: Node | null): boolean {
	return node === null || (isScalar(node) && node.value === null);
}

function keyName(pair: Pair<Node, Node | null>): string {
	const key = pair.key as unknown;
	return isScalar(key) ? String(key.value) : String(key);
}

function describe(value: unknown): string {
	if (value === null) return 'nothing';
	if (typeof value === 'string') return `the text "${value}"`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	return `${typeof value} ${String(value)}`;
}

function lineOf(context: Context, node: unknown): number | null {
	const range = (node as {range?: [number, number, number]} | null)?.range;
	return range ? context.lines.linePos(range[0]).line : null;
}

function fail(context: Context, node: unknown, key: string | null, problem: CriteriaFileProblem, detail: string): CriteriaFileError {
	return new CriteriaFileError({file: context.file, line: lineOf(context, node), key, problem, detail});
}

function assertStrictJson(text: string, file: string, lines: LineCounter): void {
	if (text.trim() === '') return;
	try {
		JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message;
		const position = /at position (\d+)/.exec(message)?.[1];
		const end = Math.max(0, text.trimEnd().length - 1);
		const offset = Math.min(end, position === undefined ? end : Number(position));
		const detail = `malformed JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
		throw new CriteriaFileError({file, line: lines.linePos(offset).line, key: null, problem: 'malformed', detail});
	}
}
