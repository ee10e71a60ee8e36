import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';

/** uPlot's script and stylesheet, read from the installed package (`uplot/dist`), to be inlined. */
export interface UplotAssets {
	js: string;
	css: string;
}

let cached: UplotAssets | undefined;

/** Reads uPlot's minified IIFE build and CSS once per process. */
export function uplotAssets(): UplotAssets {
	if (!cached) {
		const require = createRequire(import.meta.url);
		const read = (file: string): string => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
		cached = {js: read('uPlot.iife.min.js'), css: read('uPlot.min.css')};
	}
	return cached;
}

/** Text safe inside an inline `<script>` or `<style>` element: no `</` that could close it early. */
export function inlineSafe(text: string): string {
	return text.replace(/<\/(script|style)/gi, '<\\/$1');
}
