import {isAlias, isMap, isScalar, isSeq} from 'yaml';
import type {Document, LineCounter, Node, Scalar, YAMLMap} from 'yaml';
import type {SuiteIssue} from './errors.js';

/** A key of a YAML mapping and its value node, with the key's line. */
export interface Entry {
	key: string;
	line: number;
	value: Node | null;
}

/**
 * Reads typed values out of a parsed YAML document, recording a `SuiteIssue`
 * with the offending node's line for every wrong type or unknown key and
 * returning `undefined` for it, so validation can go on and report all issues.
 */
export class YamlReader {
	readonly issues: SuiteIssue[] = [];

	constructor(
		private readonly doc: Document,
		private readonly lineCounter: LineCounter,
		private readonly lastLine: number,
	) {}

	/** 1-based line where `node` starts (clamped to the file). */
	line(node: Node | null | undefined, fallback = 1): number {
		const offset = node?.range?.[0];
		if (offset === undefined) return fallback;
		return this.lineAt(offset);
	}

	/** 1-based line of a character offset (clamped to the file). */
	lineAt(offset: number): number {
		return Math.min(this.lineCounter.linePos(offset).line, this.lastLine);
	}

	issue(line: number, message: string): undefined {
		this.issues.push({line, message});
		return undefined;
	}

	/** The node an alias points to; other nodes as they are. */
	resolve(node: Node | null): Node | null {
		if (node && isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
		return node;
	}

	/**
	 * The entries of a mapping. Keys not in `allowed` are reported (with a
	 * suggestion when only case or `_`/`-` differ) and left out.
	 */
	entries(node: Node | null, line: number, what: string, allowed: readonly string[]): Map<string, Entry> | undefined {
		const target = this.resolve(node);
		if (!target || !isMap(target)) return this.issue(line, `${what} must be a mapping (key: value), got ${describe(target)}`);
		const out = new Map<string, Entry>();
		for (const pair of (target as YAMLMap<unknown, unknown>).items) {
			const keyNode = pair.key as Node | null;
			const keyLine = this.line(keyNode, line);
			const key = isScalar(keyNode) ? keyNode.value : undefined;
			if (typeof key !== 'string') {
				this.issue(keyLine, `${what} has a key that is not a string`);
				continue;
			}
			if (!allowed.includes(key)) {
				const hint = suggest(key, allowed);
				this.issue(keyLine, `unknown key "${key}" in ${what}${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`);
				continue;
			}
			out.set(key, {key, line: keyLine, value: (pair.value as Node | null) ?? null});
		}
		return out;
	}

	/** The items of a sequence; a single scalar reads as a one-item list when `scalarOk`. */
	items(entry: Entry, what: string, scalarOk = false): Array<{node: Node | null; line: number}> | undefined {
		const target = this.resolve(entry.value);
		if (target && isSeq(target)) {
			return target.items.map((item) => ({node: item as Node | null, line: this.line(item as Node | null, entry.line)}));
		}
		if (scalarOk && target && isScalar(target)) return [{node: target, line: this.line(entry.value, entry.line)}];
		return this.issue(entry.line, `${what} must be a list${scalarOk ? ' or a single value' : ''}, got ${describe(target)}`);
	}

	/** A string scalar; `nonEmpty` rejects blank strings. */
	string(node: Node | null, line: number, what: string, nonEmpty = true): string | undefined {
		const value = this.scalar(node);
		if (value === null && nonEmpty) return this.issue(line, `${what} is empty`);
		if (typeof value !== 'string') {
			const hint = typeof value === 'number' || typeof value === 'boolean' ? ' (quote it to make it a string)' : '';
			return this.issue(line, `${what} must be a string, got ${describe(this.resolve(node))}${hint}`);
		}
		if (nonEmpty && value.trim() === '') return this.issue(line, `${what} is empty`);
		return value;
	}

	/** A finite number, optionally an integer, above (or at) a minimum. */
	number(node: Node | null, line: number, what: string, opts: {integer?: boolean; min: number; exclusive?: boolean}): number | undefined {
		const value = this.scalar(node);
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			return this.issue(line, `${what} must be a number, got ${describe(this.resolve(node))}`);
		}
		if (opts.integer && !Number.isInteger(value)) return this.issue(line, `${what} must be a whole number, got ${value}`);
		if (opts.exclusive ? value <= opts.min : value < opts.min) {
			return this.issue(line, `${what} must be ${opts.exclusive ? 'greater than' : 'at least'} ${opts.min}, got ${value}`);
		}
		return value;
	}

	/** A list of non-empty strings (or one string when `scalarOk`); an empty list is an issue. */
	stringList(entry: Entry, what: string, scalarOk = false): string[] | undefined {
		if (this.scalar(entry.value) === null) return this.issue(entry.line, `${what} has no values`);
		const items = this.items(entry, what, scalarOk);
		if (!items) return undefined;
		if (items.length === 0) return this.issue(entry.line, `${what} has no values`);
		const out: string[] = [];
		let ok = true;
		for (const item of items) {
			const value = this.string(item.node, item.line, `a value of ${what}`);
			if (value === undefined) ok = false;
			else out.push(value);
		}
		return ok ? out : undefined;
	}

	/** The value of a scalar node (`null` for an absent value); `undefined` for collections. */
	private scalar(node: Node | null): unknown {
		const target = this.resolve(node);
		if (!target) return null;
		return isScalar(target) ? (target as Scalar).value : undefined;
	}
}

/** A short description of a node's type for messages. */
export function describe(node: Node | null | undefined): string {
	if (!node) return 'nothing';
	if (isMap(node)) return 'a mapping';
	if (isSeq(node)) return 'a list';
	if (isScalar(node)) {
		const value = node.value;
		if (value === null) return 'nothing';
		if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
		return `${typeof value} ${String(value)}`;
	}
	return 'an unsupported value';
}

/** The allowed key the user most likely meant: same but for case, `_` or `-`, or a typo or two away. */
function suggest(key: string, allowed: readonly string[]): string | undefined {
	const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
	const same = allowed.find((candidate) => norm(candidate) === norm(key));
	if (same !== undefined || key.length < 4) return same;
	let best: {key: string; distance: number} | undefined;
	for (const candidate of allowed) {
		const distance = editDistance(norm(key), norm(candidate));
		if (distance <= 2 && (!best || distance < best.distance)) best = {key: candidate, distance};
	}
	return best?.key;
}

/** Levenshtein distance counting an adjacent swap as one edit. */
function editDistance(a: string, b: string): number {
	const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
			rows[i]![j] = best;
		}
	}
	return at(a.length, b.length);
}
