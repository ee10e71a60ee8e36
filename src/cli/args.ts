import {parseArgs} from 'node:util';
import {UsageError} from './errors.js';

/** How one flag's value is read and checked. */
export interface FlagSpec {
	kind: 'string' | 'int' | 'number' | 'bool' | 'list' | 'size';
	/** Smallest accepted value (numbers). */
	min?: number;
	/** Largest accepted value (numbers). */
	max?: number;
	/** Accepted values (strings). */
	choices?: readonly string[];
	short?: string;
	/** A longer single-dash spelling, as llama.cpp has them (`ngl` for `-ngl`). */
	alias?: string;
	/** Shown by `--help`. */
	help: string;
	/** Placeholder shown by `--help`, e.g. `N` or `FILE`. */
	arg?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export type FlagValue = string | number | boolean | string[];

/** Parsed command line of one command. */
export interface ParsedArgs {
	flags: Record<string, FlagValue | undefined>;
	positionals: string[];
}

/**
 * Parses `argv` against `specs` strictly: an unknown flag, a missing value or
 * a value of the wrong kind is a {@link UsageError} naming the flag.
 */
export function parseFlags(argv: string[], specs: FlagSpecs, maxPositionals: number): ParsedArgs {
	const options: Record<string, {type: 'string' | 'boolean'; short?: string}> = {};
	for (const [name, spec] of Object.entries(specs)) {
		options[name] = {type: spec.kind === 'bool' ? 'boolean' : 'string', ...(spec.short ? {short: spec.short} : {})};
	}
	let parsed;
	try {
		parsed = parseArgs({args: joinNegativeValues(expandAliases(argv, specs), options), options, strict: true, allowPositionals: true});
	} catch (error) {
		throw new UsageError(cleanParseError(error));
	}
	if (parsed.positionals.length > maxPositionals) {
		const extra = parsed.positionals[maxPositionals];
		throw new UsageError(`unexpected argument '${extra}'`);
	}
	const flags: Record<string, FlagValue | undefined> = {};
	for (const [name, raw] of Object.entries(parsed.values)) {
		const spec = specs[name];
		if (!spec || raw === undefined) continue;
		flags[name] = convert(name, spec, raw);
	}
	return {flags, positionals: parsed.positionals};
}

/** `-ngl 5` and `-ngl=5` mean `--gpu-layers 5` (see {@link FlagSpec.alias}); everything after `--` is left alone. */
function expandAliases(argv: string[], specs: FlagSpecs): string[] {
	const aliases = new Map<string, string>();
	for (const [name, spec] of Object.entries(specs)) if (spec.alias) aliases.set(spec.alias, name);
	if (aliases.size === 0) return argv;
	const end = argv.indexOf('--');
	return argv.map((arg, i) => {
		if (end >= 0 && i > end) return arg;
		const match = /^-([a-z]{2,})(=.*)?$/i.exec(arg);
		const name = match ? aliases.get(match[1] ?? '') : undefined;
		return name === undefined ? arg : `--${name}${match?.[2] ?? ''}`;
	});
}

/** `--threads -2` (and `-t -2`) means the value -2, not a flag named `-2`. */
function joinNegativeValues(argv: string[], options: Record<string, {type: 'string' | 'boolean'; short?: string}>): string[] {
	const shorts = new Map(Object.entries(options).flatMap(([name, option]) => (option.short ? [[option.short, name] as const] : [])));
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		const next = argv[i + 1];
		const name = arg.startsWith('--') ? arg.slice(2) : /^-[a-z]$/i.test(arg) ? shorts.get(arg.slice(1)) : undefined;
		const spec = name === undefined ? undefined : options[name];
		if (spec && spec.type === 'string' && next !== undefined && /^-\d/.test(next)) {
			out.push(`--${name}=${next}`);
			i++;
		} else {
			out.push(arg);
		}
	}
	return out;
}

function convert(name: string, spec: FlagSpec, raw: string | boolean | (string | boolean)[]): FlagValue {
	if (Array.isArray(raw)) raw = raw[raw.length - 1] ?? '';
	if (spec.kind === 'bool') return Boolean(raw);
	const text = String(raw);
	switch (spec.kind) {
		case 'string':
			if (text === '') throw new UsageError(`--${name} needs a value`);
			if (spec.choices && !spec.choices.includes(text)) {
				throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}; got '${text}'`);
			}
			return text;
		case 'list': {
			const items = text
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			if (items.length === 0) throw new UsageError(`--${name} needs a comma-separated list`);
			return items;
		}
		case 'int':
		case 'number':
		case 'size':
			return checkRange(name, spec, parseNumber(name, spec.kind, text));
	}
}

function parseNumber(name: string, kind: 'int' | 'number' | 'size', text: string): number {
	const value = kind === 'size' ? parseSize(text) : Number(text);
	const ok = text.trim() !== '' && Number.isFinite(value) && (kind !== 'int' || Number.isInteger(value));
	if (!ok) throw new UsageError(`--${name} must be ${kind === 'int' ? 'an integer' : 'a number'}; got '${text}'`);
	return value;
}

function checkRange(name: string, spec: FlagSpec, value: number): number {
	if (spec.min !== undefined && value < spec.min) {
		throw new UsageError(`--${name} must be >= ${spec.min}; got ${value}`);
	}
	if (spec.max !== undefined && value > spec.max) {
		throw new UsageError(`--${name} must be <= ${spec.max}; got ${value}`);
	}
	return value;
}

const SIZE_UNITS: Record<string, number> = {
	'': 1,
	b: 1,
	k: 1e3,
	kb: 1e3,
	m: 1e6,
	mb: 1e6,
	g: 1e9,
	gb: 1e9,
	kib: 1024,
	mib: 1024 ** 2,
	gib: 1024 ** 3,
	tib: 1024 ** 4,
};

/** Parses `6GiB`, `512MB`, `1e9` into bytes; NaN when malformed. */
export function parseSize(text: string): number {
	const match = /^\s*([0-9]*\.?[0-9]+(?:e[0-9]+)?)\s*([a-z]*)\s*$/i.exec(text);
	if (!match) return Number.NaN;
	const unit = SIZE_UNITS[(match[2] ?? '').toLowerCase()];
	return unit === undefined ? Number.NaN : Number(match[1]) * unit;
}

function cleanParseError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message
		.replace(/\. To specify a positional argument.*$/s, '')
		.replace(/\. This command does not take positional arguments$/, '')
		.replace(/^Unknown option/, 'unknown option')
		.replace(/^Option '(.+?)' argument missing$/, "option '$1' needs a value")
		.replace(/^Unexpected argument/, 'unexpected argument');
}

/**
 * Parses a command's arguments; with `--help` prints `usage` and the flags
 * instead and returns undefined (the command then exits 0).
 */
export function parseCommand(argv: string[], specs: FlagSpecs, maxPositionals: number, usage: string, out: (text: string) => void): ParsedArgs | undefined {
	const parsed = parseFlags(argv, specs, maxPositionals);
	if (!parsed.flags['help']) return parsed;
	out(`${usage}\n\n${formatFlags(specs)}`);
	return undefined;
}

/** Formats the flags of a command for `--help`. */
export function formatFlags(specs: FlagSpecs): string {
	const rows = Object.entries(specs).map(([name, spec]) => {
		const short = spec.alias ? `-${spec.alias}, ` : spec.short ? `-${spec.short}, ` : '';
		const left = `  ${short}--${name}${spec.kind === 'bool' ? '' : ` ${spec.arg ?? 'X'}`}`;
		return [left, spec.help] as const;
	});
	const width = Math.max(...rows.map(([left]) => left.length)) + 2;
	return rows.map(([left, help]) => left.padEnd(width) + help).join('\n');
}
