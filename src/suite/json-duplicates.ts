/**
 * The first key that appears twice in one object of a JSON text, as
 * `path.key` (e.g. `a` or `iocs.ips`), or `undefined`. `JSON.parse` keeps the
 * last of repeated keys silently; an answer that repeats a key to cover
 * several candidate values is not an answer. Expects text `JSON.parse`
 * accepted.
 */
export function findDuplicateKey(text: string): string | undefined {
	const stack: Array<{keys: Set<string> | undefined; path: string; key: string | undefined}> = [];
	let expectKey = false;
	let i = 0;
	while (i < text.length) {
		const char = text[i]!;
		if (char === '"') {
			const end = stringEnd(text, i);
			const top = stack[stack.length - 1];
			if (expectKey && top?.keys) {
				const key = JSON.parse(text.slice(i, end + 1)) as string;
				if (top.keys.has(key)) return join(top.path, key);
				top.keys.add(key);
				top.key = key;
				expectKey = false;
			}
			i = end + 1;
			continue;
		}
		const top = stack[stack.length - 1];
		const path = top ? join(top.path, top.keys ? (top.key ?? '') : '[]') : '';
		if (char === '{') {
			stack.push({keys: new Set(), path: stack.length === 0 ? '' : path, key: undefined});
			expectKey = true;
		} else if (char === '[') {
			stack.push({keys: undefined, path: stack.length === 0 ? '' : path, key: undefined});
		} else if (char === '}' || char === ']') {
			stack.pop();
		} else if (char === ',') {
			expectKey = top?.keys !== undefined;
		}
		i += 1;
	}
	return undefined;
}

function stringEnd(text: string, start: number): number {
	let i = start + 1;
	while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
	return i;
}

function join(path: string, key: string): string {
	return path === '' ? key : `${path}.${key}`;
}
