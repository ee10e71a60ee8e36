import {readJsonAnswer} from './json-answer.js';
import {findLabels} from './labels.js';
import type {Check, ContainsCheck, JsonCheck, OneOfCheck} from './types.js';

/** Whether a check was met, and why not. */
export interface CheckOutcome {
	passed: boolean;
	detail?: string;
}

/**
 * Runs one check against a response. A blank response (empty or only
 * whitespace) meets no check, `not` included: saying nothing earns nothing.
 */
export function evaluateCheck(check: Check, response: string): CheckOutcome {
	if (response.trim() === '') return {passed: false, detail: 'empty answer'};
	switch (check.kind) {
		case 'contains':
		case 'icontains':
			return evaluateContains(check, response);
		case 'regex':
			return new RegExp(check.pattern, check.flags).test(response) ? {passed: true} : {passed: false, detail: 'no match'};
		case 'not': {
			const text = response.toLowerCase();
			const found = check.values.filter((value) => text.includes(value.toLowerCase()));
			return found.length === 0 ? {passed: true} : {passed: false, detail: `found ${quoteList(found)}`};
		}
		case 'json':
			return evaluateJson(check, response);
		case 'one-of':
			return evaluateOneOf(check, response);
		default:
			return check satisfies never;
	}
}

function evaluateContains(check: ContainsCheck, response: string): CheckOutcome {
	const fold = check.kind === 'icontains' ? (s: string): string => s.toLowerCase() : (s: string): string => s;
	const text = fold(response);
	const missing = check.values.filter((value) => !text.includes(fold(value)));
	if (check.mode === 'all') return missing.length === 0 ? {passed: true} : {passed: false, detail: `missing ${quoteList(missing)}`};
	return missing.length < check.values.length ? {passed: true} : {passed: false, detail: 'none found'};
}

function evaluateJson(check: JsonCheck, response: string): CheckOutcome {
	const answer = readJsonAnswer(response, check.mode);
	if (!answer.ok) return {passed: false, detail: answer.reason};
	if (check.required.length === 0) return {passed: true};
	const value = answer.value;
	if (Array.isArray(value)) return {passed: false, detail: 'the JSON is an array, not an object'};
	const missing = check.required.filter((key) => !Object.hasOwn(value as object, key));
	return missing.length === 0 ? {passed: true} : {passed: false, detail: `missing keys ${quoteList(missing)}`};
}

function evaluateOneOf(check: OneOfCheck, response: string): CheckOutcome {
	const found = findLabels(response, check.labels, check.at);
	const [label, second] = found;
	if (label === undefined) return {passed: false, detail: 'no label found'};
	if (second !== undefined) return {passed: false, detail: `several labels: ${found.join(', ')}`};
	if (check.expect !== undefined && label !== check.expect) return {passed: false, detail: `labelled ${label}`};
	return {passed: true};
}

/** A generated, human-readable description of what a check expects. */
export function describeCheck(check: Check): string {
	if (check.description !== undefined) return check.description;
	switch (check.kind) {
		case 'contains':
		case 'icontains': {
			const which = check.values.length === 1 ? '' : `${check.mode} of `;
			return `contains ${which}${quoteList(check.values)}${check.kind === 'icontains' ? ' (any case)' : ''}`;
		}
		case 'regex':
			return `matches /${check.pattern}/${check.flags}`;
		case 'not':
			return `${check.values.length === 1 ? 'does not contain' : 'contains none of'} ${quoteList(check.values)} (any case)`;
		case 'json': {
			const mode = {strict: '', fenced: ' (a code fence allowed)', embedded: ' (prose around it allowed)'}[check.mode];
			return `is JSON${mode}${check.required.length > 0 ? ` with keys ${check.required.join(', ')}` : ''}`;
		}
		case 'one-of': {
			const where = {'first-word': 'first word', 'first-line': 'first line', anywhere: 'answer'}[check.at];
			return check.expect === undefined
				? `${where} names exactly one of ${check.labels.join(', ')}`
				: `${where} says ${check.expect} (of ${check.labels.join(', ')})`;
		}
		default:
			return check satisfies never;
	}
}

function quoteList(values: readonly string[]): string {
	return values.map((value) => JSON.stringify(value)).join(', ');
}
