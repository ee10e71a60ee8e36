/** Seeded mutations of JSON documents and JSONL files for the fuzz tests (issue 14). */

/** A small seeded PRNG (mulberry32): the same seed, the same mutations. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Values that have broken readers before: wrong types, huge and tiny numbers, escapes, deep nesting. */
const HOSTILE: readonly unknown[] = [
	null,
	true,
	0,
	-1,
	1e308,
	-1e308,
	2 ** 53 + 1,
	0.5,
	'',
	'x',
	'\u001b]52;c;aGVsbG8=\u0007',
	'\u001b]0;pwned\u0007',
	'\u001b[2J',
	'\u009b2J',
	'NaN',
	'1e308',
	[],
	[1, 'a', null],
	{},
	{a: {b: {c: [1]}}},
	'llmtop/events@99',
	'llmtop/report@99',
	'a'.repeat(10_000),
];

/** A parsed JSON value (objects and arrays walked with casts). */
type Json = unknown;

/** Every path to a value in `value` (arrays sampled: the first, the last and one in between). */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
	out.push(prefix);
	if (Array.isArray(value)) {
		const picks = new Set([0, Math.floor(value.length / 2), value.length - 1].filter((i) => i >= 0 && i < value.length));
		for (const i of picks) paths(value[i] as Json, [...prefix, i], out);
	} else if (value !== null && typeof value === 'object') {
		for (const [key, child] of Object.entries(value)) paths(child, [...prefix, key], out);
	}
	return out;
}

/** One random mutation of a JSON value (a copy): replace, delete or wrap a value somewhere in it. */
export function mutateJson(value: Json, random: () => number): Json {
	const copy = structuredClone(value);
	const all = paths(copy).filter((path) => path.length > 0);
	const path = all[Math.floor(random() * all.length)];
	if (!path) return HOSTILE[Math.floor(random() * HOSTILE.length)] as Json;
	const parentPath = path.slice(0, -1);
	let parent: Json = copy;
	for (const key of parentPath) parent = (parent as Record<string | number, Json>)[key] as Json;
	const key = path.at(-1) as string | number;
	const container = parent as Record<string | number, Json>;
	const choice = random();
	if (choice < 0.15) {
		if (Array.isArray(container) && typeof key === 'number') container.splice(key, 1);
		else delete container[key];
	} else if (choice < 0.25) {
		container[key] = [container[key] as Json];
	} else if (choice < 0.3 && typeof container[key] === 'number') {
		container[key] = -(container[key] as number);
	} else {
		container[key] = structuredClone(HOSTILE[Math.floor(random() * HOSTILE.length)]) as Json;
	}
	return copy;
}

/** One random mutation of a JSONL text: a line's JSON mutated, or lines dropped, duplicated, swapped, cut or replaced by garbage. */
export function mutateJsonl(text: string, random: () => number): string {
	const lines = text.split('\n').filter((line) => line !== '');
	const i = Math.floor(random() * lines.length);
	const j = Math.floor(random() * lines.length);
	const choice = random();
	if (choice < 0.6) {
		const index = random() < 0.3 ? 0 : i;
		try {
			lines[index] = JSON.stringify(mutateJson(JSON.parse(lines[index] ?? 'null') as Json, random));
		} catch {
			lines[index] = '{';
		}
	} else if (choice < 0.68) lines.splice(i, 1);
	else if (choice < 0.76) lines.splice(i, 0, lines[j] ?? '');
	else if (choice < 0.84) [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
	else if (choice < 0.9) lines[i] = (lines[i] ?? '').slice(0, Math.floor(random() * (lines[i] ?? '').length));
	else if (choice < 0.95) lines[i] = String.fromCharCode(...Array.from({length: 40}, () => Math.floor(random() * 256)));
	else return lines.slice(0, i).join('\n');
	return `${lines.join('\n')}\n`;
}
