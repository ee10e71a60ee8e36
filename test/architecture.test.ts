/**
 * The import rules of the architecture (README "How it is built"), read from the source: no
 * import cycle, nothing imports the commands, the conductor and the synth
 * library stay below them, the views read only the store.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Every `.ts`/`.tsx` file under `dir`, as a path relative to the repository (`src/cli/main.ts`). */
function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
	});
}

/** Specifiers of `import ... from`, `export ... from`, `import '...'` and `import('...')` (comments stripped first). */
export function importSpecifiers(source: string): string[] {
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	const found: string[] = [];
	const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
	for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1] ?? '');
	return found;
}

/** The file a relative specifier names (`./x.js` -> `x.ts` or `x.tsx`), or undefined for a package. */
function resolveImport(from: string, specifier: string, files: Set<string>): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = relative(ROOT, resolve(ROOT, dirname(from), specifier)).replace(/\.js$/, '');
	for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (files.has(candidate)) return candidate;
	throw new Error(`${from}: cannot resolve '${specifier}'`);
}

function importGraph(): Map<string, string[]> {
	const files = new Set(sourceFiles(SRC));
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const targets = importSpecifiers(readFileSync(join(ROOT, file), 'utf8')).flatMap((specifier) => resolveImport(file, specifier, files) ?? []);
		graph.set(file, [...new Set(targets)]);
	}
	return graph;
}

/** One cycle of the graph (as a path that returns to its start), or undefined. */
export function findCycle(graph: Map<string, string[]>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (node: string): string[] | undefined => {
		state.set(node, 'open');
		stack.push(node);
		for (const next of graph.get(node) ?? []) {
			if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
			if (state.get(next) === undefined) {
				const cycle = visit(next);
				if (cycle) return cycle;
			}
		}
		stack.pop();
		state.set(node, 'done');
		return undefined;
	};
	for (const node of [...graph.keys()].sort()) {
		if (state.get(node) !== undefined) continue;
		const cycle = visit(node);
		if (cycle) return cycle;
	}
	return undefined;
}

/** `from -> to` for every import out of files under `fromDir` into files that `allowed` rejects. */
function violations(graph: Map<string, string[]>, fromDir: string, allowed: (target: string) => boolean): string[] {
	const out: string[] = [];
	for (const [file, targets] of graph) {
		if (!file.startsWith(`${fromDir}/`)) continue;
		for (const target of targets) if (!allowed(target)) out.push(`${file} -> ${target}`);
	}
	return out.sort();
}

const graph = importGraph();
const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);

describe('architecture', () => {
	it('reads the graph: the parser finds every kind of import', () => {
		expect(
			importSpecifiers(
				`import {a} from './a.js';\nimport type {B} from "../b.js";\nexport {c} from './c.js';\nimport './d.js';\nconst e = await import('./e.js');\n// import {x} from './commented.js';`,
			),
		).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js']);
		expect(
			findCycle(
				new Map([
					['a', ['b']],
					['b', ['c']],
					['c', ['a']],
				]),
			),
		).toEqual(['a', 'b', 'c', 'a']);
		expect(
			findCycle(
				new Map([
					['a', ['b']],
					['b', ['c']],
					['c', []],
				]),
			),
		).toBeUndefined();
		expect(graph.get('src/cli/main.ts')).toContain('src/cli/command-table.ts');
		expect(graph.size).toBeGreaterThan(100);
	});

	it('has no import cycle', () => {
		expect(findCycle(graph)).toBeUndefined();
	});

	it('nothing imports src/cli but src/cli itself and the entry src/cli.ts', () => {
		const outside = [...graph].filter(([file]) => !under('src/cli')(file) && file !== 'src/cli.ts');
		const found = outside.flatMap(([file, targets]) => targets.filter(under('src/cli')).map((target) => `${file} -> ${target}`));
		expect(found).toEqual([]);
	});

	it('the benchmarks do not import src/cli either (engine knowledge lives in src/engine)', () => {
		const found = sourceFiles(join(ROOT, 'bench')).flatMap((file) =>
			importSpecifiers(readFileSync(join(ROOT, file), 'utf8'))
				.filter((specifier) => specifier.startsWith('.') && under('src/cli')(relative(ROOT, resolve(ROOT, dirname(file), specifier))))
				.map((specifier) => `${file} -> ${specifier}`),
		);
		expect(found).toEqual([]);
	});

	it('src/session (the conductor) imports engine, sampler, suite and run, never the commands or the views', () => {
		const allowed = (target: string): boolean => ['src/session', 'src/engine', 'src/sampler', 'src/suite', 'src/run'].some((dir) => under(dir)(target));
		expect(violations(graph, 'src/session', allowed)).toEqual([]);
	});

	it("src/synth is a library that imports nothing of llmtop's but the src/files leaf", () => {
		expect(violations(graph, 'src/synth', (target) => under('src/synth')(target) || under('src/files')(target))).toEqual([]);
	});

	it("src/files (atomic writes) is a leaf: it imports nothing of llmtop's", () => {
		expect(violations(graph, 'src/files', under('src/files'))).toEqual([]);
	});

	it('src/engine and src/sampler do not import the conductor, the report or the views', () => {
		const forbidden = ['src/session', 'src/report', 'src/ui', 'src/cli'];
		const allowed = (target: string): boolean => !forbidden.some((dir) => under(dir)(target));
		expect([...violations(graph, 'src/engine', allowed), ...violations(graph, 'src/sampler', allowed)]).toEqual([]);
	});

	it('src/export (HTML, JUnit, Markdown, Prometheus) imports only src/run and src/report (and the src/files leaf)', () => {
		expect(violations(graph, 'src/export', (target) => ['src/export', 'src/run', 'src/report', 'src/files'].some((dir) => under(dir)(target)))).toEqual([]);
	});

	it("src/run imports nothing of llmtop's outside src/run (it is pure)", () => {
		expect(violations(graph, 'src/run', under('src/run'))).toEqual([]);
	});

	it('src/sweep imports the conductor, the run, the report and the file helpers, never the commands, the views or the engine', () => {
		const allowed = (target: string): boolean => ['src/sweep', 'src/session', 'src/run', 'src/report', 'src/files'].some((dir) => under(dir)(target));
		expect(violations(graph, 'src/sweep', allowed)).toEqual([]);
	});

	it('src/ui imports only src/run (and its own files)', () => {
		expect(violations(graph, 'src/ui', (target) => under('src/ui')(target) || under('src/run')(target))).toEqual([]);
	});
});
