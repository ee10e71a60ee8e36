import {readJsonAnswer} from './json-answer.js';
import {fieldValues} from './json-fields.js';
import {findLabels, firstLine, labelAlone} from './labels.js';
import type {Check, ContainsCheck, JsonCheck, JsonFieldCheck, OneOfCheck} from './types.js';
import {REGEX_TIME_LIMIT_MS, testRegex, type RegexOutcome} from './regex-runner.js';

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
			return regexOutcome(testRegex(check.pattern, check.flags, response));
		case 'not': {
			const text = response.toLowerCase();
			const found = check.values.filter((value) => text.includes(value.toLowerCase()));
			return found.length === 0 ? {passed: true} : {passed: false, detail: `found ${quoteList(found)}`};
		}
		case 'json':
			return evaluateJson(check, response);
		case 'json-field':
			return evaluateField(check, response);
		case 'one-of':
			return evaluateOneOf(check, response);
		default:
			return check satisfies never;
	}
}

function regexOutcome(outcome: RegexOutcome): CheckOutcome {
	if (outcome === 'match') return {passed: true};
	return {passed: false, detail: outcome === 'timeout' ? `the regex ran over ${REGEX_TIME_LIMIT_MS} ms on this answer and was stopped` : 'no match'};
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
	if (missing.length > 0) return {passed: false, detail: `missing keys ${quoteList(missing)}`};
	const extra = check.only ? Object.keys(value as object).filter((key) => !check.required.includes(key)) : [];
	return extra.length === 0 ? {passed: true} : {passed: false, detail: `unexpected keys ${quoteList(extra)}`};
}

function evaluateField(check: JsonFieldCheck, response: string): CheckOutcome {
	const answer = readJsonAnswer(response, 'embedded');
	if (!answer.ok) return {passed: false, detail: answer.reason};
	const keys = check.keys;
	if (keys !== undefined && answer.value !== null && typeof answer.value === 'object' && !Array.isArray(answer.value)) {
		const extra = Object.keys(answer.value).filter((key) => !keys.includes(key));
		if (extra.length > 0) return {passed: false, detail: `not the object asked for: unexpected keys ${quoteList(extra)}`};
	}
	const field = fieldValues(answer.value, check.path);
	if (field === undefined) return {passed: false, detail: `no "${check.path.join('.')}"`};
	const values = field.values;
	if (values.length === 0) return {passed: false, detail: `"${check.path.join('.')}" is an empty list`};
	const outcomes = values.map((value) => testRegex(`^(?:${check.pattern})$`, 'iu', value));
	if (outcomes.includes('timeout')) return regexOutcome('timeout');
	if (outcomes.every((outcome) => outcome === 'match')) return {passed: true};
	return {passed: false, detail: `"${check.path.join('.')}" is ${values.length === 1 ? JSON.stringify(values[0]) : quoteList(values)}`};
}

function evaluateOneOf(check: OneOfCheck, response: string): CheckOutcome {
	if (check.at === 'first-line') {
		const line = firstLine(response);
		const label = labelAlone(line, check.labels);
		if (label === undefined) {
			const named = findLabels(line, check.labels, 'first-line');
			return {passed: false, detail: named.length === 0 ? 'no label found' : `the first line is not one label alone: ${JSON.stringify(clip(line))}`};
		}
		return check.expect !== undefined && label !== check.expect ? {passed: false, detail: `labelled ${label}`} : {passed: true};
	}
	const found = findLabels(response, check.labels, check.at);
	const [label, second] = found;
	if (label === undefined) return {passed: false, detail: 'no label found'};
	if (second !== undefined) return {passed: false, detail: `several labels: ${found.join(', ')}`};
	if (check.expect !== undefined && label !== check.expect) return {passed: false, detail: `labelled ${label}`};
	return {passed: true};
}

/** A check that an off-topic answer does not meet by default: not a `not`, nor a regex that matches an empty answer. */
export function isPositive(check: Check): boolean {
	if (check.kind === 'not') return false;
	if (check.kind === 'regex') return !new RegExp(check.pattern, check.flags).test('');
	return true;
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
			const keys = check.required.length > 0 ? ` with ${check.only ? 'only the' : ''} keys ${check.required.join(', ')}` : '';
			return `is JSON${mode}${keys.replace('  ', ' ')}, no key repeated`;
		}
		case 'json-field':
			return `"${check.path.join('.')}" is /${check.pattern}/ (any case)`;
		case 'one-of': {
			const where = {'first-word': 'first word', 'first-line': 'first line', anywhere: 'answer'}[check.at];
			const alone = check.at === 'first-line' ? ' alone' : '';
			return check.expect === undefined
				? `${where} is exactly one of ${check.labels.join(', ')}${alone}`
				: `${where} says ${check.expect}${alone} (of ${check.labels.join(', ')})`;
		}
		default:
			return check satisfies never;
	}
}

function clip(text: string): string {
	const trimmed = text.trim();
	return trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed;
}

function quoteList(values: readonly string[]): string {
	return values.map((value) => JSON.stringify(value)).join(', ');
}
