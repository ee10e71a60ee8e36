/** What is wrong with a criteria file. */
export type CriteriaFileProblem = 'missing' | 'unreadable' | 'malformed' | 'unknown-id' | 'unknown-key' | 'wrong-type' | 'negative-bound' | 'out-of-range';

/** Structured fields of a {@link CriteriaFileError}. */
export interface CriteriaFileErrorFields {
	/** The file as the user named it. */
	file: string;
	/** 1-based line, or `null` when the file could not be read. */
	line: number | null;
	/** Dotted key path, e.g. `criteria.idle-cpu.max`, or `null` (syntax or file errors). */
	key: string | null;
	problem: CriteriaFileProblem;
	/** What is wrong, in a few words. */
	detail: string;
}

/**
 * A `--criteria FILE` that cannot be used. The one-line message names the
 * file, the line and the key:
 * `criteria file limits.yaml:3: criteria.idle-cpu.maxx: unknown key (expected max, exclusive or enabled)`.
 */
export class CriteriaFileError extends Error {
	readonly file: string;
	readonly line: number | null;
	readonly key: string | null;
	readonly problem: CriteriaFileProblem;
	readonly detail: string;

	constructor(fields: CriteriaFileErrorFields) {
		const where = fields.line === null ? fields.file : `${fields.file}:${fields.line}`;
		const key = fields.key === null ? '' : `${fields.key}: `;
		super(`criteria file ${where}: ${key}${fields.detail}`);
		this.name = 'CriteriaFileError';
		this.file = fields.file;
		this.line = fields.line;
		this.key = fields.key;
		this.problem = fields.problem;
		this.detail = fields.detail;
	}
}
