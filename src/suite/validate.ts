import type {Node} from 'yaml';
import {describeCheck, evaluateCheck, isPositive} from './evaluate.js';
import {parseCheck} from './parse-check.js';
import {scorePrompt} from './score.js';
import type {Check, Suite, SuitePrompt, SuiteWarning} from './types.js';
import type {Entry, YamlReader} from './yaml-reader.js';

/** Keys allowed at the top of a suite. */
export const SUITE_KEYS = ['name', 'description', 'system', 'defaults', 'prompts'] as const;
/** Keys allowed under `defaults`. */
export const DEFAULTS_KEYS = ['maxTokens', 'temperature'] as const;
/** Keys allowed in a prompt. */
export const PROMPT_KEYS = ['id', 'prompt', 'tags', 'weight', 'maxTokens', 'maxChars', 'reference', 'checks'] as const;

/** `maxChars` of a prompt with a reference answer and no `maxChars`: this many times the reference's length... */
export const REFERENCE_LENGTH_FACTOR = 3;
/** ...and at least this many characters. */
export const MIN_DEFAULT_MAX_CHARS = 120;

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
	const warnings: SuiteWarning[] = [];
	const prompts = promptsEntry ? readPrompts(reader, promptsEntry, warnings) : reader.issue(1, 'the suite has no prompts (missing "prompts")');
	if (reader.issues.length > 0 || name === undefined || prompts === undefined) return undefined;
	return {
		name,
		...(description === undefined ? {} : {description}),
		path,
		warnings,
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

function readPrompts(reader: YamlReader, entry: Entry, warnings: SuiteWarning[]): SuitePrompt[] | undefined {
	const items = reader.items(entry, 'prompts');
	if (!items) return undefined;
	if (items.length === 0) return reader.issue(entry.line, 'the suite has no prompts ("prompts" is empty)');
	const prompts: SuitePrompt[] = [];
	const firstLine = new Map<string, number>();
	items.forEach((item, index) => {
		const prompt = readPrompt(reader, item.node, item.line, index, warnings);
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

function readPrompt(
	reader: YamlReader,
	node: Node | null,
	line: number,
	index: number,
	warnings: SuiteWarning[],
): {value: SuitePrompt; line: number} | undefined {
	const map = reader.entries(node, line, `prompt #${index + 1}`, PROMPT_KEYS);
	if (!map) return undefined;
	const idEntry = map.get('id');
	const id = required(reader, map, 'id', line, (e) => readId(reader, e), `prompt #${index + 1}`);
	const where = id === undefined ? `prompt #${index + 1}` : `prompt "${id}"`;
	const prompt = required(reader, map, 'prompt', line, (e) => reader.string(e.value, e.line, `the text of ${where}`), where);
	const tags = optional(map, 'tags', (e) => readTags(reader, e, where)) ?? [];
	const weight = optional(map, 'weight', (e) => reader.number(e.value, e.line, `weight of ${where}`, {min: 0, exclusive: true})) ?? 1;
	const maxTokens = optional(map, 'maxTokens', (e) => reader.number(e.value, e.line, `maxTokens of ${where}`, {integer: true, min: 1}));
	const givenMaxChars = optional(map, 'maxChars', (e) => reader.number(e.value, e.line, `maxChars of ${where}`, {integer: true, min: 1}));
	const reference = optional(map, 'reference', (e) => reader.string(e.value, e.line, `the reference answer of ${where}`));
	const checks = required(reader, map, 'checks', line, (e) => readChecks(reader, e, where, prompt, warnings), where);
	if (id === undefined || prompt === undefined || checks === undefined) return undefined;
	const maxChars = givenMaxChars ?? (reference === undefined ? undefined : defaultMaxChars(reference));
	const value: SuitePrompt = {
		id,
		prompt,
		tags,
		weight,
		...(maxTokens === undefined ? {} : {maxTokens}),
		...(reference === undefined ? {} : {reference}),
		...(maxChars === undefined ? {} : {maxChars}),
		checks,
	};
	if (reference !== undefined) {
		const result = scorePrompt(value, reference);
		const failed = result.checks.filter((check) => !check.passed).map((check) => `${check.description}${check.detail ? ` (${check.detail})` : ''}`);
		if (result.score < 1) {
			reader.issue(
				map.get('reference')!.line,
				`the reference answer of ${where} scores ${result.score.toFixed(2)}, not 1${failed.length > 0 ? `; not met: ${failed.join('; ')}` : ` (longer than maxChars ${maxChars})`}`,
			);
		}
	}
	return {value, line: idEntry?.line ?? line};
}

/** The `maxChars` of a prompt that has a reference answer and no `maxChars`. */
export function defaultMaxChars(reference: string): number {
	return Math.max(MIN_DEFAULT_MAX_CHARS, REFERENCE_LENGTH_FACTOR * reference.trim().length);
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

function readChecks(reader: YamlReader, entry: Entry, where: string, promptText: string | undefined, warnings: SuiteWarning[]): Check[] | undefined {
	const items = reader.items(entry, `checks of ${where}`);
	if (!items) return undefined;
	if (items.length === 0) return reader.issue(entry.line, `${where} has no checks`);
	const checks: Check[] = [];
	let ok = true;
	for (const item of items) {
		const parsed = parseCheck(reader, item.node, item.line, where);
		if (!parsed) {
			ok = false;
			continue;
		}
		checks.push(...parsed);
		for (const check of parsed) {
			if (promptText === undefined || !isPositive(check) || !evaluateCheck(check, promptText).passed) continue;
			warnings.push({
				line: item.line,
				message: `${where}: "${describeCheck(check)}" is met by the prompt's own text, so echoing the prompt meets it; pair it with evidence the artifact does not hold`,
			});
		}
	}
	if (!ok) return undefined;
	if (!checks.some(isPositive)) {
		return reader.issue(
			entry.line,
			`${where} has only negative checks (not, or a regex that matches an empty answer), so any off-topic answer meets them; add a check a good answer must meet`,
		);
	}
	return checks;
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
