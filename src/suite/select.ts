import {PromptSelectionError} from './errors.js';
import type {Suite, SuitePrompt} from './types.js';

/** What to run: prompts carrying any of `tags`, and/or the one prompt `promptId`. */
export interface PromptSelection {
	/** Tags as given to `--tags` (entries may hold comma-separated lists; case is ignored). */
	tags?: string[];
	promptId?: string;
}

/**
 * The prompts of a suite to run, in suite order. With `tags`, the prompts
 * carrying any of them; with `promptId`, that prompt (which must then also
 * carry one of the tags, when tags are given). Throws `PromptSelectionError`
 * for an unknown id, a tag no prompt carries, or an empty selection, listing
 * what the suite offers.
 */
export function selectPrompts(suite: Suite, selection: PromptSelection): SuitePrompt[] {
	const tags = normalizeTags(selection.tags ?? []);
	const known = suiteTags(suite);
	const unknown = tags.filter((tag) => !known.includes(tag));
	if (unknown.length > 0) {
		fail(
			suite,
			`unknown tag${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `"${t}"`).join(', ')}; tags in suite "${suite.name}": ${known.join(', ') || '(none)'}`,
		);
	}
	const hasTag = (prompt: SuitePrompt): boolean => tags.length === 0 || prompt.tags.some((tag) => tags.includes(tag));
	if (selection.promptId !== undefined) {
		const prompt = suite.prompts.find((p) => p.id === selection.promptId);
		if (!prompt) fail(suite, `unknown prompt id "${selection.promptId}"; ids in suite "${suite.name}": ${suite.prompts.map((p) => p.id).join(', ')}`);
		if (!hasTag(prompt)) fail(suite, `prompt "${prompt.id}" has none of the tags ${tags.join(', ')} (its tags: ${prompt.tags.join(', ') || 'none'})`);
		return [prompt];
	}
	const selected = suite.prompts.filter(hasTag);
	if (selected.length === 0) fail(suite, `no prompt selected in suite "${suite.name}"`);
	return selected;
}

/** Every tag used in a suite, sorted. */
export function suiteTags(suite: Suite): string[] {
	return [...new Set(suite.prompts.flatMap((prompt) => prompt.tags))].sort();
}

function normalizeTags(tags: readonly string[]): string[] {
	const split = tags.flatMap((tag) => tag.split(',')).map((tag) => tag.trim().toLowerCase());
	return [...new Set(split.filter((tag) => tag !== ''))];
}

function fail(suite: Suite, message: string): never {
	throw new PromptSelectionError(suite.path, [{message}]);
}
