/** One problem found in a suite file. */
export interface SuiteIssue {
	/** 1-based line, when the problem has one. */
	line?: number;
	message: string;
}

/**
 * A suite file that cannot be used: missing, not YAML, or not a valid suite.
 * The message is one line, `FILE:LINE: what is wrong` (`FILE: what is wrong`
 * when there is no line, e.g. a missing file). `issues` holds every problem
 * found, in file order; the message names the first.
 */
export class SuiteError extends Error {
	override readonly name: string = 'SuiteError';
	readonly file: string;
	readonly line: number | undefined;
	readonly detail: string;
	readonly issues: readonly SuiteIssue[];

	constructor(file: string, issues: readonly SuiteIssue[]) {
		const first = issues[0] ?? {message: 'invalid suite'};
		super(formatIssue(file, first));
		this.file = file;
		this.line = first.line;
		this.detail = first.message;
		this.issues = issues.length > 0 ? issues : [first];
	}
}

/**
 * The prompts asked for (`--prompt ID`, `--tags a,b`) are not in the suite.
 * A `SuiteError` without a line, so the CLI handles both alike.
 */
export class PromptSelectionError extends SuiteError {
	override readonly name = 'PromptSelectionError';
}

/** `FILE:LINE: message`, or `FILE: message` without a line. */
export function formatIssue(file: string, issue: SuiteIssue): string {
	return issue.line === undefined ? `${file}: ${issue.message}` : `${file}:${issue.line}: ${issue.message}`;
}
