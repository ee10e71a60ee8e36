import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const UI = join(SRC, 'ui');

/** Every `.ts` / `.tsx` file under `dir`. */
function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

/** Module specifiers of static imports, re-exports and dynamic imports in `code`. */
export function specifiersOf(code: string): string[] {
	const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
	return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] as string));
}

/** Why an import of `specifier` from `file` leaves the rooms `src/ui` may use (its own files, `src/run`, packages), or `null`. */
export function forbiddenImport(file: string, specifier: string): string | null {
	if (!specifier.startsWith('.')) return null;
	const target = relative(SRC, resolve(dirname(file), specifier));
	const room = target.split(sep)[0];
	return room === 'ui' || room === 'run' ? null : `${relative(SRC, file)} imports ${specifier} (src/${target})`;
}

describe('src/ui imports only src/run, its own files and packages', () => {
	it('the checker catches an import of src/report, src/cli or a file outside src', () => {
		const file = join(UI, 'compare', 'CompareView.tsx');
		expect(specifiersOf("import type {Section} from '../../report/compare-view.js';\nconst x = await import('../../cli/main.js');")).toEqual([
			'../../report/compare-view.js',
			'../../cli/main.js',
		]);
		expect(forbiddenImport(file, '../../report/compare-view.js')).toMatch(/report/);
		expect(forbiddenImport(file, '../../cli/main.js')).toMatch(/cli/);
		expect(forbiddenImport(file, '../../../package.json')).not.toBeNull();
		expect(forbiddenImport(file, '../../run/types.js')).toBeNull();
		expect(forbiddenImport(file, '../theme.js')).toBeNull();
		expect(forbiddenImport(file, 'ink')).toBeNull();
	});

	it('no file in src/ui imports anything else', () => {
		const files = sourceFiles(UI);
		expect(files.length).toBeGreaterThan(20);
		const offending = files.flatMap((file) => specifiersOf(readFileSync(file, 'utf8')).map((specifier) => forbiddenImport(file, specifier)));
		expect(offending.filter((why) => why !== null)).toEqual([]);
	});
});
