/**
 * `--launch 'CMD ARGS'`: split without a shell (quotes and backslashes as a
 * POSIX shell reads them, nothing expanded), and placeholders filled in.
 */
import {BadLaunchCommandError} from './errors.js';

/** Values of the placeholders a `--launch` command may use. */
export interface LaunchValues {
	/** The `--model` file (a synthetic ref resolved to its file). */
	model?: string;
	threads: number;
	ctx: number;
	batch: number;
	host: string;
	port: number;
}

/** Placeholder names, as written between braces. */
export const PLACEHOLDERS = ['model', 'threads', 'ctx', 'batch', 'host', 'port'] as const;

/** Splits a command line into words: `'...'` literal, `"..."` with `\\` escapes, `\\x` outside quotes. */
export function splitCommand(text: string): string[] {
	const words: string[] = [];
	let word = '';
	let inWord = false;
	let quote: '"' | "'" | null = null;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote === "'") {
			if (c === "'") quote = null;
			else word += c;
			continue;
		}
		if (quote === '"') {
			if (c === '"') quote = null;
			else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word += text[++i];
			else word += c;
			continue;
		}
		if (c === "'" || c === '"') {
			quote = c;
			inWord = true;
		} else if (c === '\\') {
			if (i + 1 < text.length) word += text[++i];
			inWord = true;
		} else if (/\s/.test(c)) {
			if (inWord) words.push(word);
			word = '';
			inWord = false;
		} else {
			word += c;
			inWord = true;
		}
	}
	if (quote) throw new BadLaunchCommandError(text, `unbalanced ${quote} quote`);
	if (inWord) words.push(word);
	return words;
}

/** The placeholders a command uses. Throws {@link BadLaunchCommandError} for an unknown one. */
export function placeholdersOf(text: string): Set<(typeof PLACEHOLDERS)[number]> {
	const used = new Set<(typeof PLACEHOLDERS)[number]>();
	for (const match of text.matchAll(/\{([a-z_]*)\}/gi)) {
		const name = match[1]!;
		if (!(PLACEHOLDERS as readonly string[]).includes(name))
			throw new BadLaunchCommandError(text, `unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`);
		used.add(name as (typeof PLACEHOLDERS)[number]);
	}
	return used;
}

/**
 * The argv to run: `text` split into words, then each placeholder replaced
 * inside its word (so `--port={port}` works and a path with spaces stays one
 * word). Throws {@link BadLaunchCommandError} when the command is empty,
 * uses an unknown placeholder, lacks `{port}` (llmtop must know where the
 * server listens), or uses `{model}` without a model.
 */
export function launchArgv(text: string, values: LaunchValues): string[] {
	const used = placeholdersOf(text);
	const words = splitCommand(text);
	if (words.length === 0) throw new BadLaunchCommandError(text, 'empty command');
	if (!used.has('port')) throw new BadLaunchCommandError(text, 'it must contain {port}: llmtop picks a free loopback port and talks to the server there');
	if (used.has('model') && values.model === undefined) throw new BadLaunchCommandError(text, '{model} needs --model');
	const table: Record<string, string> = {
		model: values.model ?? '',
		threads: String(values.threads),
		ctx: String(values.ctx),
		batch: String(values.batch),
		host: values.host,
		port: String(values.port),
	};
	return words.map((word) => word.replace(/\{([a-z_]+)\}/gi, (_, name: string) => table[name] ?? ''));
}
