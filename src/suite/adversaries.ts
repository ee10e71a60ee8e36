import type {Check, Suite, SuitePrompt} from './types.js';

/**
 * A built-in gaming strategy: an answer written without reading the question,
 * from what the suite itself reveals (its labels, check values, keys and
 * reference answers). `answer` returns `undefined` for a prompt it does not
 * answer (a reference answer is not scored against its own prompt).
 */
export interface Adversary {
	name: string;
	answer: (prompt: SuitePrompt) => string | undefined;
}

/**
 * The adversaries `llmtop suite check` scores against every prompt: blank,
 * the prompt echoed, every label of every decision, every value of every
 * check in one dump, one universal JSON object (and one with every candidate
 * value under repeated keys), each prompt's reference answer given to every
 * other prompt, each label on a line of its own above the dump, and one
 * constant answer of them all: the most expected label of every decision on
 * the first line, the dump, and the JSON with repeated keys.
 */
export function adversaries(suite: Suite): Adversary[] {
	const checks = suite.prompts.flatMap((prompt) => prompt.checks);
	const labels = unique(checks.flatMap((check) => (check.kind === 'one-of' ? check.labels : [])));
	const dump = valueDump(checks, labels);
	const list: Adversary[] = [
		{name: 'blank', answer: () => ''},
		{name: 'prompt echoed', answer: (prompt) => prompt.prompt},
		{name: 'every label', answer: () => labels.join(' ')},
		{name: 'every value', answer: () => dump},
		{name: 'universal JSON', answer: () => universalJson(checks, false)},
		{name: 'universal JSON, repeated keys', answer: () => universalJson(checks, true)},
	];
	for (const owner of suite.prompts) {
		const reference = owner.reference;
		if (reference === undefined) continue;
		list.push({name: `reference of ${owner.id}`, answer: (prompt) => (prompt.id === owner.id ? undefined : reference)});
	}
	for (const label of labels) list.push({name: `${label} + every value`, answer: () => `${label}\n${dump}`});
	const favourites = favouriteLabels(checks);
	const sink = `${favourites.join(' ')}\n${dump}\n${universalJson(checks, true)}`;
	list.push({name: 'one label per decision + every value + JSON', answer: () => sink});
	return list;
}

/** For each set of labels, the one its checks expect most often (the suite file shows them). */
function favouriteLabels(checks: readonly Check[]): string[] {
	const bySet = new Map<string, Map<string, number>>();
	for (const check of checks) {
		if (check.kind !== 'one-of') continue;
		const key = [...check.labels].sort().join('|');
		const counts = bySet.get(key) ?? new Map(check.labels.map((label) => [label, 0]));
		if (check.expect !== undefined) counts.set(check.expect, (counts.get(check.expect) ?? 0) + 1);
		bySet.set(key, counts);
	}
	return [...bySet.values()].map((counts) => [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
}

/** Every value of every positive check, each regex read as a literal, and every label: one line of text. */
function valueDump(checks: readonly Check[], labels: readonly string[]): string {
	const values = checks.flatMap((check): string[] => {
		switch (check.kind) {
			case 'contains':
			case 'icontains':
				return check.values;
			case 'regex':
				return [regexLiteral(check.pattern)];
			case 'json':
				return check.required;
			case 'json-field':
				return [`${check.path.join('.')}: ${regexLiteral(check.pattern)}`];
			case 'one-of':
			case 'not':
				return [];
			default:
				return check satisfies never;
		}
	});
	return unique([...labels, ...values].map((value) => value.trim()).filter((value) => value !== '')).join(' ');
}

/**
 * One JSON object with every required key and every field of the suite's
 * JSON checks. Without `repeat`, a path's first candidate value; with it,
 * every candidate value of a top-level key, the key repeated for each.
 */
function universalJson(checks: readonly Check[], repeat: boolean): string {
	const candidates = new Map<string, string[]>();
	const add = (key: string, value: string): void => {
		candidates.set(key, unique([...(candidates.get(key) ?? []), value]));
	};
	for (const check of checks) {
		if (check.kind === 'json') for (const key of check.required) add(key, '');
		if (check.kind === 'json-field') add(check.path[0]!, nested(check.path.slice(1), regexLiteral(check.pattern)));
	}
	const members: string[] = [];
	for (const [key, values] of candidates) {
		const real = values.filter((value) => value !== '');
		const chosen = real.length === 0 ? ['""'] : repeat ? real : real.slice(0, 1);
		for (const value of chosen) members.push(`${JSON.stringify(key)}: ${value}`);
	}
	return `{${members.join(', ')}}`;
}

function nested(path: readonly string[], value: string): string {
	const leaf = /^-?\d+(?:\.\d+)?$/.test(value) ? value : JSON.stringify(value);
	return path.reduceRight((inner, key) => `{${JSON.stringify(key)}: ${inner}}`, leaf);
}

/**
 * A literal reading of a regular expression, good enough to put its IDs and
 * words into a dump: anchors and lookarounds dropped, the first alternative
 * of each group kept, optional parts kept, escapes undone, `\s`/`\W` read as
 * a space, an unescaped `.` dropped. `T1218\.005` -> `T1218.005`; `'type\W{0,3}3\b'` -> `type 3`.
 */
export function regexLiteral(pattern: string): string {
	let text = pattern
		.replace(/\(\?<?[!=](?:[^()\\]|\\.)*\)/g, '')
		.replace(/\\[bB]|\^|\$/g, '')
		.replace(/\\[sWD](?:\{\d*,?\d*\}|[+*?])?/g, ' ')
		.replace(/\[\^(?:[^\]\\]|\\.)*\](?:\{\d*,?\d*\}|[+*?])?/g, '')
		.replace(/\[((?:\\.|[^\]\\])?)(?:[^\]\\]|\\.)*\](?:\{\d*,?\d*\}|[+*?])?/g, '$1')
		.replace(/\(\?:/g, '(')
		.replace(/(?<!\\)\.(?:\{\d*,?\d*\}|[+*?])?/g, '');
	for (let previous = ''; previous !== text;) {
		previous = text;
		text = text.replace(/\(([^()]*)\)[?*+]?/g, (_, inner: string) => firstAlternative(inner));
	}
	return firstAlternative(text)
		.replace(/(^|[^\\])[?*+]/g, '$1')
		.replace(/\\(.)/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

function firstAlternative(text: string): string {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '\\') i += 1;
		else if (char === '(') depth += 1;
		else if (char === ')') depth -= 1;
		else if (char === '|' && depth === 0) return text.slice(0, i);
	}
	return text;
}

function unique(values: readonly string[]): string[] {
	return [...new Set(values)];
}
