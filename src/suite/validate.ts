import type {Node} from 'yaml';
import {parseCheck} from './parse-check.js';
import type {Check, Suite, SuitePrompt} from './types.js';
import type {Entry, YamlReader} from './yaml-reader.js';

/** Keys allowed at the top of a suite. */
export const SUITE_KEYS = ['name', 'description', 'system', 'defaults', 'prompts'] as const;
/** Keys allowed under `defaults`. */
export const DEFAULTS_KEYS = ['maxTokens', 'temperature'] as const;
/** Keys allowed in a prompt. */
export const PROMPT_KEYS = ['id', 'prompt', 'tags', 'weight', 'maxTokens', 'checks'] as const;

/** Prompt ids are used on the command line (`--prompt ID`) and in file names. */
export const PROMPT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Validates a parsed suite document, recording every problem on the reader.
 * Returns the suite only when there were no problems.
 */
export function validateSuite(reader: YamlReader, root: Node | null, path: string): Suite | undefined {
	if (reader.resolve(root) === null) return reader.issue(1, 'the suite is empty; it needs a name and prompts');
	const top = reader.entries(root, 1, 'the suite', SUITE_KEYS);
	if (!top) return undefined;
	const name = required(reader, top, 'name', 1, (e) => reader.string(e.value, e.line, 'name'));
	const description = optional(top, 'description', (e) => reader.string(e.value, e.line, 'description'));
	const system = optional(top, 'system', (e) => reader.string(e.value, e.line, 'system'));
	const defaults = optional(top, 'defaults', (e) => readDefaults(reader, e)) ?? {};
	const promptsEntry = top.get('prompts');
	const prompts = promptsEntry ? readPrompts(reader, promptsEntry) : reader.issue(1, 'the suite has no prompts (missing "prompts")');
	if (reader.issues.length > 0 || name === undefined || prompts === undefined) return undefined;
	return {
		name,
		...(description === undefined ? {} : {description}),
		path,
		...(system === undefined ? {} : {system}),
		defaults,
		prompts,
	};
}

function readDefaults(reader: YamlReader, entry: Entry): Suite['defaults'] | undefined {
	const map = reader.entries(entry.value, entry.line, 'defaults', DEFAULTS_KEYS);
	if (!map) return undefined;
	const maxTokens = optional(map, 'maxTokens', (e) => reader.number(e.value, e.line, 'defaults.maxTokens', {integer: true, min: 1}));
	const temperature = optional(map, 'temperature', (e) => reader.number(e.value, e.line, 'defaults.temperature', {min: 0}));
	return {...(maxTokens === undefined ? {} : {maxTokens}), ...(temperature === undefined ? {} : {temperature})};
}

function readPrompts(reader: YamlReader, entry: Entry): SuitePrompt[] | undefined {
	const items = reader.items(entry, 'prompts');
	if (!items) return undefined;
	if (items.length === 0) return reader.issue(entry.line, 'the suite has no prompts ("prompts" is empty)');
	const prompts: SuitePrompt[] = [];
	const firstLine = new Map<string, number>();
	items.forEach((item, index) => {
		const prompt = readPrompt(reader, item.node, item.line, index);
		if (!prompt) return;
		const id = prompt.value.id;
		const seen = firstLine.get(id);
		if (seen !== undefined) {
			reader.issue(prompt.line, `duplicate prompt id "${id}" (first used at line ${seen})`);
			return;
		}
		firstLine.set(id, prompt.line);
		prompts.push(prompt.value);
	});
	return prompts;
}

function readPrompt(reader: YamlReader, node: Node | null, line: number, index: number): {value: SuitePrompt; line: number} | undefined {
	const map = reader.entries(node, line, `prompt #${index + 1}`, PROMPT_KEYS);
	if (!map) return undefined;
	const idEntry = map.get('id');
	const id = required(reader, map, 'id', line, (e) => readId(reader, e), `prompt #${index + 1}`);
	const where = id === undefined ? `prompt #${index + 1}` : `prompt "${id}"`;
	const prompt = required(reader, map, 'prompt', line, (e) => reader.string(e.value, e.line, `the text of ${where}`), where);
	const tags = optional(map, 'tags', (e) => readTags(reader, e, where)) ?? [];
	const weight = optional(map, 'weight', (e) => reader.number(e.value, e.line, `weight of ${where}`, {min: 0, exclusive: true})) ?? 1;
	const maxTokens = optional(map, 'maxTokens', (e) => reader.number(e.value, e.line, `maxTokens of ${where}`, {integer: true, min: 1}));
	const checks = required(reader, map, 'checks', line, (e) => readChecks(reader, e, where), where);
	if (id === undefined || prompt === undefined || checks === undefined) return undefined;
	const value: SuitePrompt = {id, prompt, tags, weight, ...(maxTokens === undefined ? {} : {maxTokens}), checks};
	return {value, line: idEntry?.line ?? line};
}

function readId(reader: YamlReader, entry: Entry): string | undefined {
	const id = reader.string(entry.value, entry.line, 'prompt id');
	if (id === undefined) return undefined;
	if (!PROMPT_ID_PATTERN.test(id)) {
		return reader.issue(entry.line, `prompt id "${id}" may only use letters, digits, ".", "_" and "-", starting with a letter or digit`);
	}
	return id;
}

function readTags(reader: YamlReader, entry: Entry, where: string): string[] | undefined {
	const tags = reader.stringList(entry, `tags of ${where}`, true);
	if (!tags) return undefined;
	const bad = tags.find((tag) => /[\s,]/.test(tag.trim()));
	if (bad !== undefined) return reader.issue(entry.line, `tag "${bad}" of ${where} must not contain spaces or commas`);
	return [...new Set(tags.map((tag) => tag.trim().toLowerCase()))];
}

function readChecks(reader: YamlReader, entry: Entry, where: string): Check[] | undefined {
	const items = reader.items(entry, `checks of ${where}`);
	if (!items) return undefined;
	if (items.length === 0) return reader.issue(entry.line, `${where} has no checks`);
	const checks: Check[] = [];
	let ok = true;
	for (const item of items) {
		const check = parseCheck(reader, item.node, item.line, where);
		if (check) checks.push(check);
		else ok = false;
	}
	if (!ok) return undefined;
	if (!checks.some(isPositive)) {
		return reader.issue(entry.line, `${where} has only negative checks (not, or a regex that matches an empty answer), so any off-topic answer meets them; add a check a good answer must meet`);
	}
	return checks;
}

/** A check that an off-topic answer does not meet by default. */
export function isPositive(check: Check): boolean {
	if (check.kind === 'not') return false;
	if (check.kind === 'regex') return !new RegExp(check.pattern, check.flags).test('');
	return true;
}

function optional<T>(map: Map<string, Entry>, key: string, read: (entry: Entry) => T | undefined): T | undefined {
	const entry = map.get(key);
	return entry ? read(entry) : undefined;
}

function required<T>(
	reader: YamlReader,
	map: Map<string, Entry>,
	key: string,
	line: number,
	read: (entry: Entry) => T | undefined,
	where = 'the suite',
): T | undefined {
	const entry = map.get(key);
	if (!entry) return reader.issue(line, `${where} is missing "${key}"`);
	return read(entry);
}
