/**
 * Prompt suites: loading and validating the YAML format (`prompts/README.md`),
 * choosing what runs, and scoring answers against each prompt's rubric.
 */
export type {
	Check,
	CheckKind,
	ContainsCheck,
	JsonCheck,
	JsonMode,
	LabelRegion,
	NotCheck,
	OneOfCheck,
	PromptScore,
	RegexCheck,
	Suite,
	SuiteCheckResult,
	SuitePrompt,
} from './types.js';
export {PromptSelectionError, SuiteError, formatIssue} from './errors.js';
export type {SuiteIssue} from './errors.js';
export {loadSuite, parseSuite} from './load.js';
export {selectPrompts, suiteTags} from './select.js';
export type {PromptSelection} from './select.js';
export {scorePrompt, suiteCorrectness} from './score.js';
export type {Correctness} from './score.js';
export {describeCheck, evaluateCheck} from './evaluate.js';
export {readJsonAnswer} from './json-answer.js';
export {builtinSuiteNames, builtinSuitePath, defaultSuitePath, packageRoot} from './paths.js';
export {isScorable, rescoreResponses} from './rescore.js';
export type {RescoredPrompt, SavedResponse} from './rescore.js';
