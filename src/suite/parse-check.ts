import {isMap, isScalar} from 'yaml';
import type {Node, YAMLMap} from 'yaml';
import {splitPath} from './json-fields.js';
import type {Check, CheckKind, JsonFieldCheck, JsonMode, LabelRegion} from './types.js';
import type {Entry, YamlReader} from './yaml-reader.js';

/** Check kinds written as a YAML type key (`json-field` comes from a `json` check's `fields`). */
type YamlKind = Exclude<CheckKind, 'json-field'>;

/** Check kinds, each written as the key naming the check. */
export const CHECK_KINDS: readonly YamlKind[] = ['contains', 'icontains', 'regex', 'not', 'json', 'one-of'];

/** Regex flags a check may use; `g`, `y` and `d` change nothing or break `test`. */
export const REGEX_FLAGS = 'imsu';

const JSON_MODES: readonly JsonMode[] = ['strict', 'fenced', 'embedded'];
const LABEL_REGIONS: readonly LabelRegion[] = ['first-word', 'first-line', 'anywhere'];
const COMMON = ['weight', 'description'] as const;
const MODIFIERS: Record<YamlKind, readonly string[]> = {
	contains: ['mode'],
	icontains: ['mode'],
	regex: ['flags'],
	not: [],
	json: ['required', 'only', 'fields'],
	'one-of': ['expect', 'at'],
};
const ALLOWED_KEYS: readonly string[] = [...CHECK_KINDS, ...new Set(Object.values(MODIFIERS).flat()), ...COMMON];

/**
 * Parses one item of a prompt's `checks` list, reporting problems to the
 * reader: one check, or for a `json` check with `fields` the JSON check and
 * one `json-field` check (weight 1) per field. `undefined` when unusable.
 */
export function parseCheck(reader: YamlReader, node: Node | null, line: number, where: string): Check[] | undefined {
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
	const fieldsEntry = kind === 'json' ? entries.get('fields') : undefined;
	const keys = body?.kind === 'json' && body.only ? body.required : undefined;
	const fields = fieldsEntry ? parseFields(reader, fieldsEntry, keys) : [];
	if (body === undefined || fields === undefined || weight === undefined || (descEntry && description === undefined)) return undefined;
	return [{...body, weight, ...(description === undefined ? {} : {description})} as Check, ...fields];
}

type CheckBody = Check extends infer C ? (C extends Check ? Omit<C, 'weight' | 'description'> : never) : never;

function parseFields(reader: YamlReader, entry: Entry, keys: string[] | undefined): JsonFieldCheck[] | undefined {
	const target = reader.resolve(entry.value);
	if (!target || !isMap(target)) return reader.issue(entry.line, "fields must be a mapping of key path to pattern, e.g. {technique: 'T1543\\.004'}");
	const fields: JsonFieldCheck[] = [];
	let ok = true;
	for (const pair of (target as YAMLMap<unknown, unknown>).items) {
		const keyNode = pair.key as Node | null;
		const line = reader.line(keyNode, entry.line);
		const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
		const pattern = reader.string((pair.value as Node | null) ?? null, line, `the pattern of field "${key ?? '?'}"`);
		if (key === undefined || key.split('.').some((part) => part === '')) {
			ok = false;
			reader.issue(line, 'a key of fields must be a key path such as ips or iocs.ips');
			continue;
		}
		if (pattern === undefined) {
			ok = false;
			continue;
		}
		try {
			new RegExp(`^(?:${pattern})$`, 'iu');
		} catch (error) {
			ok = false;
			reader.issue(line, `bad pattern of field "${key}": ${(error as Error).message}`);
			continue;
		}
		fields.push({kind: 'json-field', path: splitPath(key), pattern, ...(keys === undefined ? {} : {keys}), weight: 1});
	}
	if (ok && fields.length === 0) return reader.issue(entry.line, 'fields is empty');
	return ok ? fields : undefined;
}

function parseBody(reader: YamlReader, kind: YamlKind, main: Entry, entries: Map<string, Entry>): CheckBody | undefined {
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
			return parseJson(reader, main, entries.get('required'), entries.get('only'));
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

function parseJson(reader: YamlReader, main: Entry, requiredEntry: Entry | undefined, onlyEntry: Entry | undefined): CheckBody | undefined {
	const target = reader.resolve(main.value);
	const raw = target && isScalar(target) ? target.value : undefined;
	let mode: JsonMode | undefined;
	if (raw === true) mode = 'strict';
	else if (typeof raw === 'string' && (JSON_MODES as readonly string[]).includes(raw)) mode = raw as JsonMode;
	else reader.issue(main.line, `json must be true or one of ${JSON_MODES.join(', ')}, got ${JSON.stringify(raw ?? null)}`);
	const required = requiredEntry ? reader.stringList(requiredEntry, 'required') : [];
	const onlyNode = onlyEntry ? reader.resolve(onlyEntry.value) : null;
	const only = onlyEntry ? (isScalar(onlyNode) ? onlyNode.value : undefined) : false;
	if (typeof only !== 'boolean') return reader.issue(onlyEntry!.line, 'only must be true or false');
	if (only && required?.length === 0) return reader.issue(onlyEntry!.line, 'only needs required: the keys the object may have');
	return mode && required ? {kind: 'json', mode, required, only} : undefined;
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
