import {findDuplicateKey} from './json-duplicates.js';
import type {JsonMode} from './types.js';

/** The JSON found in an answer, or why there is none. */
export type JsonAnswer = {ok: true; value: unknown} | {ok: false; reason: string};

const WHOLE_FENCE = /^```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;
const ANY_FENCE = /```[\w-]*[ \t]*\r?\n([\s\S]*?)```/;

/**
 * Reads the JSON of an answer. Only an object or an array counts as a JSON
 * answer, and only without a key repeated within one object.
 * - `strict`: the whole answer (trimmed) is JSON.
 * - `fenced`: as strict, or the whole answer is one Markdown code fence
 *   (```` ```json ```` or ```` ``` ````) holding JSON.
 * - `embedded`: prose around it is tolerated: the first code fence if there
 *   is one, else the text from the first `{` or `[` to the last matching
 *   `}` or `]`.
 */
export function readJsonAnswer(response: string, mode: JsonMode): JsonAnswer {
	const text = response.trim();
	if (text === '') return {ok: false, reason: 'empty answer'};
	switch (mode) {
		case 'strict':
			return parse(text, 'the answer is not JSON');
		case 'fenced': {
			const fence = WHOLE_FENCE.exec(text);
			return parse(fence?.[1]?.trim() ?? text, 'the answer is not JSON (nor one fenced JSON block)');
		}
		case 'embedded': {
			const fence = ANY_FENCE.exec(text);
			if (fence?.[1] !== undefined) {
				const inFence = parse(fence[1].trim(), 'the first code fence is not JSON');
				if (inFence.ok) return inFence;
			}
			return parse(bracketed(text) ?? '', 'no JSON object or array found in the answer');
		}
		default:
			return mode satisfies never;
	}
}

function parse(text: string, failure: string): JsonAnswer {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {ok: false, reason: failure};
	}
	if (value === null || typeof value !== 'object') return {ok: false, reason: 'the JSON is not an object or an array'};
	const duplicate = findDuplicateKey(text);
	if (duplicate !== undefined) return {ok: false, reason: `the JSON repeats the key "${duplicate}"`};
	return {ok: true, value};
}

function bracketed(text: string): string | undefined {
	const brace = text.indexOf('{');
	const bracket = text.indexOf('[');
	const start = brace === -1 ? bracket : bracket === -1 ? brace : Math.min(brace, bracket);
	if (start === -1) return undefined;
	const end = text.lastIndexOf(text[start] === '{' ? '}' : ']');
	return end > start ? text.slice(start, end + 1) : undefined;
}
