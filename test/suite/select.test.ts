import {describe, expect, it} from 'vitest';
import {PromptSelectionError, selectPrompts, SuiteError, suiteTags} from '../../src/suite/index.js';
import {suiteFrom, thrown} from './helpers.js';

const suite = suiteFrom(
	`name: sel
prompts:
  - id: win-a
    prompt: a
    tags: [windows, lolbin]
    checks: [{contains: x}]
  - id: lin-b
    prompt: b
    tags: [linux, persistence]
    checks: [{contains: x}]
  - id: win-c
    prompt: c
    tags: [windows, persistence]
    checks: [{contains: x}]
  - id: untagged
    prompt: d
    checks: [{contains: x}]
`,
	'sel.yaml',
);
const ids = (sel: Parameters<typeof selectPrompts>[1]): string[] => selectPrompts(suite, sel).map((p) => p.id);

describe('selectPrompts', () => {
	it('selects everything without tags or id, in suite order', () => {
		expect(ids({})).toEqual(['win-a', 'lin-b', 'win-c', 'untagged']);
		expect(ids({tags: []})).toEqual(['win-a', 'lin-b', 'win-c', 'untagged']);
	});

	it('selects prompts carrying any of the tags, ignoring case and splitting commas', () => {
		expect(ids({tags: ['windows']})).toEqual(['win-a', 'win-c']);
		expect(ids({tags: ['LOLBIN', 'linux']})).toEqual(['win-a', 'lin-b']);
		expect(ids({tags: ['lolbin,linux']})).toEqual(['win-a', 'lin-b']);
		expect(ids({tags: [' persistence ', '']})).toEqual(['lin-b', 'win-c']);
	});

	it('selects one prompt by id', () => {
		expect(ids({promptId: 'lin-b'})).toEqual(['lin-b']);
		expect(ids({promptId: 'win-c', tags: ['persistence']})).toEqual(['win-c']);
	});

	it('an unknown id lists the valid ids', () => {
		const error = thrown(() => selectPrompts(suite, {promptId: 'win-x'}));
		expect(error).toBeInstanceOf(PromptSelectionError);
		expect(error).toBeInstanceOf(SuiteError);
		expect(error.message).toBe('sel.yaml: unknown prompt id "win-x"; ids in suite "sel": win-a, lin-b, win-c, untagged');
	});

	it('an unknown tag lists the suite tags', () => {
		expect(thrown(() => selectPrompts(suite, {tags: ['windows', 'macos']})).message).toBe(
			'sel.yaml: unknown tag "macos"; tags in suite "sel": linux, lolbin, persistence, windows',
		);
	});

	it('an id outside the chosen tags is an empty selection', () => {
		expect(thrown(() => selectPrompts(suite, {promptId: 'win-a', tags: ['linux']})).message).toBe(
			'sel.yaml: prompt "win-a" has none of the tags linux (its tags: windows, lolbin)',
		);
	});

	it('lists the tags of a suite', () => {
		expect(suiteTags(suite)).toEqual(['linux', 'lolbin', 'persistence', 'windows']);
	});
});
