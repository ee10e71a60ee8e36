/**
 * The value at a key path of a parsed JSON answer, as text: a string as is,
 * a number, boolean or null as JSON writes it, an object as its JSON text;
 * an array as each of its items so (`list: true`). `undefined` when the path
 * does not lead anywhere.
 */
export function fieldValues(json: unknown, path: readonly string[]): {values: string[]; list: boolean} | undefined {
	let node: unknown = json;
	for (const key of path) {
		if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, key)) return undefined;
		node = (node as Record<string, unknown>)[key];
	}
	return Array.isArray(node) ? {values: node.map(asText), list: true} : {values: [asText(node)], list: false};
}

function asText(value: unknown): string {
	return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** A `fields` key split into its path: `iocs.ips` -> `['iocs', 'ips']`. */
export function splitPath(key: string): string[] {
	return key.split('.');
}
