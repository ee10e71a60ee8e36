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

/** `json`: the response is JSON, optionally an object with the required top-level keys. */
export interface JsonCheck extends CheckBase {
	kind: 'json';
	/** @default 'strict' */
	mode: JsonMode;
	required: string[];
}

/** `one-of`: exactly one of the labels appears in the region, and it is `expect` when given. */
export interface OneOfCheck extends CheckBase {
	kind: 'one-of';
	labels: string[];
	expect?: string;
	/** @default 'first-line' */
	at: LabelRegion;
}

/** One check of a prompt's rubric. */
export type Check = ContainsCheck | RegexCheck | NotCheck | JsonCheck | OneOfCheck;

/** The check kinds, as written in YAML. */
export type CheckKind = Check['kind'];

/** A scored check; `detail` says why a check failed, when that helps. */
export interface SuiteCheckResult extends CheckResult {
	detail?: string;
}

/** The score of one response against its prompt's rubric. */
export interface PromptScore {
	/** Weighted fraction of checks met, in [0, 1]. */
	score: number;
	checks: SuiteCheckResult[];
}
