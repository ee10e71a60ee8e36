/**
 * A small JSON Schema (2020-12) checker for the subset llmtop's schemas use
 * (`type`, `enum`, `const`, `required`, `properties`, `items`, `$ref` into
 * `$defs`, `oneOf`, `allOf`, `anyOf`, `minimum`, `maximum`), so a report or
 * an event read from a file is checked against the shipped schema without a
 * runtime dependency. The first problem is named by its path in the file:
 * `prompts[3].e2eMs: expected number, got string`.
 */

/** A schema node (the subset above). */
export interface SchemaNode {
	type?: string | string[];
	enum?: unknown[];
	const?: unknown;
	required?: string[];
	properties?: Record<string, SchemaNode>;
	items?: SchemaNode;
	$ref?: string;
	$defs?: Record<string, SchemaNode>;
	oneOf?: SchemaNode[];
	anyOf?: SchemaNode[];
	allOf?: SchemaNode[];
	minimum?: number;
	maximum?: number;
	/** Documentation keywords, not checked. */
	$schema?: string;
	$id?: string;
	title?: string;
	description?: string;
}

/** The first problem of `value` against `schema` (`root` holds the `$defs`), or undefined when it fits. */
export function firstSchemaProblem(value: unknown, schema: SchemaNode, root: SchemaNode = schema, path = ''): string | undefined {
	if (schema.$ref !== undefined) {
		const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
		const target = name === undefined ? undefined : root.$defs?.[name];
		if (!target) return `${where(path)}: the schema's $ref ${schema.$ref} is unknown`;
		const problem = firstSchemaProblem(value, target, root, path);
		if (problem) return problem;
	}
	if (schema.const !== undefined && value !== schema.const) return `${where(path)}: expected ${JSON.stringify(schema.const)}, got ${show(value)}`;
	if (schema.enum && !schema.enum.includes(value as never))
		return `${where(path)}: expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${show(value)}`;
	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((type) => isType(value, type))) return `${where(path)}: expected ${types.join(' or ')}, got ${show(value)}`;
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) return `${where(path)}: expected at least ${schema.minimum}, got ${value}`;
		if (schema.maximum !== undefined && value > schema.maximum) return `${where(path)}: expected at most ${schema.maximum}, got ${value}`;
	}
	for (const sub of schema.allOf ?? []) {
		const problem = firstSchemaProblem(value, sub, root, path);
		if (problem) return problem;
	}
	const alternatives = schema.oneOf ?? schema.anyOf;
	if (alternatives) {
		const problems = alternatives.map((sub) => firstSchemaProblem(value, sub, root, path));
		if (!problems.some((problem) => problem === undefined)) {
			// Name the problem against the alternative that is not just `null` (`a phase span or null`: the span's problem).
			const telling = problems.filter((_problem, i) => alternatives[i]?.type !== 'null');
			return telling[0] ?? problems[0];
		}
	}
	if (isObject(value)) {
		for (const key of schema.required ?? []) if (!Object.hasOwn(value, key)) return `${where(join(path, key))}: missing`;
		for (const [key, sub] of Object.entries(schema.properties ?? {})) {
			if (!Object.hasOwn(value, key)) continue;
			const problem = firstSchemaProblem(value[key], sub, root, join(path, key));
			if (problem) return problem;
		}
	}
	if (Array.isArray(value) && schema.items) {
		for (const [index, item] of value.entries()) {
			const problem = firstSchemaProblem(item, schema.items, root, `${path}[${index}]`);
			if (problem) return problem;
		}
	}
	return undefined;
}

function isType(value: unknown, type: string): boolean {
	switch (type) {
		case 'null':
			return value === null;
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'integer':
			return Number.isSafeInteger(value);
		case 'string':
			return typeof value === 'string';
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return isObject(value);
		default:
			return false;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
	return /^[A-Za-z_$][\w$-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

function where(path: string): string {
	return path === '' ? '(top level)' : path;
}

function show(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'string') return value.length > 40 ? 'string' : `string ${JSON.stringify(value)}`;
	if (typeof value === 'number') return `${value}`;
	return typeof value;
}
