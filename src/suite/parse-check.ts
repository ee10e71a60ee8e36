import {isScalar} from 'yaml';
import type {Node} from 'yaml';
import type {Check, CheckKind, JsonMode, LabelRegion} from './types.js';
import type {Entry, YamlReader} from './yaml-reader.js';

/** Check kinds, each written as the key naming the check. */
export const CHECK_KINDS: readonly CheckKind[] = ['contains', 'icontains', 'regex', 'not', 'json', 'one-of'];

/** Regex flags a check may use; `g`, `y` and `d` change nothing or break `test`. */
export const REGEX_FLAGS = 'imsu';

const JSON_MODES: readonly JsonMode[] = ['strict', 'fenced', 'embedded'];
const LABEL_REGIONS: readonly LabelRegion[] = ['first-word', 'first-line', 'anywhere'];
const COMMON = ['weight', 'description'] as const;
const MODIFIERS: Record<CheckKind, readonly string[]> = {
	contains: ['mode'],
	icontains: ['mode'],
	regex: ['flags'],
	not: [],
	json: ['required'],
	'one-of': ['expect', 'at'],
};
const ALLOWED_KEYS: readonly string[] = [...CHECK_KINDS, ...new Set(Object.values(MODIFIERS).flat()), ...COMMON];

/**
 * Parses one item of a prompt's `checks` list, reporting problems to the
 * reader. Returns `undefined` when the check is unusable.
 */
export function parseCheck(reader: YamlReader, node: Node | null, line: number, where: string): Check | undefined {
	const entries = reader.entries(node, line, `a check of ${where}`, ALLOWED_KEYS);
	if (!entries) return undefined;
	const kinds = CHECK_KINDS.filter((kind) => entries.has(kind));
	const [kind, second] = kinds;
	if (kind === undefined) return reader.issue(line, `a check of ${where} names no check type; use one of: ${CHECK_KINDS.join(', ')}`);
	if (second !== undefined) {
		return reader.issue(line, `a check of ${where} has two types, "${kind}" and "${second}"; split it into two checks`);
	}
	const main = entries.get(kind)!;
	for (const entry of entries.values()) {
		const applies = entry.key === kind || MODIFIERS[kind].includes(entry.key) || (COMMON as readonly string[]).includes(entry.key);
		if (!applies) reader.issue(entry.line, `"${entry.key}" does not apply to a ${kind} check`);
	}
	const weightEntry = entries.get('weight');
	const weight = weightEntry ? reader.number(weightEntry.value, weightEntry.line, 'check weight', {min: 0, exclusive: true}) : 1;
	const descEntry = entries.get('description');
	const description = descEntry ? reader.string(descEntry.value, descEntry.line, 'check description') : undefined;
	const body = parseBody(reader, kind, main, entries);
	if (body === undefined || weight === undefined || (descEntry && description === undefined)) return undefined;
	return {...body, weight, ...(description === undefined ? {} : {description})} as Check;
}

type CheckBody = Check extends infer C ? (C extends Check ? Omit<C, 'weight' | 'description'> : never) : never;

function parseBody(reader: YamlReader, kind: CheckKind, main: Entry, entries: Map<string, Entry>): CheckBody | undefined {
	switch (kind) {
		case 'contains':
		case 'icontains': {
			const values = reader.stringList(main, kind, true);
			const mode = pick(reader, entries.get('mode'), 'mode', ['any', 'all'] as const, 'any');
			return values && mode ? {kind, values, mode} : undefined;
		}
		case 'not': {
			const values = reader.stringList(main, kind, true);
			return values ? {kind, values} : undefined;
		}
		case 'regex':
			return parseRegex(reader, main, entries.get('flags'));
		case 'json':
			return parseJson(reader, main, entries.get('required'));
		case 'one-of':
			return parseOneOf(reader, main, entries.get('expect'), entries.get('at'));
		default:
			return kind satisfies never;
	}
}

function parseRegex(reader: YamlReader, main: Entry, flagsEntry: Entry | undefined): CheckBody | undefined {
	const pattern = reader.string(main.value, main.line, 'regex');
	const flags = flagsEntry ? reader.string(flagsEntry.value, flagsEntry.line, 'flags', false) : '';
	if (pattern === undefined || flags === undefined) return undefined;
	const flagsLine = flagsEntry?.line ?? main.line;
	const bad = [...flags].find((flag, i) => !REGEX_FLAGS.includes(flag) || flags.indexOf(flag) !== i);
	if (bad !== undefined) return reader.issue(flagsLine, `bad regex flag "${bad}" in "${flags}"; allowed once each: ${[...REGEX_FLAGS].join(', ')}`);
	try {
		new RegExp(pattern, flags);
	} catch (error) {
		return reader.issue(main.line, `bad regex: ${(error as Error).message}`);
	}
	return {kind: 'regex', pattern, flags};
}

function parseJson(reader: YamlReader, main: Entry, requiredEntry: Entry | undefined): CheckBody | undefined {
	const target = reader.resolve(main.value);
	const raw = target && isScalar(target) ? target.value : undefined;
	let mode: JsonMode | undefined;
	if (raw === true) mode = 'strict';
	else if (typeof raw === 'string' && (JSON_MODES as readonly string[]).includes(raw)) mode = raw as JsonMode;
	else reader.issue(main.line, `json must be true or one of ${JSON_MODES.join(', ')}, got ${JSON.stringify(raw ?? null)}`);
	const required = requiredEntry ? reader.stringList(requiredEntry, 'required') : [];
	return mode && required ? {kind: 'json', mode, required} : undefined;
}

function parseOneOf(reader: YamlReader, main: Entry, expectEntry: Entry | undefined, atEntry: Entry | undefined): CheckBody | undefined {
	const labels = reader.stringList(main, 'one-of');
	const at = pick(reader, atEntry, 'at', LABEL_REGIONS, 'first-line');
	let expect: string | undefined;
	if (expectEntry) expect = reader.string(expectEntry.value, expectEntry.line, 'expect');
	if (!labels || !at || (expectEntry && expect === undefined)) return undefined;
	const folded = labels.map((label) => label.trim().toLowerCase());
	if (new Set(folded).size !== labels.length) return reader.issue(main.line, 'one-of lists the same label twice (labels ignore case)');
	if (labels.length < 2) return reader.issue(main.line, 'one-of needs at least two labels to choose from');
	if (expect !== undefined) {
		const index = folded.indexOf(expect.trim().toLowerCase());
		const canonical = labels[index];
		if (canonical === undefined) return reader.issue(expectEntry!.line, `expect "${expect}" is not one of the labels: ${labels.join(', ')}`);
		expect = canonical;
	}
	return {kind: 'one-of', labels, at, ...(expect === undefined ? {} : {expect})};
}

function pick<T extends string>(reader: YamlReader, entry: Entry | undefined, what: string, options: readonly T[], fallback: T): T | undefined {
	if (!entry) return fallback;
	const value = reader.string(entry.value, entry.line, what);
	if (value === undefined) return undefined;
	if (!(options as readonly string[]).includes(value)) return reader.issue(entry.line, `${what} must be one of ${options.join(', ')}, got "${value}"`);
	return value as T;
}
