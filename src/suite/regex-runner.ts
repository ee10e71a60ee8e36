import {createContext, Script} from 'node:vm';

/**
 * Longest a suite regex may run on one answer, ms. `/^(a+)+$/` on 40 a's
 * backtracks for minutes; a real check finishes in microseconds.
 */
export const REGEX_TIME_LIMIT_MS = 250;

/** The outcome of {@link testRegex}: matched, or not, or stopped at the time limit. */
export type RegexOutcome = 'match' | 'no-match' | 'timeout';

const context = createContext({pattern: '', flags: '', text: ''});
const script = new Script('new RegExp(pattern, flags).test(text)');

/**
 * The one place a suite's regex runs against an answer (checks, rescoring):
 * in a `vm` context with a time limit, so a catastrophic-backtracking
 * pattern cannot freeze a run (RE2 would, but lacks the lookaheads suites use).
 */
export function testRegex(pattern: string, flags: string, text: string, timeoutMs = REGEX_TIME_LIMIT_MS): RegexOutcome {
	context['pattern'] = pattern;
	context['flags'] = flags;
	context['text'] = text;
	try {
		return script.runInContext(context, {timeout: timeoutMs}) === true ? 'match' : 'no-match';
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
		throw error;
	} finally {
		context['text'] = '';
	}
}
