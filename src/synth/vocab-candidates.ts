import {wordFrequencies} from './word-frequencies.js';

/** SentencePiece's visible space, which starts every word piece. */
export const SPACE_MARK = '\u2581';

const SUFFIX_SHARE = 0.3;
const CAPITALIZED_WEIGHT = 0.08;
const LOWERCASED_WEIGHT = 0.5;
const MAX_SUFFIX_LENGTH = 8;

function capitalize(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

function wordPieces(): string[] {
	const weighted: {text: string; weight: number}[] = [];
	const seen = new Set<string>();
	for (const {word, count} of wordFrequencies()) {
		const lower = word.toLowerCase();
		const variant: [string, number] = word === lower ? [capitalize(word), count * CAPITALIZED_WEIGHT] : [lower, count * LOWERCASED_WEIGHT];
		for (const [text, weight] of [[word, count], variant] as const) {
			if (seen.has(text)) continue;
			seen.add(text);
			weighted.push({text: SPACE_MARK + text, weight});
		}
	}
	return weighted.sort((a, b) => b.weight - a.weight || (a.text < b.text ? -1 : 1)).map((entry) => entry.text);
}

function endingPieces(): string[] {
	const weights = new Map<string, number>();
	for (const {word} of wordFrequencies()) {
		const lower = word.toLowerCase();
		for (let start = Math.max(1, lower.length - MAX_SUFFIX_LENGTH); start < lower.length - 1; start++) {
			const suffix = lower.slice(start);
			weights.set(suffix, (weights.get(suffix) ?? 0) + 1);
		}
	}
	return [...weights.entries()]
		.filter(([, weight]) => weight > 1)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.map(([text]) => text);
}

function interleave(words: readonly string[], endings: readonly string[]): string[] {
	const out: string[] = [];
	let w = 0;
	let e = 0;
	while (w < words.length || e < endings.length) {
		const takeEnding = e < endings.length && (w >= words.length || e < (w + e + 1) * SUFFIX_SHARE);
		out.push(takeEnding ? endings[e++]! : words[w++]!);
	}
	return out;
}

let englishCache: readonly string[] | undefined;

/**
 * English pieces in priority order: `▁word` for SUBTLEX-US words (with their
 * other-case variant) by frequency, interleaved with common word endings
 * (`ing`, `tion`, ...) ranked by how many words end with them.
 */
export function englishPieces(): readonly string[] {
	englishCache ??= interleave(wordPieces(), endingPieces());
	return englishCache;
}

const CYRILLIC = 'абцдефгхийклмнопярстувшжыз';
const GREEK = 'αβςδεφγηιξκλμνοπθρστυωψχζζ';

/** Maps ASCII letters of `text` onto another alphabet (26 letters, a-z order). */
export function transliterate(text: string, alphabet: string): string {
	let out = '';
	for (const ch of text) {
		const lower = ch.toLowerCase();
		const code = lower.charCodeAt(0) - 97;
		if (code < 0 || code >= 26 || lower.length !== 1) {
			out += ch;
			continue;
		}
		const mapped = alphabet[code]!;
		out += ch === lower ? mapped : mapped.toUpperCase();
	}
	return out;
}

/** The alphabets that fill vocabularies larger than the English budget, as real multilingual vocabularies do. */
export const FILL_ALPHABETS: readonly string[] = [CYRILLIC, GREEK];
