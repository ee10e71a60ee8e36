/**
 * The in-memory shape of a prompt suite after loading and validation.
 * The YAML format is documented in `prompts/README.md`.
 */
import type {CheckResult} from '../run/types.js';

/** A loaded, validated suite. */
export interface Suite {
	name: string;
	description?: string;
	/** Path the suite was loaded from, as given to `loadSuite`. */
	path: string;
	/** Problems that do not stop the suite from loading (e.g. a check the prompt's own text meets). */
	warnings: SuiteWarning[];
	/** System prompt for every prompt of the suite. */
	system?: string;
	defaults: {maxTokens?: number; temperature?: number};
	prompts: SuitePrompt[];
}

/** One prompt of a suite with its rubric. */
export interface SuitePrompt {
	id: string;
	prompt: string;
	/** Lower-case tags used by `--tags`. */
	tags: string[];
	/** Weight of this prompt in the suite's correctness. @default 1 */
	weight: number;
	/** Overrides `defaults.maxTokens` for this prompt. */
	maxTokens?: number;
	/** A right answer; it must score 1 (checked when loading). Also what `suite check` answers other prompts with. */
	reference?: string;
	/**
	 * Answers longer than this (trimmed) lose credit in proportion (see
	 * `lengthFactor`). Set, or 3 times the reference answer's length (at least
	 * 120) when the prompt has a reference, else no limit.
	 */
	maxChars?: number;
	/** The rubric; never empty. */
	checks: Check[];
}

/** Where a `one-of` check looks for its label. */
export type LabelRegion = 'first-word' | 'first-line' | 'anywhere';

/** How much prose a `json` check tolerates around the JSON. */
export type JsonMode = 'strict' | 'fenced' | 'embedded';

/** Fields every check carries. */
interface CheckBase {
	/** Weight within its prompt's rubric. @default 1 */
	weight: number;
	/** Author's wording for reports; a generated one is used otherwise. */
	description?: string;
}

/** `contains` (case-sensitive) or `icontains` (ignoring case): substrings, any or all of them. */
export interface ContainsCheck extends CheckBase {
	kind: 'contains' | 'icontains';
	values: string[];
	/** @default 'any' */
	mode: 'any' | 'all';
}

/** `regex`: the pattern matches somewhere in the response. */
export interface RegexCheck extends CheckBase {
	kind: 'regex';
	pattern: string;
	/** Any of `i`, `m`, `s`, `u`. @default '' */
	flags: string;
}

/** `not`: none of the values appears (ignoring case) in a non-blank response. */
export interface NotCheck extends CheckBase {
	kind: 'not';
	values: string[];
}

/**
 * `json`: the response is JSON without duplicate keys, optionally an object
 * with the required top-level keys (and, with `only`, no other keys).
 */
export interface JsonCheck extends CheckBase {
	kind: 'json';
	/** @default 'strict' */
	mode: JsonMode;
	required: string[];
	/** No top-level keys beyond `required`. @default false */
	only: boolean;
}

/**
 * One entry of a `json` check's `fields`: the value at a key path of the JSON
 * answer matches a pattern, whole and ignoring case (a string as is, a number
 * or boolean as written in JSON; an array must have items and every item
 * must match, so a list of candidates is no answer). The JSON is found as in
 * `embedded` mode (its format is the `json` check's business), but with
 * `keys` the object may have no other top-level keys: a catch-all object is
 * not the answer asked for.
 */
export interface JsonFieldCheck extends CheckBase {
	kind: 'json-field';
	/** Keys from the top, e.g. `['iocs', 'ips']` for `iocs.ips`. */
	path: string[];
	pattern: string;
	/** The top-level keys the object may have: the `json` check's `required` when it has `only`. */
	keys?: string[];
}

/**
 * `one-of`: a classification label. `first-line`: that line is one label
 * alone; `first-word`: the answer starts with one label; `anywhere`: exactly
 * one of the labels appears. It is `expect` when given.
 */
export interface OneOfCheck extends CheckBase {
	kind: 'one-of';
	labels: string[];
	expect?: string;
	/** @default 'first-line' */
	at: LabelRegion;
}

/** One check of a prompt's rubric. */
export type Check = ContainsCheck | RegexCheck | NotCheck | JsonCheck | JsonFieldCheck | OneOfCheck;

/** The check kinds (`json-field` is written as `fields` of a `json` check). */
export type CheckKind = Check['kind'];

/** A problem of a suite that does not stop it from loading. */
export interface SuiteWarning {
	line?: number;
	message: string;
}

/** A scored check; `detail` says why a check failed, when that helps. */
export interface SuiteCheckResult extends CheckResult {
	detail?: string;
}

/** The score of one response against its prompt's rubric. */
export interface PromptScore {
	/** Weighted fraction of checks met, times the length factor, in [0, 1]. */
	score: number;
	/** 1, or less for an answer longer than the prompt's `maxChars`. */
	lengthFactor: number;
	checks: SuiteCheckResult[];
}
