import type {LabelRegion} from './types.js';

const WORD_CHAR = String.raw`[\p{L}\p{N}_-]`;
const LEADING_PUNCTUATION = /^[^\p{L}\p{N}]+/u;
const FENCE_LINE = /^\s*(?:```|~~~)/;

/**
 * The labels (as listed) that appear in the region of a response, as whole
 * words and ignoring case. Longer labels are matched first and taken out, so
 * `FALSE POSITIVE` does not also count as `POSITIVE`.
 * - `first-word`: the answer starts with the label (after Markdown and punctuation).
 * - `first-line`: the first line that has a letter or digit and is not a code-fence line.
 * - `anywhere`: the whole answer.
 */
export function findLabels(response: string, labels: readonly string[], at: LabelRegion): string[] {
	let text = region(response, at);
	const found: string[] = [];
	const longestFirst = [...labels].sort((a, b) => b.trim().length - a.trim().length);
	for (const label of longestFirst) {
		const anchor = at === 'first-word' ? '^' : `(?<!${WORD_CHAR})`;
		const pattern = new RegExp(`${anchor}${escapeRegex(label.trim())}(?!${WORD_CHAR})`, 'giu');
		if (!pattern.test(text)) continue;
		found.push(label);
		if (at === 'first-word') break;
		text = text.replace(pattern, ' ');
	}
	return labels.filter((label) => found.includes(label));
}

/**
 * The first line of an answer as `one-of` reads it: the first line that has
 * a letter or digit and is not a code-fence line.
 */
export function firstLine(response: string): string {
	return response.split(/\r?\n/).find((line) => !FENCE_LINE.test(line) && /[\p{L}\p{N}]/u.test(line)) ?? '';
}

const LINE_PREFIX = /^(?:line\s*\d+|answer|verdict|decision|severity|label|classification)\s*[:=.)-]\s*/iu;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The label a line consists of, alone: Markdown, punctuation and one
 * leading `Line 1:`, `Answer:`, `Verdict:` (and the like) aside, the line is
 * that label and nothing else. `undefined` when it is not one label alone.
 */
export function labelAlone(line: string, labels: readonly string[]): string | undefined {
	const bare = line.trim().replace(EDGE_PUNCTUATION, '').replace(LINE_PREFIX, '').replace(EDGE_PUNCTUATION, '');
	const folded = bare.replace(/\s+/g, ' ').toLowerCase();
	return labels.find((label) => label.trim().replace(/\s+/g, ' ').toLowerCase() === folded);
}

function region(response: string, at: LabelRegion): string {
	switch (at) {
		case 'anywhere':
			return response;
		case 'first-line':
			return firstLine(response);
		case 'first-word':
			return response.trimStart().replace(LEADING_PUNCTUATION, '');
		default:
			return at satisfies never;
	}
}

/** Escapes text for use inside a regular expression. */
export function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
