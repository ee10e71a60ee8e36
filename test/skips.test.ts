/**
 * Every skipped test says why. A skip whose condition does not go through
 * the skip helpers (`test/setup/skip.ts`: `skipUnless`, `needs*`; or the
 * helpers built on it: `requireExecutable`, `describeRealModel`) is silent,
 * and a silent skip in CI hides a missing install step. This reads every
 * test file and checks each skip's condition: it calls a helper, or names a
 * constant or function of the same file defined through one.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {ROOT} from './setup/skip.js';

const HELPERS = /\b(skipUnless|needsBuild|needsTmux|needsLinux|needsPosix|needsFile|needsSharedModel|requireExecutable)\(/;
/** `it.skipIf(COND)(`, `describe.runIf(COND)(` and friends. */
const CONDITIONAL = /\b(?:it|test|describe)\.(?:skipIf|runIf)\(/g;
/** `cond ? describe.skip : describe`, `if (cond) context.skip()`: the condition is on the same line. */
const INLINE = /^(.*?)(?:[?:]\s*describe\.skip\b|\bcontext\.skip\(\)|\bctx\.skip\(\))/;
/** A skip with no condition at all. */
const UNCONDITIONAL = /\b(?:it|test|describe)\.skip\(\s*['"`]/;

function testFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
		return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

/** The text of the call's first argument starting at `open` (the index just after its `(`). */
function argumentAt(text: string, open: number): string {
	let depth = 1;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')' && --depth === 0) return text.slice(open, i);
	}
	return text.slice(open);
}

/** Whether `condition` calls a skip helper, or names a `const`/`function` of `source` whose definition does. */
function printsWhy(condition: string, source: string): boolean {
	if (HELPERS.test(condition)) return true;
	const names = condition.match(/[A-Za-z_$][\w$]*/g) ?? [];
	return names.some((name) => {
		const definition = new RegExp(`(?:const|let|function)\\s+${name.replace(/\$/g, '\\$')}\\b([^;]*)`).exec(source);
		return definition !== null && HELPERS.test(definition[1] ?? '');
	});
}

/** Every skip of one file whose condition does not print why, as `file:line: text`. */
export function silentSkips(path: string, source: string): string[] {
	const where = (index: number): string => `${relative(ROOT, path)}:${source.slice(0, index).split('\n').length}`;
	const silent: string[] = [];
	for (const match of source.matchAll(CONDITIONAL)) {
		const condition = argumentAt(source, match.index + match[0].length);
		if (!printsWhy(condition, source)) silent.push(`${where(match.index)}: ${match[0]}${condition})`);
	}
	for (const [index, line] of source.split('\n').entries()) {
		const inline = INLINE.exec(line);
		if (inline && !printsWhy(inline[1] ?? '', source)) silent.push(`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`);
		if (UNCONDITIONAL.test(line)) silent.push(`${relative(ROOT, path)}:${index + 1}: ${line.trim()} (no condition)`);
	}
	return silent;
}

describe('every skip says why', () => {
	it('no test file skips through a condition that does not print its reason', () => {
		// This file's own examples are skips on purpose.
		const files = testFiles(join(ROOT, 'test')).filter((path) => path !== fileURLToPath(import.meta.url));
		expect(files.length).toBeGreaterThan(100);
		const silent = files.flatMap((path) => silentSkips(path, readFileSync(path, 'utf8')));
		expect(silent).toEqual([]);
	});

	it('catches a silent skip (the check can fail)', () => {
		const path = join(ROOT, 'test', 'example.test.ts');
		expect(silentSkips(path, "it.skipIf(!existsSync('/usr/bin/tmux'))('x', () => {});")).toHaveLength(1);
		expect(silentSkips(path, "const tmux = existsSync('/x');\ndescribe.skipIf(!tmux)('x', () => {});")).toHaveLength(1);
		expect(silentSkips(path, 'const describeBuilt = built ? describe : describe.skip;\nconst x = missing ? describe.skip : describe;')).toHaveLength(2);
		expect(silentSkips(path, "it.skip('later', () => {});")).toHaveLength(1);
		expect(silentSkips(path, 'if (noBinary) context.skip();')).toHaveLength(1);
	});

	it('accepts a skip through the helpers, directly or through a constant', () => {
		const path = join(ROOT, 'test', 'example.test.ts');
		expect(silentSkips(path, "describe.skipIf(needsTmux() || needsBuild())('x', () => {});")).toEqual([]);
		expect(silentSkips(path, "const skip = skipUnless(ok, 'why');\ndescribe.skipIf(skip)('x', () => {});")).toEqual([]);
		expect(silentSkips(path, 'const describeBuilt = needsBuild() ? describe.skip : describe;')).toEqual([]);
		expect(silentSkips(path, "const noC = (impl) => skipUnless(ok, 'why');\nif (noC(impl)) context.skip();")).toEqual([]);
	});
});
