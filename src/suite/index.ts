/**
 * Prompt suites: loading and validating the YAML format (`prompts/README.md`),
 * choosing what runs, and scoring answers against each prompt's rubric.
 */
export type {Suite, SuitePrompt, SuiteWarning} from './types.js';
export {PromptSelectionError, SuiteError} from './errors.js';
export {loadSuite, parseSuite} from './load.js';
export {selectPrompts, suiteTags} from './select.js';
export {scorePrompt, suiteCorrectness} from './score.js';
export {builtinSuiteNames, builtinSuitePath, defaultSuitePath, packageRoot} from './paths.js';
export {isScorable, rescoreResponses} from './rescore.js';
export type {RescoredPrompt} from './rescore.js';
export {adversaries, regexLiteral} from './adversaries.js';
export type {Adversary} from './adversaries.js';
export {DEFAULT_MAX_GAMED, auditSuite, gamedCeiling} from './audit.js';
export type {AdversaryScore, PromptAudit, SuiteAudit} from './audit.js';
export {lengthFactor} from './score.js';
export {auditJson, formatAudit} from './audit-format.js';
